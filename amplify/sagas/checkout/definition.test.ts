import validator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedAsl } from '../testing';
import { checkoutDefinition, type CheckoutSteps } from './definition';

type State = {
  Type: string;
  Next?: string;
  Resource?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
};
let asl: { StartAt: string; States: Record<string, State> };

beforeAll(() => {
  asl = synthesizedAsl<CheckoutSteps, typeof asl>(
    [
      'reserveStock',
      'releaseStock',
      'commitStock',
      'authorizePayment',
      'capturePayment',
      'voidPayment',
      'refundPayment',
      'confirmOrder',
      'failOrder',
    ],
    checkoutDefinition,
  );
});

describe('the checkout saga', () => {
  it('is valid Amazon States Language', () => {
    const { isValid, errors } = validator(asl);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('retries only the transient errors each service names, never a decline or a shortage', () => {
    const retried = (state: string) => asl.States[state].Retry!.flatMap((r) => r.ErrorEquals);
    expect(retried('ReserveStock')).toContain('InventoryBusy');
    expect(retried('ReserveStock')).not.toContain('OutOfStock');
    expect(retried('AuthorizePayment')).toEqual(
      expect.arrayContaining(['PaymentProviderUnavailable', 'PaymentInProgress', 'ProviderTimeout', 'States.Timeout']),
    );
    for (const final of ['PaymentDeclined', 'InsufficientFunds', 'States.ALL']) {
      expect(retried('AuthorizePayment')).not.toContain(final);
    }
  });

  it("hands every step its execution's id, which the step's log lines carry", () => {
    const tasks = Object.values(asl.States).filter((state) => state.Type === 'Task');
    expect(tasks).toHaveLength(9);
    for (const task of tasks) {
      expect((task as { Parameters?: Record<string, unknown> }).Parameters).toMatchObject({
        'orderId.$': '$.orderId',
        'executionId.$': '$$.Execution.Id',
      });
    }
  });

  it('retries compensations, and confirming a sold order, on every error, so neither is ever abandoned', () => {
    for (const undo of ['ReleaseStock', 'VoidPayment', 'RefundPayment', 'MarkOrderFailed', 'MarkOrderConfirmed']) {
      expect(asl.States[undo].Retry).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 6 }),
      ]);
      if (undo !== 'VoidPayment') expect(asl.States[undo].Catch).toBeUndefined();
    }
    // A payment captured by an attempt that then failed is refunded, not left captured.
    expect(asl.States.VoidPayment.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['InvalidPaymentState'], Next: 'RefundPayment' }),
    ]);
  });

  it('undoes the failed step too, whose earlier attempt may have written', () => {
    const caughtInto = (state: string) => asl.States[state].Catch?.[0]?.Next;
    expect(caughtInto('ReserveStock')).toBe('ReleaseStock');
    expect(caughtInto('AuthorizePayment')).toBe('VoidPayment');
    expect(caughtInto('CapturePayment')).toBe('VoidPayment');
    expect(caughtInto('CommitStock')).toBe('RefundPayment');
  });

  it('refunds after a commit only when the inventory refuses it, and retries any other error', () => {
    const retriers = asl.States.CommitStock.Retry!;
    const refusals = retriers.find((r) => r.ErrorEquals.includes('ReservationReleased'));
    expect(refusals).toMatchObject({ MaxAttempts: 0 });
    expect(retriers.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 6 });
    expect(retriers.indexOf(refusals!)).toBeLessThan(retriers.length - 1);
  });
});
