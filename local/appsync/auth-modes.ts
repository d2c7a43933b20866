import type { DirectiveNode, GraphQLSchema } from 'graphql';

/** The AppSync directive that admits each authorization mode. */
const MODE_OF: Record<string, string> = {
  aws_iam: 'AWS_IAM',
  aws_lambda: 'AWS_LAMBDA',
  aws_api_key: 'API_KEY',
  aws_oidc: 'OPENID_CONNECT',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
};

const modesOf = (directives: readonly DirectiveNode[] | undefined) =>
  (directives ?? []).map((d) => MODE_OF[d.name.value]).filter((m): m is string => !!m);

/**
 * Which authorization modes may read `Type.field`, by AppSync's rules: the field's own mode
 * directives, else its type's, else only the API's default mode.
 */
export const authModes = (schema: GraphQLSchema, defaultMode: string) => {
  const cache = new Map<string, ReadonlySet<string>>();
  return (typeName: string, fieldName: string): ReadonlySet<string> => {
    const key = `${typeName}.${fieldName}`;
    let modes = cache.get(key);
    if (!modes) {
      const type = schema.getType(typeName);
      const field = type && 'getFields' in type ? type.getFields()[fieldName] : undefined;
      const own = modesOf(field?.astNode?.directives);
      const inherited = modesOf(type?.astNode?.directives);
      modes = new Set(own.length ? own : inherited.length ? inherited : [defaultMode]);
      cache.set(key, modes);
    }
    return modes;
  };
};
