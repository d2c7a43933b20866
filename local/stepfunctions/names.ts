import { LOCAL_ACCOUNT, LOCAL_REGION } from '../assembly/assembly';
import { AwsJsonError } from '../sns/aws-json';

/** Step Functions' own limit on an execution's input (and output): 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const executionArn = (stateMachineName: string, name: string): string =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineName}:${name}`;

/** `arn:aws:states:<region>:<account>:execution:<machine>:<name>` → its parts; anything else is `InvalidArn`. */
export const parseExecutionArn = (arn: unknown): { stateMachineName: string; name: string } => {
  const m = typeof arn === 'string' ? /^arn:aws:states:[^:]+:\d{12}:execution:([^:]+):([^:]+)$/.exec(arn) : null;
  if (!m) throw new AwsJsonError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return { stateMachineName: m[1], name: m[2] };
};

/** `arn:aws:states:<region>:<account>:stateMachine:<name>`, else `InvalidArn`. */
export const checkStateMachineArn = (arn: unknown): string => {
  if (typeof arn !== 'string' || !/^arn:aws:states:[^:]+:\d{12}:stateMachine:[^:]+$/.test(arn))
    throw new AwsJsonError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return arn;
};

/**
 * An execution's name as Step Functions allows it: 1 to 80 characters, none of them white space,
 * `< > { } [ ] ? * " # % \ ^ | ~ \` $ & , ; : /` or a control character.
 */
export const checkExecutionName = (name: unknown): string => {
  const valid =
    typeof name === 'string' &&
    name.length >= 1 &&
    name.length <= 80 &&
    // eslint-disable-next-line no-control-regex
    !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
  if (!valid) throw new AwsJsonError('InvalidName', `Invalid Name: '${String(name)}'`);
  return name;
};

/** The input as given (`{}` when absent), once it is known to be JSON of at most 256 KiB. */
export const checkExecutionInput = (input: unknown): string => {
  if (input === undefined || input === null) return '{}';
  if (typeof input !== 'string')
    throw new AwsJsonError('InvalidExecutionInput', `Invalid State Machine Execution Input: 'not a string'`);
  if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES)
    throw new AwsJsonError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: 'Input size exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes'`,
    );
  try {
    JSON.parse(input);
  } catch (error) {
    throw new AwsJsonError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${(error as Error).message}'`,
    );
  }
  return input;
};

/** What StartExecution does when the name is taken, for a Standard workflow. */
export type StartDecision = 'start' | 'return-existing' | 'already-exists';

/**
 * Standard workflows are idempotent by name: the same name and the same input while the first
 * execution runs gets that execution back; a closed execution or another input is
 * `ExecutionAlreadyExists`. (Names are reusable after 90 days on AWS; locally, never.)
 */
export const decideStart = (existing: { status: string; input: string } | undefined, input: string): StartDecision =>
  !existing
    ? 'start'
    : existing.status === 'RUNNING' && existing.input === input
      ? 'return-existing'
      : 'already-exists';
