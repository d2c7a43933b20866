import { Aws, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { anyOf, baselineRules, pathStartsWith, rateRule, visibility } from './waf-rules';

/**
 * Requests one IP may send to the storefront in 5 minutes. CloudFront's WAF sees every request, cache
 * hits included: a page view is one document and a few dozen assets and prefetches.
 */
export const STOREFRONT_RATE_LIMIT_PER_5_MIN = 3000;

/**
 * Tighter per-IP limits on the storefront's sensitive pages. Every page's header links to /sign-in,
 * and Next.js prefetches what a page links to, so these budgets leave room for prefetches; the real
 * guard on passwords and codes is the user pool's own ACL (sign-in-firewall.ts).
 */
export const STOREFRONT_PATH_LIMITS = {
  AccountPages: { paths: ['/sign-in', '/sign-up', '/forgot-password'], limitPer5Min: 300 },
  Checkout: { paths: ['/checkout'], limitPer5Min: 300 },
} as const;

/**
 * The storefront's web ACL. CLOUDFRONT scope: it belongs to a CloudFront distribution (ours, or the
 * one Amplify Hosting runs), so its stack must deploy to us-east-1. No rule blocks by method: the
 * cache revalidation endpoint (`POST /api/revalidate`) passes like any other request.
 */
export const storefrontWebAcl = (scope: Construct, id = 'StorefrontWebAcl'): wafv2.CfnWebACL =>
  new wafv2.CfnWebACL(scope, id, {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('cloudshop-storefront'),
    rules: [
      ...baselineRules(0),
      rateRule('StorefrontRatePerIp', 3, STOREFRONT_RATE_LIMIT_PER_5_MIN),
      ...Object.entries(STOREFRONT_PATH_LIMITS).map(([name, { paths, limitPer5Min }], i) =>
        rateRule(`Rate${name}`, 4 + i, limitPer5Min, anyOf(paths.map(pathStartsWith))),
      ),
    ],
  });

/** Where an Amplify Hosting build runs: the variables Amplify Hosting sets in its build environment. */
export interface HostingEnvironment {
  appId: string;
  region: string;
}

/** The Amplify Hosting app this synthesis builds for, or undefined outside an Amplify Hosting build. */
export const hostingEnvironment = (
  env: Record<string, string | undefined> = process.env,
): HostingEnvironment | undefined => {
  const appId = env.AWS_APP_ID;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!appId) return undefined;
  if (!/^[a-z0-9]+$/.test(appId)) throw new Error(`AWS_APP_ID must be an Amplify app id, got "${appId}"`);
  if (!region) throw new Error('AWS_APP_ID is set but AWS_REGION is not: the Amplify app region is unknown');
  return { appId, region };
};

/**
 * Way (a): when the backend itself deploys to us-east-1, its edge stack holds the storefront's
 * CLOUDFRONT web ACL and associates it with the Amplify Hosting app (Amplify's firewall support puts
 * it on the app's own CloudFront distribution, every branch and domain). Elsewhere a CLOUDFRONT ACL
 * cannot be created in the backend's stack: deploy storefront-edge-stack.ts instead (way b).
 * Returns the ACL, or undefined when this build cannot hold it.
 */
export const protectHostedStorefront = (
  scope: Construct,
  hosting: HostingEnvironment | undefined,
): wafv2.CfnWebACL | undefined => {
  if (!hosting || hosting.region !== 'us-east-1') return undefined;
  const acl = storefrontWebAcl(scope);
  new wafv2.CfnWebACLAssociation(scope, 'StorefrontWebAclAssociation', {
    // The account is the deploying one, never written down here.
    resourceArn: `arn:${Aws.PARTITION}:amplify:${hosting.region}:${Aws.ACCOUNT_ID}:apps/${hosting.appId}`,
    webAclArn: acl.attrArn,
  });
  return acl;
};
