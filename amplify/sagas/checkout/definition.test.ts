import { App, Stack, aws_lambda as lambda, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import validator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
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
  const stack = new Stack(new App(), 'Checkout');
  const fn = (name: string) =>
    new lambda.Function(stack, name, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      functionName: name,
    });
  const names: (keyof CheckoutSteps)[] = [
    'reserveStock',
    'releaseStock',
    'commitStock',
    'authorizePayment',
    'capturePayment',
    'voidPayment',
    'refundPayment',
    'confirmOrder',
    'failOrder',
  ];
  const steps = Object.fromEntries(names.map((n) => [n, fn(n)])) as unknown as CheckoutSteps;
  new sfn.StateMachine(stack, 'Saga', {
    definitionBody: sfn.DefinitionBody.fromChainable(checkoutDefinition(stack, steps)),
  });
  const machine = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0];
  // The definition is a Fn::Join of strings and function ARNs: put the function names in their place.
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as (
    string | { 'Fn::GetAtt': [string, string] } | { Ref: string }
  )[];
  const text = parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : 'Ref' in p
          ? p.Ref.replace('AWS::Partition', 'aws')
          : `arn:aws:lambda:::function:${p['Fn::GetAtt'][0]}`,
    )
    .join('');
  asl = JSON.parse(text);
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

  it('retries compensations, and confirming a sold order, on every error, so neither is ever abandoned', () => {
    for (const undo of ['ReleaseStock', 'VoidPayment', 'RefundPayment', 'MarkOrderFailed', 'MarkOrderConfirmed']) {
      expect(asl.States[undo].Retry).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 6 }),
      ]);
      expect(asl.States[undo].Catch).toBeUndefined();
    }
  });
});
