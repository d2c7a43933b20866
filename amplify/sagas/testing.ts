import { App, Stack, aws_lambda as lambda, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';

/**
 * Test support: a state machine definition as the Amazon States Language it synthesizes to, with
 * each function's ARN made from its name (`arn:aws:lambda:::function:<LogicalId>`), so that tests
 * read states, retries and catches as Step Functions will.
 */
export const synthesizedAsl = <Steps extends object, Asl>(
  names: readonly (keyof Steps & string)[],
  define: (scope: Construct, steps: Steps) => sfn.IChainable,
): Asl => {
  const stack = new Stack(new App(), 'Saga');
  const fn = (name: string) =>
    new lambda.Function(stack, name, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      functionName: name,
    });
  const steps = Object.fromEntries(names.map((n) => [n, fn(n)])) as unknown as Steps;
  new sfn.StateMachine(stack, 'Saga', { definitionBody: sfn.DefinitionBody.fromChainable(define(stack, steps)) });
  const machine = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0];
  // The definition is a Fn::Join of strings, function ARNs and references: put names in their place.
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as (
    string | { 'Fn::GetAtt': [string, string] } | { Ref: string }
  )[];
  const text = parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : 'Ref' in p
          ? p.Ref.replace('AWS::Partition', 'aws')
          : `arn:aws:lambda:::function:${p['Fn::GetAtt'][0]}`,
    )
    .join('');
  return JSON.parse(text) as Asl;
};
