import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, aws_appsync as appsync, aws_s3_assets as s3assets } from 'aws-cdk-lib';
import { buildSchema } from 'graphql';

/** AppSync's own scalars and directives, which a plain GraphQL parser does not know. */
export const APPSYNC_PRELUDE = `
scalar AWSDate scalar AWSTime scalar AWSDateTime scalar AWSTimestamp scalar AWSEmail scalar AWSJSON
scalar AWSURL scalar AWSPhone scalar AWSIPAddress
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
`;

/** Every `Type.field` of Query, Mutation and Subscription in an AppSync schema. */
export const operationsOf = (sdl: string): string[] => {
  const schema = buildSchema(APPSYNC_PRELUDE + sdl);
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .flatMap((type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []))
    .sort();
};

/**
 * The generated schema of an Amplify API, read from the asset it is deployed from. Amplify writes
 * that asset lazily, while synthesizing, so call this from a `Lazy` value.
 */
export const generatedSchemaOf = (schema: appsync.CfnGraphQLSchema): string => {
  Stack.of(schema).resolve(schema.definitionS3Location); // makes Amplify stage the asset
  // Matched by shape, not `instanceof`: Amplify may bring its own copy of aws-cdk-lib.
  const asset = schema.node
    .scope!.node.findAll()
    .find((c): c is s3assets.Asset => (c as Partial<s3assets.Asset>).assetPath?.endsWith('.graphql') === true);
  if (!asset) throw new Error(`no generated GraphQL schema asset beside ${schema.node.path}`);
  return readFileSync(join(App.of(schema)!.outdir, asset.assetPath), 'utf8');
};
