import type { aws_wafv2 as wafv2 } from 'aws-cdk-lib';

/**
 * The building blocks of the shop's web ACLs (the API's, the user pool's and the storefront's), so
 * that every ACL names, measures and limits its rules the same way.
 */

type Rule = wafv2.CfnWebACL.RuleProperty;
type Statement = wafv2.CfnWebACL.StatementProperty;

/** The AWS managed rule groups every ACL of the shop starts with (no extra subscription fee). */
export const BASELINE_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

/** CloudWatch metrics and sampled requests for every rule: what an operator looks at after a block. */
export const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** An AWS managed rule group, its own actions kept (`overrideAction: none`). */
export const managedRule = (name: string, priority: number): Rule => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: visibility(name),
});

/** The baseline managed groups at priorities `first`, `first + 1`, … */
export const baselineRules = (first = 0): Rule[] =>
  BASELINE_MANAGED_RULE_GROUPS.map((name, i) => managedRule(name, first + i));

/**
 * Blocks an IP that sends more than `limit` requests in any 5-minute window; with `scopeDown`, only
 * the requests that match it are counted (and blocked), so a sensitive path gets a tighter limit
 * than the site as a whole.
 */
export const rateRule = (name: string, priority: number, limit: number, scopeDown?: Statement): Rule => ({
  name,
  priority,
  action: { block: {} },
  statement: {
    rateBasedStatement: {
      limit,
      aggregateKeyType: 'IP',
      evaluationWindowSec: 300,
      ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
    },
  },
  visibilityConfig: visibility(name),
});

/** Matches when any of the statements does (WAF's OrStatement needs two or more). */
export const anyOf = (statements: Statement[]): Statement =>
  statements.length === 1 ? statements[0] : { orStatement: { statements } };

/** The request path starts with `prefix`, compared in lower case (`/Sign-In` counts as `/sign-in`). */
export const pathStartsWith = (prefix: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix.toLowerCase(),
    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
  },
});

/** One header (the name is case-insensitive in WAF) has exactly `value`. */
export const headerIs = (header: string, value: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { singleHeader: { Name: header.toLowerCase() } },
    positionalConstraint: 'EXACTLY',
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * The request body contains `text`. JS_DECODE first, so a JSON `\u0070laceOrder` escape cannot hide
 * the word; a body larger than WAF inspects is still checked on its first part (`CONTINUE`).
 */
export const bodyContains = (text: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { body: { oversizeHandling: 'CONTINUE' } },
    positionalConstraint: 'CONTAINS',
    searchString: text,
    textTransformations: [{ priority: 0, type: 'JS_DECODE' }],
  },
});
