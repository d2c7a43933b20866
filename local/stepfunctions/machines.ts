import { createHash } from 'node:crypto';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly, type Naming, type Resource } from '../assembly/assembly';

/** An `AWS::StepFunctions::StateMachine` of the templates, as the local Step Functions runs it. */
export interface StateMachineSpec {
  readonly logicalId: string;
  readonly name: string;
  /** `arn:aws:states:<region>:<account>:stateMachine:<name>` (what `Ref` gives). */
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  /** The definition as deployed (substitutions applied): what `DescribeStateMachine` answers. */
  readonly definitionString: string;
  readonly definition: StateMachineDefinition;
}

export const stateMachineArn = (name: string): string =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;

/**
 * The name CloudFormation gives a state machine the template leaves unnamed: its logical id and a
 * 12-character suffix (here derived from the stack, so it is the same at every start).
 */
const generatedName = (r: Resource): string => {
  const suffix = createHash('sha256')
    .update(`${r.stack.name}/${r.logicalId}`)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12);
  return `${r.logicalId.slice(0, 80 - 13)}-${suffix}`;
};

/**
 * A `Naming` (for `new Assembly(dir, naming)`) that gives an unnamed state machine the kind of name
 * CloudFormation would (`CheckoutSaga4520151D-a1B2c3D4e5F6`) rather than the assembly's
 * `<stack>-<logicalId>`, which is longer than Step Functions' 80 characters. `Ref` is its ARN.
 */
export const stateMachineNaming: Naming = {
  physicalId: (r) =>
    r.type === 'AWS::StepFunctions::StateMachine' && r.properties.StateMachineName === undefined
      ? generatedName(r)
      : undefined,
};

interface StateMachineProperties {
  DefinitionString?: string;
  Definition?: StateMachineDefinition;
  DefinitionS3Location?: unknown;
  DefinitionSubstitutions?: Record<string, unknown>;
  StateMachineType?: 'STANDARD' | 'EXPRESS';
  RoleArn?: string;
}

/** Every state machine of the templates, its definition evaluated as CloudFormation would. */
export const stateMachinesOf = (assembly: Assembly): StateMachineSpec[] =>
  assembly.resources('AWS::StepFunctions::StateMachine').map((resource) => {
    const props = assembly.properties<StateMachineProperties>(resource);
    const arn = assembly.refOf(resource);
    if (props.DefinitionS3Location)
      throw new Error(`state machine ${resource.logicalId}: a definition in S3 is not supported locally`);
    let text = props.DefinitionString ?? JSON.stringify(props.Definition ?? {});
    for (const [key, value] of Object.entries(props.DefinitionSubstitutions ?? {}))
      text = text.split(`\${${key}}`).join(String(value));
    return {
      logicalId: resource.logicalId,
      name: arn.split(':').pop()!,
      arn,
      type: props.StateMachineType ?? 'STANDARD',
      roleArn: props.RoleArn ?? '',
      definitionString: text,
      definition: JSON.parse(text) as StateMachineDefinition,
    };
  });
