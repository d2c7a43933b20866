import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, aws_appsync as appsync, aws_s3_assets as s3assets } from 'aws-cdk-lib';

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
