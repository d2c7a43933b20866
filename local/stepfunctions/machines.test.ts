import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureAssembly } from '../lambda/testing';
import { stateMachineNaming, stateMachinesOf } from './machines';

const assembly = fixtureAssembly(
  {
    functions: { Worker: { files: { 'index.mjs': 'export const handler = async () => 1;' } } },
    resources: {
      SagaRole: { Type: 'AWS::IAM::Role', Properties: {} },
      Saga1A2B3C4D: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: { 'Fn::GetAtt': ['SagaRole', 'Arn'] },
          DefinitionString: {
            'Fn::Join': [
              '',
              [
                '{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"',
                { 'Fn::GetAtt': ['Worker', 'Arn'] },
                '","Comment":"${Note}","End":true}}}',
              ],
            ],
          },
          DefinitionSubstitutions: { Note: 'substituted' },
        },
      },
      Named: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: 'my-named-machine',
          StateMachineType: 'EXPRESS',
          Definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        },
      },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'Saga1A2B3C4D' } } },
    },
  },
  stateMachineNaming,
);
afterAll(() => rmSync(assembly.dir, { recursive: true, force: true }));

describe('state machines of the templates', () => {
  it('names an unnamed one as CloudFormation would, the same at every start, with Ref its ARN', () => {
    const [saga, named] = stateMachinesOf(assembly);
    expect(saga.name).toMatch(/^Saga1A2B3C4D-[A-Za-z0-9]{12}$/);
    expect(stateMachinesOf(assembly)[0].name).toBe(saga.name);
    expect(saga.arn).toBe(`arn:aws:states:us-east-1:000000000000:stateMachine:${saga.name}`);
    const param = assembly.resources('AWS::SSM::Parameter')[0];
    expect(assembly.properties<{ Value: string }>(param).Value).toBe(saga.arn);
    expect(named).toMatchObject({ name: 'my-named-machine', type: 'EXPRESS' });
  });

  it('evaluates the definition: function ARNs in place, substitutions applied', () => {
    const [saga] = stateMachinesOf(assembly);
    const work = saga.definition.States.Work as { Resource: string; Comment: string };
    expect(work.Resource).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:.+Worker$/);
    expect(work.Comment).toBe('substituted');
    expect(JSON.parse(saga.definitionString)).toEqual(saga.definition);
    expect(saga.roleArn).toMatch(/^arn:aws:iam:/);
    expect(saga.type).toBe('STANDARD');
  });
});
