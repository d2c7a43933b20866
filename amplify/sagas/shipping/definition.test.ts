import validator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedAsl } from '../testing';
import { shippingDefinition, type ShippingSteps } from './definition';

type State = {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultPath?: string;
  SecondsPath?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number }[];
  Catch?: unknown[];
};
let asl: { StartAt: string; States: Record<string, State> };

beforeAll(() => {
  asl = synthesizedAsl<ShippingSteps, typeof asl>(['createShipment', 'dispatchShipment'], shippingDefinition);
});

/** The states from the start, following `Next`. */
const path = () => {
  const names: string[] = [];
  for (let name: string | undefined = asl.StartAt; name; name = asl.States[name].Next) names.push(name);
  return names;
};

describe('the shipping saga', () => {
  it('is valid Amazon States Language', () => {
    const { isValid, errors } = validator(asl);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('creates the shipment, waits the delay the warehouse answered, dispatches it, and succeeds', () => {
    expect(path()).toEqual(['CreateShipment', 'WaitForDispatch', 'DispatchShipment', 'ShipmentHandled']);
    expect(asl.States.CreateShipment.ResultPath).toBe('$.shipment');
    expect(asl.States.CreateShipment.Parameters).toBeUndefined(); // its input: the OrderConfirmed event
    expect(asl.States.WaitForDispatch.SecondsPath).toBe('$.shipment.dispatchDelaySeconds');
    expect(asl.States.DispatchShipment.Parameters).toEqual({
      'orderId.$': '$.shipment.orderId',
      'executionId.$': '$$.Execution.Id', // for its log lines
    });
    expect(asl.States.ShipmentHandled.Type).toBe('Succeed');
  });

  it('retries transient errors, then any error a few times with backoff, but never a malformed event', () => {
    for (const name of ['CreateShipment', 'DispatchShipment']) {
      const retry = asl.States[name].Retry!;
      expect(retry[0].ErrorEquals).toEqual(expect.arrayContaining(['Lambda.TooManyRequestsException', 'ShipmentBusy']));
      expect(retry[1]).toEqual({ ErrorEquals: ['MalformedEvent', 'UserInputError'], MaxAttempts: 0 });
      expect(retry.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 3, BackoffRate: 2 });
      expect(asl.States[name].Catch).toBeUndefined();
    }
  });
});
