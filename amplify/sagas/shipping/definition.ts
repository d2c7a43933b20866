import {
  Duration,
  aws_lambda as lambda,
  aws_stepfunctions as sfn,
  aws_stepfunctions_tasks as tasks,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The functions the shipping saga runs. */
export interface ShippingSteps {
  createShipment: lambda.IFunction;
  dispatchShipment: lambda.IFunction;
}

/** Lambda's own transient failures, and the service's own contention (nothing was written). */
const TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'ShipmentBusy',
];

/** Errors no retry can mend: an event or input that does not parse. */
const FINAL = ['MalformedEvent', 'UserInputError'];

/**
 * The shipping saga, started by the `OrderConfirmed` event (its input is the EventBridge event):
 * create the shipment, wait the warehouse's dispatch delay (which `shipping-create` answers), and
 * dispatch it. Both tasks are idempotent per order, so every retry, and a repeated execution for a
 * redelivered event, changes nothing twice; a shipment cancelled meanwhile is answered as CANCELLED
 * and the execution still succeeds.
 */
export const shippingDefinition = (scope: Construct, steps: ShippingSteps): sfn.IChainable => {
  const step = (id: string, fn: lambda.IFunction, payload: sfn.TaskInput | undefined, resultPath: string) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      payload,
      payloadResponseOnly: true,
      resultPath,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      retryOnServiceExceptions: false,
    });
    task.addRetry({
      errors: TRANSIENT,
      interval: Duration.seconds(1),
      backoffRate: 2,
      maxAttempts: 4,
      jitterStrategy: sfn.JitterType.FULL,
    });
    task.addRetry({ errors: FINAL, maxAttempts: 0 });
    task.addRetry({ errors: [sfn.Errors.ALL], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    return task;
  };

  // No payload: the task gets the whole input, the OrderConfirmed event.
  const create = step('CreateShipment', steps.createShipment, undefined, '$.shipment');
  const wait = new sfn.Wait(scope, 'WaitForDispatch', {
    time: sfn.WaitTime.secondsPath('$.shipment.dispatchDelaySeconds'),
  });
  const dispatch = step(
    'DispatchShipment',
    steps.dispatchShipment,
    sfn.TaskInput.fromObject({ 'orderId.$': '$.shipment.orderId', 'executionId.$': '$$.Execution.Id' }),
    '$.dispatch',
  );
  return create.next(wait).next(dispatch).next(new sfn.Succeed(scope, 'ShipmentHandled'));
};
