import { aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { anyOf, baselineRules, headerIs, rateRule, visibility } from './waf-rules';

/** Requests to the user pool one IP may make in 5 minutes, whatever they are. */
export const USER_POOL_RATE_LIMIT_PER_5_MIN = 1000;

/**
 * The Cognito operations the storefront calls straight from the browser, grouped by what an attacker
 * would do with them, and how many calls of a group one IP may make in 5 minutes.
 * InitiateAuth also refreshes tokens (about one call per open tab an hour), hence its larger budget.
 */
export const USER_POOL_OPERATION_LIMITS = {
  /** Password guessing and credential stuffing. */
  SignIn: { operations: ['InitiateAuth'], limitPer5Min: 100 },
  /** Fake accounts and code guessing; each sign-up also sends an email the shop pays for. */
  SignUp: { operations: ['SignUp', 'ConfirmSignUp', 'ResendConfirmationCode'], limitPer5Min: 30 },
  /** Reset-code emails to strangers and reset-code guessing. */
  ForgotPassword: { operations: ['ForgotPassword', 'ConfirmForgotPassword'], limitPer5Min: 20 },
} as const;

/** Cognito's JSON protocol names the operation in this header: `AWSCognitoIdentityProviderService.<Op>`. */
const target = (operation: string) => headerIs('X-Amz-Target', `AWSCognitoIdentityProviderService.${operation}`);

/**
 * A regional WAF web ACL on the Cognito user pool, where sign-in and sign-up requests really go (the
 * storefront calls Cognito directly with USER_PASSWORD_AUTH): the AWS managed rules, a per-IP limit,
 * and tighter per-IP limits on signing in, signing up and resetting a password.
 */
export const protectUserPool = (scope: Construct, userPoolArn: string): wafv2.CfnWebACL => {
  const acl = new wafv2.CfnWebACL(scope, 'UserPoolWebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('cloudshop-user-pool'),
    rules: [
      ...baselineRules(0),
      rateRule('UserPoolRatePerIp', 3, USER_POOL_RATE_LIMIT_PER_5_MIN),
      ...Object.entries(USER_POOL_OPERATION_LIMITS).map(([name, { operations, limitPer5Min }], i) =>
        rateRule(`Rate${name}`, 4 + i, limitPer5Min, anyOf(operations.map(target))),
      ),
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, 'UserPoolWebAclAssociation', {
    resourceArn: userPoolArn,
    webAclArn: acl.attrArn,
  });
  return acl;
};
