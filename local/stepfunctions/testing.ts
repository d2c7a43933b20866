/** Test support: an in-process stand-in for the Lambda emulator and small state machines. */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { functionNameOf } from '../lambda/emulator';
import type { LambdaFailure } from '../ports';
import { stateMachineArn, type StateMachineSpec } from './machines';
import type { LambdaBackend } from './tasks';

export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** An error a fake function throws, with the `name` Lambda reports as `errorType`. */
export const failure = (errorType: string, message: string): Error =>
  Object.assign(new Error(message), { name: errorType });

/**
 * Functions as plain async functions, answering as the emulator does: the result as JSON, or the
 * error payload (`{errorType, errorMessage, trace}`). Every call is recorded.
 */
export const fakeLambda = (
  functions: Record<string, (event: never) => unknown>,
): LambdaBackend & { calls: { name: string; event: unknown }[] } => {
  const calls: { name: string; event: unknown }[] = [];
  return {
    calls,
    has: (nameOrArn) => Object.hasOwn(functions, functionNameOf(nameOrArn)),
    invokeRaw: async (nameOrArn, payload) => {
      const name = functionNameOf(nameOrArn);
      if (!Object.hasOwn(functions, name))
        throw Object.assign(new Error(`Function not found: ${nameOrArn}`), { name: 'ResourceNotFoundException' });
      const event = JSON.parse(payload) as never;
      calls.push({ name, event });
      try {
        return { payload: JSON.stringify((await functions[name](event)) ?? null) };
      } catch (thrown) {
        const e = thrown as Error;
        const error: LambdaFailure = {
          errorType: e.name,
          errorMessage: e.message,
          trace: [`${e.name}: ${e.message}`, '    at handler (file:///var/task/index.mjs:1:1)'],
        };
        return { payload: JSON.stringify(error), error };
      }
    },
  };
};

/** A Standard state machine of that name and definition, as the assembly would give it. */
export const machine = (name: string, definition: object): StateMachineSpec => ({
  logicalId: name,
  name,
  arn: stateMachineArn(name),
  type: 'STANDARD',
  roleArn: `arn:aws:iam::000000000000:role/${name}Role`,
  definitionString: JSON.stringify(definition),
  definition: definition as StateMachineDefinition,
});
