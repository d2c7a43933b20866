import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly, type Naming, type Resource } from '../assembly/assembly';

/** An `AWS::SNS::Topic` of the templates. */
export interface Topic {
  readonly logicalId: string;
  readonly name: string;
  /** `arn:aws:sns:<region>:<account>:<name>` (`Fn::GetAtt TopicArn`). */
  readonly arn: string;
  /** Every value a handler may have been given for it (the ARN, and what `Ref` evaluates to). */
  readonly aliases: readonly string[];
  readonly displayName?: string;
}

/** The topics of the templates: the only ones the local SNS knows. */
export const topicsOf = (assembly: Assembly): Topic[] =>
  assembly.resources('AWS::SNS::Topic').map((resource) => {
    const arn = String(assembly.attribute(resource, 'TopicArn'));
    const ref = String(assembly.resolve(resource.stack, { Ref: resource.logicalId }));
    const props = assembly.properties<{ DisplayName?: string }>(resource);
    return {
      logicalId: resource.logicalId,
      name: arn.split(':').pop()!,
      arn,
      aliases: [...new Set([arn, ref])],
      ...(props.DisplayName ? { displayName: props.DisplayName } : {}),
    };
  });

/** A topic given by ARN only (for tests and callers without an assembly). */
export const topicFromArn = (arn: string): Topic => ({
  logicalId: arn,
  name: arn.split(':').pop()!,
  arn,
  aliases: [arn],
});

const topicName = (r: Resource) =>
  typeof r.properties.TopicName === 'string' ? r.properties.TopicName : `${r.stack.name}-${r.logicalId}`;

/**
 * A `Naming` (for `new Assembly(dir, naming)`) under which `Ref` of an `AWS::SNS::Topic` is its
 * ARN, as in CloudFormation (the assembly's default `Ref` is the bare name). The local SNS accepts
 * either; this makes a handler's `*_TOPIC_ARN` variable a real ARN.
 */
export const snsTopicNaming: Naming = {
  physicalId: (r) =>
    r.type === 'AWS::SNS::Topic' ? `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${topicName(r)}` : undefined,
  attribute: (r, name) => {
    if (r.type !== 'AWS::SNS::Topic') return undefined;
    if (name === 'TopicArn') return `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${topicName(r)}`;
    if (name === 'TopicName') return topicName(r);
    return undefined;
  },
};
