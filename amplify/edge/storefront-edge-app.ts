import { App } from 'aws-cdk-lib';
import { StorefrontEdgeStack } from './storefront-edge-stack';

/**
 * The CDK app of way (b) (docs/deploy.md):
 *   STOREFRONT_ORIGIN_DOMAIN=main.<appId>.amplifyapp.com npx aws-cdk@2 deploy --app "npx tsx amplify/edge/storefront-edge-app.ts"
 * or `-c originDomain=…` instead of the variable.
 */
const app = new App();
new StorefrontEdgeStack(app, 'CloudshopStorefrontEdge', {
  originDomain: app.node.tryGetContext('originDomain') ?? process.env.STOREFRONT_ORIGIN_DOMAIN,
  account: process.env.CDK_DEFAULT_ACCOUNT,
  description: 'cloudshop: WAF and CloudFront in front of the Amplify Hosting storefront (us-east-1)',
});
app.synth();
