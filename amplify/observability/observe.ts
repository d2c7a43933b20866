import {
  Aspects,
  type IAspect,
  type Stack,
  aws_appsync as appsync,
  aws_sqs as sqs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { traceAndLogApi } from './api';
import { functionsOf, traceAndLogFunctions } from './functions';
import { defineOperations, defineOpsTopic } from './operations';
import { traceAndLogStateMachine } from './workflows';

/** What observability needs of `defineBackend`'s result. */
export interface ObservedBackend {
  readonly stack: Stack;
  createStack(name: string): Stack;
}

/** `cloudshop-<app>-<branch>` (`cloudshop-<sandbox>` for a sandbox): one dashboard per deployment in an account. */
export const dashboardNameOf = (stack: Stack) => {
  const context = (key: string) => String(stack.node.tryGetContext(key) ?? '').replace(/[^A-Za-z0-9_-]/g, '-');
  const parts = [context('amplify-backend-namespace'), context('amplify-backend-name')];
  return ['cloudshop', ...parts.filter((p) => p && p !== 'cloudshop')].join('-');
};

/** Every SQS queue of the backend, by construct id. Each is a dead-letter queue (`deadLetterQueue()`). */
export const queuesOf = (stack: Stack): Map<string, sqs.Queue> => {
  const queues = new Map<string, sqs.Queue>();
  for (const c of stack.node.findAll()) {
    if (!(c instanceof sqs.Queue)) continue;
    if (queues.has(c.node.id)) throw new Error(`two queues are called ${c.node.id}: their alarms would be confused`);
    queues.set(c.node.id, c);
  }
  return queues;
};

/**
 * Observability for the whole backend: tracing, logs with a retention and Powertools' settings for
 * every Amplify function, tracing and logs for the API and the two workflows, and the operations
 * stack (the `OpsAlarms` topic, the alarms, the dashboard). The alarms and the dashboard are made
 * when synthesis begins, so that they watch every queue of the backend, even one made after this
 * call.
 */
export const observe = (
  backend: ObservedBackend,
  props: {
    isSandbox: boolean;
    api: appsync.CfnGraphQLApi;
    authorizer: IFunction;
    checkout: sfn.StateMachine;
    shipping: sfn.StateMachine;
  },
) => {
  const { isSandbox } = props;
  const functions = functionsOf(backend);
  traceAndLogFunctions(functions, { isSandbox });
  traceAndLogApi(props.api, { isSandbox });
  traceAndLogStateMachine(props.checkout, { level: sfn.LogLevel.ERROR, isSandbox });
  traceAndLogStateMachine(props.shipping, { level: sfn.LogLevel.ALL, isSandbox });
  const stack = backend.createStack('observability');
  const topic = defineOpsTopic(stack);
  let defined = false;
  const atSynthesis: IAspect = {
    visit(node) {
      if (node !== backend.stack || defined) return;
      defined = true;
      defineOperations(stack, topic, {
        functions: new Map([...functions].map(([name, fn]) => [name, fn.resources.lambda])),
        authorizer: props.authorizer,
        api: props.api,
        checkout: props.checkout,
        shipping: props.shipping,
        deadLetterQueues: queuesOf(backend.stack),
        dashboardName: dashboardNameOf(backend.stack),
      });
    },
  };
  Aspects.of(backend.stack).add(atSynthesis);
  return { topic };
};
