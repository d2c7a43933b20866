export { startAppSync } from './server';
export type { AppSyncOptions, RunningAppSync } from './server';
export { readApi } from './definition';
export type {
  ApiDefinition,
  AuthorizerConfig,
  LambdaPlan,
  ModelPlan,
  ModelOperation,
  ResolverPlan,
  TableInfo,
} from './definition';
export type { AuthorizerDecision, AuthorizerStats } from './authorizer';
