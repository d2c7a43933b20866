import { expect } from 'vitest';
import { STOREFRONT_PATH_LIMITS, STOREFRONT_RATE_LIMIT_PER_5_MIN } from './storefront-firewall';
import { BASELINE_MANAGED_RULE_GROUPS } from './waf-rules';

/**
 * Test helpers shared by the edge template tests: read a synthesized web ACL's rules by name and
 * check the parts every ACL of the shop must have.
 */

export interface SynthesizedRule {
  Name: string;
  Priority: number;
  Action?: Record<string, unknown>;
  OverrideAction?: Record<string, unknown>;
  Statement: {
    ManagedRuleGroupStatement?: { VendorName: string; Name: string };
    RateBasedStatement?: {
      Limit: number;
      AggregateKeyType: string;
      EvaluationWindowSec?: number;
      ScopeDownStatement?: Record<string, unknown>;
    };
  };
}

export const rulesOf = (acl: { Properties: Record<string, unknown> }): Map<string, SynthesizedRule> => {
  const rules = acl.Properties.Rules as SynthesizedRule[];
  const priorities = rules.map((r) => r.Priority);
  expect(new Set(priorities).size, 'each rule has its own priority').toBe(priorities.length);
  return new Map(rules.map((r) => [r.Name, r]));
};

/** The AWS managed Common, Known bad inputs and Amazon IP reputation groups, each with its own actions. */
export const expectBaselineManagedRules = (rules: Map<string, SynthesizedRule>) => {
  for (const name of BASELINE_MANAGED_RULE_GROUPS) {
    expect(rules.get(name), name).toMatchObject({
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
    });
  }
  expect(BASELINE_MANAGED_RULE_GROUPS).toEqual([
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
    'AWSManagedRulesAmazonIpReputationList',
  ]);
};

/** A blocking per-IP rate rule over 5 minutes; returns its scope-down statement (if any). */
export const expectRateRule = (rule: SynthesizedRule | undefined, limit: number) => {
  expect(rule, 'rate rule').toBeDefined();
  expect(rule!.Action).toEqual({ Block: {} });
  expect(rule!.Statement.RateBasedStatement).toMatchObject({ Limit: limit, AggregateKeyType: 'IP' });
  expect(rule!.Statement.RateBasedStatement!.EvaluationWindowSec ?? 300).toBe(300);
  return rule!.Statement.RateBasedStatement!.ScopeDownStatement;
};

interface MatchStatement {
  OrStatement?: { Statements: MatchStatement[] };
  ByteMatchStatement?: {
    FieldToMatch: unknown;
    PositionalConstraint: string;
    SearchString: string;
    TextTransformations: unknown;
  };
}

/** The byte matches of a statement or of an OR of them. */
const byteMatches = (statement: unknown): NonNullable<MatchStatement['ByteMatchStatement']>[] => {
  const s = statement as MatchStatement;
  if (s.OrStatement) return s.OrStatement.Statements.flatMap(byteMatches);
  expect(s.ByteMatchStatement, 'a byte match').toBeDefined();
  return [s.ByteMatchStatement!];
};

/** The X-Amz-Target values a Cognito scope-down statement matches exactly. */
export const targetsOf = (statement: unknown): string[] =>
  byteMatches(statement)
    .map((match) => {
      expect(match.FieldToMatch).toEqual({ SingleHeader: { Name: 'x-amz-target' } });
      expect(match.PositionalConstraint).toBe('EXACTLY');
      return match.SearchString;
    })
    .sort();

/** The path prefixes a storefront scope-down statement matches (lower-cased). */
export const pathPrefixesOf = (statement: unknown): string[] =>
  byteMatches(statement)
    .map((match) => {
      expect(match.FieldToMatch).toEqual({ UriPath: {} });
      expect(match.PositionalConstraint).toBe('STARTS_WITH');
      expect(match.TextTransformations).toEqual([{ Priority: 0, Type: 'LOWERCASE' }]);
      return match.SearchString;
    })
    .sort();

/**
 * The storefront's CLOUDFRONT web ACL, wherever it is deployed: the managed rules, a per-IP limit,
 * and tighter limits on the sign-in/up/reset pages and on checkout.
 */
export const expectStorefrontAcl = (acl: { Properties: Record<string, unknown> }) => {
  expect(acl.Properties.Scope).toBe('CLOUDFRONT');
  expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
  const rules = rulesOf(acl);
  expect([...rules.keys()].sort()).toEqual([
    'AWSManagedRulesAmazonIpReputationList',
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
    'RateAccountPages',
    'RateCheckout',
    'StorefrontRatePerIp',
  ]);
  expectBaselineManagedRules(rules);
  expect(expectRateRule(rules.get('StorefrontRatePerIp'), STOREFRONT_RATE_LIMIT_PER_5_MIN)).toBeUndefined();
  const { AccountPages, Checkout } = STOREFRONT_PATH_LIMITS;
  expect(pathPrefixesOf(expectRateRule(rules.get('RateAccountPages'), AccountPages.limitPer5Min))).toEqual([
    '/forgot-password',
    '/sign-in',
    '/sign-up',
  ]);
  expect(pathPrefixesOf(expectRateRule(rules.get('RateCheckout'), Checkout.limitPer5Min))).toEqual(['/checkout']);
  for (const { limitPer5Min } of [AccountPages, Checkout])
    expect(limitPer5Min).toBeLessThan(STOREFRONT_RATE_LIMIT_PER_5_MIN);
  // Nothing blocks by method: the revalidation hook is a POST to /api/revalidate.
  expect(JSON.stringify(acl.Properties.Rules)).not.toMatch(/"Method"/);
};
