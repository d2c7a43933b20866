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
export { localCertificate, makeCertificate } from './certificate';
export type { TlsCertificate } from './certificate';
export type { IamCredentials } from './sigv4';
