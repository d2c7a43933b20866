import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStorefrontAcl } from './acl-expectations';
import { IGNORED_QUERY_PARAMETERS, NEXT_RSC_HEADERS } from './storefront-cache';
import { StorefrontEdgeStack } from './storefront-edge-stack';

/** AWS managed CloudFront policies, as their ids appear in a template. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const YEAR = 365 * 24 * 3600;
const ORIGIN = 'main.d1a2b3c4d5e6f7.amplifyapp.com';

interface Behavior {
  PathPattern?: string;
  AllowedMethods: string[];
  CachePolicyId: unknown;
  OriginRequestPolicyId?: unknown;
  ViewerProtocolPolicy: string;
  Compress: boolean;
}

let stack: StorefrontEdgeStack;
let template: Template;
let distribution: {
  WebACLId: unknown;
  Origins: { DomainName: string; CustomOriginConfig: Record<string, unknown> }[];
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
};
/** A cache policy's config, by its `{ Ref }` in a behaviour. */
let cachePolicy: (ref: unknown) => Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let behavior: (path: string) => Behavior;

beforeAll(() => {
  stack = new StorefrontEdgeStack(new App(), 'StorefrontEdge', { originDomain: ORIGIN });
  template = Template.fromStack(stack);
  const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  distribution = dist.Properties.DistributionConfig;
  const policies = template.findResources('AWS::CloudFront::CachePolicy');
  cachePolicy = (ref) => policies[(ref as { Ref: string }).Ref].Properties.CachePolicyConfig;
  behavior = (path) => {
    const found = distribution.CacheBehaviors.find((b) => b.PathPattern === path);
    expect(found, path).toBeDefined();
    return found!;
  };
}, 120_000);

/** The pages for one shopper, the sign-in forms and the API, written out: the source's list may not lose one. */
const NEVER_CACHED = [
  '/account*',
  '/cart*',
  '/checkout*',
  '/orders*',
  '/admin*',
  '/sign-in*',
  '/sign-up*',
  '/forgot-password*',
  '/api/*',
];

describe('the standalone storefront edge stack, way (b)', () => {
  it('deploys to us-east-1, where a CLOUDFRONT web ACL must live', () => {
    expect(stack.region).toBe('us-east-1');
  });

  it('puts the storefront web ACL on the distribution', () => {
    const [id, acl] = Object.entries(template.findResources('AWS::WAFv2::WebACL'))[0];
    expect(Object.keys(template.findResources('AWS::WAFv2::WebACL'))).toHaveLength(1);
    expectStorefrontAcl(acl as { Properties: Record<string, unknown> });
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
  });

  it('fronts the Amplify Hosting domain over HTTPS, viewers redirected to HTTPS', () => {
    expect(distribution.Origins).toHaveLength(1);
    expect(distribution.Origins[0]).toMatchObject({
      DomainName: ORIGIN,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    for (const b of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(b.Compress).toBe(true);
    }
  });

  it('has exactly these path behaviours', () => {
    expect(distribution.CacheBehaviors.map((b) => b.PathPattern)).toEqual(['/_next/static/*', ...NEVER_CACHED]);
  });

  it('keeps content-hashed assets a year, one copy per URL', () => {
    const b = behavior('/_next/static/*');
    expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(b.OriginRequestPolicyId).toBeUndefined();
    expect(cachePolicy(b.CachePolicyId)).toMatchObject({
      MinTTL: YEAR,
      DefaultTTL: YEAR,
      MaxTTL: YEAR,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });
  });

  it("caches catalog and product pages (the default) as the origin's Cache-Control says, for one version of a page per query", () => {
    const b = distribution.DefaultCacheBehavior;
    expect(b.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST'])); // server actions
    expect(cachePolicy(b.CachePolicyId)).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0, // no Cache-Control, no caching
      MaxTTL: 86400,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: NEXT_RSC_HEADERS },
        QueryStringsConfig: { QueryStringBehavior: 'allExcept', QueryStrings: IGNORED_QUERY_PARAMETERS },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });
    expect(NEXT_RSC_HEADERS).toEqual(['RSC', 'Next-Router-Prefetch', 'Next-Router-State-Tree', 'Next-Url']);
    const [forwarding] = Object.values(template.findResources('AWS::CloudFront::OriginRequestPolicy'));
    expect(b.OriginRequestPolicyId).toEqual({ Ref: expect.stringMatching(/^CatalogPageForwarding/) });
    expect(forwarding.Properties.OriginRequestPolicyConfig).toMatchObject({
      CookiesConfig: { CookieBehavior: 'none' },
      HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Next-Action', 'Content-Type'] },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
    });
  });

  it('never caches account, cart, checkout, orders, admin, sign-in/up, password reset and the API', () => {
    for (const path of NEVER_CACHED) {
      const b = behavior(path);
      expect(b.CachePolicyId, path).toBe(CACHING_DISABLED);
      expect(b.OriginRequestPolicyId, path).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
      expect(b.AllowedMethods, path).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    }
  });

  it('outputs the distribution id for the ProductChanged invalidation', () => {
    const outputs = template.toJSON().Outputs;
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    expect(outputs.DistributionId.Value).toEqual({ Ref: distributionId });
    template.hasOutput('DistributionDomainName', {});
  });

  it('refuses an origin that is not a bare domain name', () => {
    for (const originDomain of ['https://main.d1.amplifyapp.com', 'main.d1.amplifyapp.com/x', '', 'localhost'])
      expect(() => new StorefrontEdgeStack(new App(), 'Bad', { originDomain }), originDomain).toThrow(
        /storefront origin must be a domain name/,
      );
  });
});
