import type { StateMachineDefinition } from 'aws-local-stepfunctions';

export interface ExecutionIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startDate: Date;
}

/** The part of the Context object that changes as the execution moves from state to state. */
interface StateContext {
  Name: string;
  EnteredTime: string;
}

/**
 * The Context object (`$$`) of one execution, as Step Functions gives it: `Execution.Id/Name/
 * RoleArn/StartTime`, `StateMachine.Id/Name` and `State.Name/EnteredTime`. aws-local-stepfunctions
 * takes a fixed context and fills in only `Execution.Input/StartTime` itself; it reads the next
 * state as `definition.States[name]` right before entering it, so a proxy on `States` keeps
 * `$$.State` current (for the top-level states; inside a Map or Parallel it stays the outer state).
 */
export const executionContext = (
  definition: StateMachineDefinition,
  id: ExecutionIdentity,
): { definition: StateMachineDefinition; context: Record<string, unknown> } => {
  const state: StateContext = { Name: '', EnteredTime: '' };
  const states = new Proxy(definition.States, {
    get(target, key, receiver) {
      if (typeof key === 'string' && Object.hasOwn(target, key)) {
        state.Name = key;
        state.EnteredTime = new Date().toISOString();
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return {
    definition: { ...definition, States: states },
    context: {
      Execution: {
        Id: id.executionArn,
        Name: id.name,
        RoleArn: id.roleArn,
        StartTime: id.startDate.toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: id.stateMachineArn, Name: id.stateMachineName },
      State: state,
    },
  };
};
