import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Assembly, type Resource } from '../../local/assembly/assembly';
import { synthesized } from '../../local/testing/assemblies';
import {
  expectBaselineManagedRules,
  expectRateRule,
  expectStorefrontAcl,
  rulesOf,
  targetsOf,
} from './acl-expectations';
import { API_RATE_LIMIT_PER_5_MIN, PLACE_ORDER_RATE_LIMIT_PER_5_MIN } from './api-firewall';
import { USER_POOL_OPERATION_LIMITS, USER_POOL_RATE_LIMIT_PER_5_MIN } from './sign-in-firewall';
import { hostingEnvironment, protectHostedStorefront } from './storefront-firewall';

/** The edge stack's resources of one assembly, by logical id prefix. */
const edgeOf = (assembly: Assembly) => {
  const edge = assembly.stacks.find((s) => s.name.includes('edge') && s.parent && !s.parent.stack.parent);
  if (!edge) throw new Error('no edge stack');
  const resources = assembly.resources().filter((r) => r.stack === edge);
  const one = (prefix: string): Resource | undefined => resources.find((r) => r.logicalId.startsWith(prefix));
  /** What the nested stack's parameter that a property refers to is given by its parent. */
  const passed = (value: unknown) =>
    JSON.stringify((edge.parent!.properties.Parameters as Record<string, unknown>)[(value as { Ref: string }).Ref]);
  return { resources, one, passed };
};
const asAcl = (r: Resource | undefined) => {
  expect(r?.type).toBe('AWS::WAFv2::WebACL');
  return { Properties: r!.properties };
};

let sandbox: ReturnType<typeof edgeOf>;
/** A branch build on Amplify Hosting in us-east-1. */
let branch: ReturnType<typeof edgeOf>;

beforeAll(async () => {
  [sandbox, branch] = (await Promise.all([synthesized('sandbox'), synthesized('branch')])).map(edgeOf);
}, 600_000);

describe('the API firewall', () => {
  it('is regional, with the managed rules, a per-IP limit and a tighter one on placing orders', () => {
    for (const edge of [sandbox, branch]) {
      const acl = asAcl(edge.one('ApiWebAcl'));
      expect(acl.Properties.Scope).toBe('REGIONAL');
      const rules = rulesOf(acl);
      expect([...rules.keys()].sort()).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'RatePerIp',
        'RatePlaceOrder',
      ]);
      expectBaselineManagedRules(rules);
      expect(expectRateRule(rules.get('RatePerIp'), API_RATE_LIMIT_PER_5_MIN)).toBeUndefined();
      expect(expectRateRule(rules.get('RatePlaceOrder'), PLACE_ORDER_RATE_LIMIT_PER_5_MIN)).toEqual({
        ByteMatchStatement: {
          FieldToMatch: { Body: { OversizeHandling: 'CONTINUE' } },
          PositionalConstraint: 'CONTAINS',
          SearchString: 'placeOrder',
          TextTransformations: [{ Priority: 0, Type: 'JS_DECODE' }],
        },
      });
      expect(PLACE_ORDER_RATE_LIMIT_PER_5_MIN).toBeLessThan(API_RATE_LIMIT_PER_5_MIN / 10);
      const association = edge.one('ApiWebAclAssociation')!.properties;
      expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiWebAcl/), 'Arn'] });
      expect(edge.passed(association.ResourceArn)).toMatch(/GraphQLAPI.*Arn/);
    }
  });
});

describe('the user pool firewall (branches, not sandboxes)', () => {
  it('is regional and associated with the Cognito user pool', () => {
    const acl = asAcl(branch.one('UserPoolWebAcl'));
    expect(acl.Properties.Scope).toBe('REGIONAL');
    const association = branch.one('UserPoolWebAclAssociation')!.properties;
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^UserPoolWebAcl/), 'Arn'] });
    expect(branch.passed(association.ResourceArn)).toMatch(/auth.*UserPool.*Arn/);
  });

  it('limits signing in, signing up and password resets per IP, by the Cognito operation called', () => {
    const rules = rulesOf(asAcl(branch.one('UserPoolWebAcl')));
    expect([...rules.keys()].sort()).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'RateForgotPassword',
      'RateSignIn',
      'RateSignUp',
      'UserPoolRatePerIp',
    ]);
    expectBaselineManagedRules(rules);
    expect(expectRateRule(rules.get('UserPoolRatePerIp'), USER_POOL_RATE_LIMIT_PER_5_MIN)).toBeUndefined();
    const target = (op: string) => `AWSCognitoIdentityProviderService.${op}`;
    const scoped = {
      RateSignIn: [target('InitiateAuth')],
      RateSignUp: [target('ConfirmSignUp'), target('ResendConfirmationCode'), target('SignUp')],
      RateForgotPassword: [target('ConfirmForgotPassword'), target('ForgotPassword')],
    };
    for (const [name, targets] of Object.entries(scoped)) {
      const { limitPer5Min } =
        USER_POOL_OPERATION_LIMITS[name.replace('Rate', '') as keyof typeof USER_POOL_OPERATION_LIMITS];
      expect(limitPer5Min).toBeLessThan(USER_POOL_RATE_LIMIT_PER_5_MIN);
      expect(targetsOf(expectRateRule(rules.get(name), limitPer5Min)), name).toEqual(targets);
    }
  });

  it('is not deployed to a developer sandbox (one ACL a month less per developer)', () => {
    expect(sandbox.resources.map((r) => r.type).filter((t) => t.startsWith('AWS::WAFv2'))).toEqual([
      'AWS::WAFv2::WebACL',
      'AWS::WAFv2::WebACLAssociation',
    ]);
  });
});

describe('the hosted storefront firewall, way (a): the backend in us-east-1', () => {
  it('is a CLOUDFRONT web ACL with the managed rules, a per-IP limit and tighter ones on sign-in/up and checkout', () => {
    expectStorefrontAcl(asAcl(branch.one('StorefrontWebAcl')));
  });

  it('is associated with the Amplify Hosting app named by the build, in the deploying account', () => {
    const association = branch.one('StorefrontWebAclAssociation')!.properties;
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^StorefrontWebAcl/), 'Arn'] });
    expect(association.ResourceArn).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':amplify:us-east-1:', { Ref: 'AWS::AccountId' }, ':apps/d1a2b3c4d5e6f7'],
      ],
    });
  });

  it('is left to way (b) when the build is not on Amplify Hosting or not in us-east-1', () => {
    expect(sandbox.one('StorefrontWebAcl')).toBeUndefined();
    const stack = new Stack();
    expect(protectHostedStorefront(stack, hostingEnvironment({}))).toBeUndefined();
    expect(protectHostedStorefront(stack, { appId: 'd1a2b3c4d5e6f7', region: 'eu-west-1' })).toBeUndefined();
    expect(stack.node.children).toEqual([]);
    expect(() => hostingEnvironment({ AWS_APP_ID: 'd1a2b3c4d5e6f7' })).toThrow(/AWS_REGION/);
    expect(() => hostingEnvironment({ AWS_APP_ID: 'arn:aws:amplify:x', AWS_REGION: 'us-east-1' })).toThrow(
      /AWS_APP_ID/,
    );
  });
});
