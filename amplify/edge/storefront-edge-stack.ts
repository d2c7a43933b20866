import {
  CfnOutput,
  Stack,
  type StackProps,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { IMMUTABLE_PATHS, NEVER_CACHED_PATHS, storefrontCachePolicies } from './storefront-cache';
import { storefrontWebAcl } from './storefront-firewall';

export interface StorefrontEdgeStackProps extends Omit<StackProps, 'env'> {
  /** The Amplify Hosting branch's domain, for example `main.d1a2b3c4d5e6f7.amplifyapp.com`. */
  originDomain: string;
  /** The deploying account; the region is always us-east-1. */
  account?: string;
}

/** A host name, no scheme or path: what CloudFront takes as an origin's domain. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Way (b) of putting the storefront behind WAF, for a backend outside us-east-1: a standalone
 * us-east-1 stack with the storefront's CLOUDFRONT web ACL and a CloudFront distribution in front of
 * the Amplify Hosting domain, caching by path (storefront-cache.ts).
 */
export class StorefrontEdgeStack extends Stack {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, { originDomain, account, ...props }: StorefrontEdgeStackProps) {
    // A CLOUDFRONT web ACL can only be created in us-east-1.
    super(scope, id, { ...props, env: { account, region: 'us-east-1' } });
    if (!HOST_NAME.test(originDomain ?? '')) {
      throw new Error(
        `the storefront origin must be a domain name such as main.d1a2b3c4d5e6f7.amplifyapp.com (no https://, no path), got "${originDomain ?? ''}"`,
      );
    }
    const acl = storefrontWebAcl(this);
    const policies = storefrontCachePolicies(this);
    // Amplify Hosting answers only to its own domain: the origin gets it as Host (never the viewer's).
    const origin = new origins.HttpOrigin(originDomain, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    const behavior = (props: Partial<cloudfront.BehaviorOptions>): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
      ...props,
    });
    const neverCached = behavior({
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    this.distribution = new cloudfront.Distribution(this, 'Storefront', {
      comment: 'cloudshop storefront',
      webAclId: acl.attrArn,
      // North America and Europe edges only: the cheapest class; viewers elsewhere are served from them.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Everything not listed below: catalog, product and search pages, images, robots, sitemap.
      defaultBehavior: behavior({
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, // server actions POST to the page
        cachePolicy: policies.pages,
        originRequestPolicy: policies.pageForwarding,
      }),
      additionalBehaviors: {
        ...Object.fromEntries(
          IMMUTABLE_PATHS.map((path) => [
            path,
            behavior({ allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD, cachePolicy: policies.immutable }),
          ]),
        ),
        ...Object.fromEntries(NEVER_CACHED_PATHS.map((path) => [path, neverCached])),
      },
    });
    new CfnOutput(this, 'DistributionId', {
      value: this.distribution.distributionId,
      description: 'Give it to the backend as STOREFRONT_DISTRIBUTION_ID so ProductChanged can invalidate pages',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: 'Point the shop domain (CNAME/alias) here',
    });
    new CfnOutput(this, 'StorefrontWebAclArn', { value: acl.attrArn });
  }
}
