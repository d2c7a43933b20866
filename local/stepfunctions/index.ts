/** The local Step Functions: the state machines of the templates, run by aws-local-stepfunctions. */
export { LocalStepFunctions } from './step-functions';
export type { LocalStepFunctionsOptions, StepFunctionsMetrics } from './step-functions';
export { stateMachineArn, stateMachineNaming, stateMachinesOf } from './machines';
export type { StateMachineSpec } from './machines';
export { bindTasks, taskStates, TaskFailure } from './tasks';
export type { EventsBackend, LambdaBackend, TaskBackends, TaskBinding, TaskKind } from './tasks';
export { HistoryBuilder } from './history';
export type { HistoryEvent, LibraryEvent, TaskAttempt } from './history';
export { ExecutionStore } from './store';
export type { ExecutionRecord, ExecutionStatus } from './store';
export { executionArn } from './names';
export { stepFunctionsRoutes } from './routes';
export type { StepFunctionsApi } from './routes';
