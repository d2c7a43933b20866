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
