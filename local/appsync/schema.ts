import {
  GraphQLError,
  Kind,
  buildSchema,
  valueFromASTUntyped,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { APPSYNC_PRELUDE } from '../../amplify/data/appsync-schema';

type Check = (value: string) => boolean;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

/** AppSync's string scalars and what each accepts as input. */
const STRING_SCALARS: Record<string, Check> = {
  AWSDate: (v) => ISO_DATE.test(v),
  AWSTime: (v) => ISO_TIME.test(v),
  AWSDateTime: (v) => ISO_DATE_TIME.test(v),
  AWSEmail: (v) => /^[^@\s]+@[^@\s]+$/.test(v),
  AWSURL: (v) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/.test(v) || /^mailto:\S+$/.test(v),
  AWSPhone: (v) => /^\+?[0-9 ()-]{3,}$/.test(v),
  AWSIPAddress: (v) => /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9A-Fa-f:]+(\/\d{1,3})?)$/.test(v),
};

const invalid = (type: string, value: unknown) =>
  new GraphQLError(`Expected value of type '${type}' but was '${String(value)}'`);

const stringScalar = (type: GraphQLScalarType, check: Check) => {
  type.serialize = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  type.parseValue = (value: unknown) => {
    if (typeof value !== 'string' || !check(value)) throw invalid(type.name, value);
    return value;
  };
  type.parseLiteral = (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING || !check(ast.value))
      throw invalid(type.name, ast.kind === Kind.STRING ? ast.value : ast.kind);
    return ast.value;
  };
};

const parseJson = (value: unknown) => {
  if (typeof value !== 'string') throw invalid('AWSJSON', value);
  try {
    return JSON.parse(value);
  } catch {
    throw invalid('AWSJSON', value);
  }
};

/**
 * The executable schema: the generated SDL with AppSync's prelude, and AppSync's scalars behaving
 * as AppSync's do (strings on the wire; AWSJSON parsed for resolvers and serialized back).
 */
export const buildAppSyncSchema = (sdl: string): GraphQLSchema => {
  const schema = buildSchema(APPSYNC_PRELUDE + sdl);
  for (const [name, check] of Object.entries(STRING_SCALARS)) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (type) stringScalar(type, check);
  }
  const json = schema.getType('AWSJSON') as GraphQLScalarType | undefined;
  if (json) {
    json.serialize = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
    json.parseValue = parseJson;
    json.parseLiteral = (ast: ValueNode, variables?: Record<string, unknown> | null) =>
      ast.kind === Kind.STRING ? parseJson(ast.value) : parseJson(JSON.stringify(valueFromASTUntyped(ast, variables)));
  }
  const timestamp = schema.getType('AWSTimestamp') as GraphQLScalarType | undefined;
  if (timestamp) {
    timestamp.serialize = (value: unknown) => Number(value);
    timestamp.parseValue = (value: unknown) => {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid('AWSTimestamp', value);
      return value;
    };
    timestamp.parseLiteral = (ast: ValueNode) => {
      if (ast.kind !== Kind.INT) throw invalid('AWSTimestamp', ast.kind);
      return Number(ast.value);
    };
  }
  return schema;
};
