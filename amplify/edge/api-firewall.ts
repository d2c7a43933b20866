import { aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { baselineRules, bodyContains, rateRule, visibility } from './waf-rules';

/** Requests one IP may make in any 5-minute window before WAF blocks it. */
export const API_RATE_LIMIT_PER_5_MIN = 2000;
/**
 * `placeOrder` requests one IP may send in 5 minutes: a shopper places a few orders (a retry reuses
 * its idempotency key); a script trying stolen cards or draining stock sends hundreds.
 */
export const PLACE_ORDER_RATE_LIMIT_PER_5_MIN = 30;

/**
 * A regional WAF web ACL in front of the AppSync API: AWS managed rules, a per-IP rate limit, and a
 * tighter one on requests that place an order.
 */
export const protectApi = (scope: Construct, apiArn: string): wafv2.CfnWebACL => {
  const acl = new wafv2.CfnWebACL(scope, 'ApiWebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('cloudshop-api'),
    rules: [
      ...baselineRules(0),
      rateRule('RatePerIp', 3, API_RATE_LIMIT_PER_5_MIN),
      rateRule('RatePlaceOrder', 4, PLACE_ORDER_RATE_LIMIT_PER_5_MIN, bodyContains('placeOrder')),
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, 'ApiWebAclAssociation', {
    resourceArn: apiArn,
    webAclArn: acl.attrArn,
  });
  return acl;
};
