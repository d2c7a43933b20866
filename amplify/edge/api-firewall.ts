import { aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Requests one IP may make in any 5-minute window before WAF blocks it. */
export const API_RATE_LIMIT_PER_5_MIN = 2000;

const managedRule = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
});

/** A regional WAF web ACL in front of the AppSync API: AWS managed rules and a per-IP rate limit. */
export const protectApi = (scope: Construct, apiArn: string): wafv2.CfnWebACL => {
  const acl = new wafv2.CfnWebACL(scope, 'ApiWebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'cloudshop-api', sampledRequestsEnabled: true },
    rules: [
      managedRule('AWSManagedRulesCommonRuleSet', 0),
      managedRule('AWSManagedRulesKnownBadInputsRuleSet', 1),
      managedRule('AWSManagedRulesAmazonIpReputationList', 2),
      {
        name: 'RatePerIp',
        priority: 3,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: API_RATE_LIMIT_PER_5_MIN, aggregateKeyType: 'IP' } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'RatePerIp', sampledRequestsEnabled: true },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, 'ApiWebAclAssociation', {
    resourceArn: apiArn,
    webAclArn: acl.attrArn,
  });
  return acl;
};
