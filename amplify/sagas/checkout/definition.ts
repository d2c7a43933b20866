import {
  Duration,
  aws_lambda as lambda,
  aws_stepfunctions as sfn,
  aws_stepfunctions_tasks as tasks,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The functions the checkout saga runs, one per step or compensation. */
export interface CheckoutSteps {
  reserveStock: lambda.IFunction;
  releaseStock: lambda.IFunction;
  commitStock: lambda.IFunction;
  authorizePayment: lambda.IFunction;
  capturePayment: lambda.IFunction;
  voidPayment: lambda.IFunction;
  refundPayment: lambda.IFunction;
  confirmOrder: lambda.IFunction;
  failOrder: lambda.IFunction;
}

/**
 * Lambda's own transient failures, retried on every step. A runtime that died (`Runtime.ExitError`)
 * or ran out of time (`Sandbox.Timedout`) may have done the step's writes before it went: the outcome
 * is unknown, so the step (idempotent) is retried rather than compensated. Compensating a capture
 * that did happen would void a captured payment, which fails for good (found by the soak).
 */
const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Runtime.ExitError',
  'Sandbox.Timedout',
];

/** Each step's retries: its own transient errors (named by the service) plus Lambda's. */
const RETRIES: Record<keyof CheckoutSteps, string[]> = {
  reserveStock: ['InventoryBusy'],
  releaseStock: ['InventoryBusy'],
  commitStock: ['InventoryBusy'],
  authorizePayment: ['PaymentProviderUnavailable', 'PaymentInProgress', 'ProviderTimeout'],
  capturePayment: ['PaymentProviderUnavailable', 'PaymentInProgress', 'ProviderTimeout'],
  voidPayment: ['PaymentProviderUnavailable', 'PaymentInProgress', 'ProviderTimeout'],
  refundPayment: ['PaymentProviderUnavailable', 'PaymentInProgress', 'ProviderTimeout'],
  confirmOrder: [],
  failOrder: [],
};

/** What the inventory answers when a commit cannot happen: the saga refunds and fails the order. */
const COMMIT_REFUSALS = ['ReservationReleased', 'ReservationNotFound', 'UserInputError'];

/**
 * Steps that must finish: they retry every error, for longer, and never compensate. The
 * compensations, and confirming the order: once the payment is captured and the stock committed the
 * goods are sold, and confirming can only fail if the orders table cannot be written, which is the
 * table marking the order FAILED would write too.
 */
const MUST_FINISH = new Set<keyof CheckoutSteps>([
  'releaseStock',
  'voidPayment',
  'refundPayment',
  'failOrder',
  'confirmOrder',
]);

/**
 * The checkout saga (orchestration): reserve stock, authorize the payment, capture it, commit the
 * stock, confirm the order. A step that fails for good runs the compensations of the steps before
 * it, in reverse, and marks the order FAILED with the failed step's message. Committing the stock
 * is the point of no return: after it the saga only moves forward. Retries, backoff and
 * compensation order live here, not in the handlers; every handler is idempotent, so a retried or
 * repeated step changes nothing twice.
 *
 * `OrderConfirmed` is not published here: it leaves from the orders table's stream once the
 * confirmation is written (the outbox), so that no confirmed order goes unannounced.
 *
 * Input: `{ orderId, userId, lines: [{sku, quantity}], amount, currency, paymentToken }`.
 */
export const checkoutDefinition = (scope: Construct, steps: CheckoutSteps): sfn.IChainable => {
  const step = (name: keyof CheckoutSteps, id: string, payload: Record<string, unknown>, resultPath: string | null) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: steps[name],
      payload: sfn.TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      resultPath: resultPath === null ? sfn.JsonPath.DISCARD : resultPath,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      retryOnServiceExceptions: false,
    });
    const transient = [...RETRIES[name], ...LAMBDA_TRANSIENT];
    const retryEverything = () =>
      task.addRetry({ errors: [sfn.Errors.ALL], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
    if (MUST_FINISH.has(name)) retryEverything();
    else if (name === 'commitStock') {
      // Committing is the point of no return, and an attempt may have committed before it failed:
      // only the inventory's own answers (the hold is gone, or never was) lead to the refund; any
      // other error is retried for longer, as the compensations are. Step Functions takes the first
      // retrier that names an error, so the refusals come first, and no shorter retrier precedes.
      task.addRetry({ errors: COMMIT_REFUSALS, maxAttempts: 0 });
      retryEverything();
    } else {
      task.addRetry({
        errors: transient,
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 3,
        jitterStrategy: sfn.JitterType.FULL,
      });
      task.addRetry({ errors: [sfn.Errors.TIMEOUT], interval: Duration.seconds(2), maxAttempts: 2 });
    }
    return task;
  };

  // Every step gets the order and the execution, which its log lines carry (order_id, execution_id).
  const order = { 'orderId.$': '$.orderId', 'executionId.$': '$$.Execution.Id' };
  const failed = new sfn.Fail(scope, 'CheckoutFailed', { error: 'CheckoutFailed', causePath: '$.failure.Cause' });
  const failOrder = step('failOrder', 'MarkOrderFailed', { ...order, 'failure.$': '$.failure' }, null).next(failed);
  const releaseStock = step('releaseStock', 'ReleaseStock', order, null).next(failOrder);
  const voidTask = step('voidPayment', 'VoidPayment', order, null);
  const voidPayment = voidTask.next(releaseStock);
  const refundPayment = step('refundPayment', 'RefundPayment', order, null).next(releaseStock);

  const catchInto = (task: tasks.LambdaInvoke, compensation: sfn.IChainable) =>
    task.addCatch(compensation, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

  const reserve = step('reserveStock', 'ReserveStock', { ...order, 'lines.$': '$.lines' }, '$.reservation');
  const authorize = step(
    'authorizePayment',
    'AuthorizePayment',
    { ...order, 'amount.$': '$.amount', 'currency.$': '$.currency', 'paymentToken.$': '$.paymentToken' },
    '$.payment',
  );
  const capture = step('capturePayment', 'CapturePayment', order, '$.payment');
  const commit = step('commitStock', 'CommitStock', order, null);
  const confirm = step('confirmOrder', 'MarkOrderConfirmed', order, null);

  // A failed step's own outcome is unknown too (an earlier attempt may have written before it died),
  // so each catch also undoes the failed step: releasing or voiding nothing is a no-op.
  catchInto(reserve, releaseStock);
  catchInto(authorize, voidPayment);
  catchInto(capture, voidPayment);
  catchInto(commit, refundPayment);
  // A capture that did capture before failing cannot be voided: after its retries, refund it.
  voidTask.addCatch(refundPayment, { errors: ['InvalidPaymentState'], resultPath: '$.voidFailure' });

  // Confirming is the last state: a Succeed after it would be one more billed transition.
  return reserve.next(authorize).next(capture).next(commit).next(confirm);
};
