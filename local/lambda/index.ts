/** The Lambda emulator: the functions of the cloud assembly, run locally as Lambda would. */
export { LAMBDA_CREDENTIALS, LambdaEmulator, FunctionNotFoundError, functionNameOf } from './emulator';
export type { InvocationRecord, LambdaEmulatorOptions, RawInvocation } from './emulator';
export type { Fault, FaultSpec } from './faults';
export {
  lambdaFunctions,
  ssmParameters,
  resolveSsmEnvironment,
  FRIENDLY_NAME_TAG,
  AMPLIFY_SSM_ENV_CONFIG,
} from './functions';
export type { LambdaFunction, SkippedFunction } from './functions';
