import { readFileSync } from 'node:fs';
import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly, type Resource } from '../assembly/assembly';
import { JsCode, type JsFunction } from './js-runtime';

/**
 * The AppSync API of the cloud assembly, read the way AppSync would deploy it: the API and its
 * authorizer, the schema asset, and for every resolver its pipeline of functions, their data
 * sources and their mapping templates. Which field is which model operation on which table is
 * recognized from the generated templates themselves, never from a hand-kept list.
 */
export interface ApiDefinition {
  readonly apiId: string;
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly authenticationType: string;
  /** The API's other modes (`AdditionalAuthenticationProviders`), e.g. AWS_IAM. */
  readonly additionalAuthenticationTypes: readonly string[];
  readonly authorizer?: AuthorizerConfig;
  readonly introspectionDisabled: boolean;
  readonly queryDepthLimit?: number;
  /** The generated schema (SDL) without AppSync's prelude. */
  readonly sdl: string;
  /** `Type.field` → how AppSync resolves it. */
  readonly resolvers: ReadonlyMap<string, ResolverPlan>;
}

export interface AuthorizerConfig {
  readonly functionArn: string;
  /** `AuthorizerResultTtlInSeconds`: absent means AppSync's default, 0 (no caching). */
  readonly ttlSeconds: number;
  /** `IdentityValidationExpression`: a token that does not match is refused without calling the function. */
  readonly identityValidationExpression?: string;
}

export interface TableKeys {
  readonly hashKey: string;
  readonly rangeKey?: string;
}

export interface TableInfo extends TableKeys {
  readonly name: string;
  readonly logicalId: string;
  readonly indexes: Readonly<Record<string, TableKeys>>;
}

export type ModelOperation = 'get' | 'list' | 'query' | 'create' | 'update' | 'delete';

interface PlanBase {
  readonly typeName: string;
  readonly fieldName: string;
  /** The resolver's logical id, for messages. */
  readonly resolver: string;
}

/** An Amplify function-directive resolver: an `Invoke` of a Lambda data source. */
export interface LambdaPlan extends PlanBase {
  readonly kind: 'lambda';
  readonly dataSource: string;
  readonly functionArn: string;
  /** `"invocationType"` of the request template (RequestResponse). */
  readonly invocationType: string;
}

/** An Amplify model resolver on a DynamoDB data source. */
export interface ModelPlan extends PlanBase {
  readonly kind: 'model';
  readonly operation: ModelOperation;
  readonly dataSource: string;
  readonly table: TableInfo;
  /** The model type (`__typename` written on create). */
  readonly modelType: string;
  /** For `query`: the index the template queries. */
  readonly index?: string;
  /** The key attributes the operation addresses (the table's, or the index's for `query`). */
  readonly keys: TableKeys;
  /** The template refuses `sortDirection` (a list without a sort key). */
  readonly rejectsSortDirection: boolean;
}

/** A resolver this local AppSync does not recognize: it answers with an error instead of guessing. */
export interface UnsupportedPlan extends PlanBase {
  readonly kind: 'unsupported';
  readonly reason: string;
}

/** A JavaScript (APPSYNC_JS) pipeline resolver whose functions all use NONE data sources. */
export interface JsPlan extends PlanBase {
  readonly kind: 'js';
  readonly code: JsCode;
  readonly functions: readonly JsFunction[];
}

export type ResolverPlan = LambdaPlan | ModelPlan | JsPlan | UnsupportedPlan;

type Loose = Record<string, unknown>;

const TABLE_TYPES = new Set(['Custom::AmplifyDynamoDBTable', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

/**
 * A staged asset from an `S3Location` value. Matches on the content hash alone, whatever the
 * extension (`.vtl`, `.graphql`), so it does not depend on how the asset key is spelled.
 */
const assetText = (assembly: Assembly, location: unknown): string => {
  const key = typeof location === 'string' ? location : String((location as { S3Key?: unknown }).S3Key);
  const hash = key
    .split('/')
    .pop()!
    .replace(/\.[A-Za-z0-9]+$/, '');
  return readFileSync(assembly.assetPath(hash), 'utf8');
};

/** A mapping template given inline or as an asset. Inline text with intrinsics is resolved when it can be. */
const templateText = (assembly: Assembly, resource: Resource, inline: string, s3: string): string | undefined => {
  const p = resource.properties;
  if (p[s3] !== undefined) return assetText(assembly, assembly.resolve(resource.stack, p[s3]));
  const value = p[inline];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  try {
    return String(assembly.resolve(resource.stack, value));
  } catch {
    return JSON.stringify(value);
  }
};

/** The logical id an intrinsic (`Ref X`, `Fn::GetAtt [X, attr]`) points at, anywhere inside `value`. */
const referencedLogicalIds = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) value.forEach((v) => referencedLogicalIds(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string') out.push(v);
      else if (k === 'Fn::GetAtt') out.push(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]);
      else referencedLogicalIds(v, out);
    }
  }
  return out;
};

const keysOf = (schema: unknown): TableKeys => {
  const list = (schema as Loose[] | undefined) ?? [];
  const find = (type: string) => {
    const k = list.find((e) => String(e.keyType ?? e.KeyType) === type);
    return k ? String(k.attributeName ?? k.AttributeName) : undefined;
  };
  const hashKey = find('HASH');
  if (!hashKey) throw new Error('a table key schema without a HASH key');
  const rangeKey = find('RANGE');
  return rangeKey ? { hashKey, rangeKey } : { hashKey };
};

const tableInfo = (assembly: Assembly, table: Resource): TableInfo => {
  const p = table.properties;
  const indexes: Record<string, TableKeys> = {};
  for (const list of [
    p.globalSecondaryIndexes,
    p.GlobalSecondaryIndexes,
    p.localSecondaryIndexes,
    p.LocalSecondaryIndexes,
  ]) {
    for (const index of (list as Loose[] | undefined) ?? []) {
      indexes[String(index.indexName ?? index.IndexName)] = keysOf(index.keySchema ?? index.KeySchema);
    }
  }
  return {
    name: assembly.physicalId(table),
    logicalId: table.logicalId,
    ...keysOf(p.keySchema ?? p.KeySchema),
    indexes,
  };
};

interface DataSource {
  resource: Resource;
  name: string;
  type: string;
  functionArn?: string;
  table?: TableInfo;
}

const readDataSources = (assembly: Assembly): Map<string, DataSource> => {
  const tablesByName = new Map<string, Resource>();
  for (const r of assembly.resources()) if (TABLE_TYPES.has(r.type)) tablesByName.set(assembly.physicalId(r), r);
  const out = new Map<string, DataSource>();
  for (const resource of assembly.resources('AWS::AppSync::DataSource')) {
    const p = resource.properties;
    const name = String(assembly.resolve(resource.stack, p.Name));
    const type = String(p.Type);
    const ds: DataSource = { resource, name, type };
    if (type === 'AWS_LAMBDA') {
      ds.functionArn = String(assembly.resolve(resource.stack, (p.LambdaConfig as Loose).LambdaFunctionArn));
    } else if (type === 'AMAZON_DYNAMODB') {
      const raw = (p.DynamoDBConfig as Loose).TableName;
      // The table a data source names is found by the intrinsic that names it (a table of the same
      // stack), or else by the evaluated name.
      let table = referencedLogicalIds(raw)
        .map((id) => resource.stack.template.Resources?.[id] && assembly.resource(resource.stack, id))
        .find((r): r is Resource => !!r && TABLE_TYPES.has(r.type));
      if (!table) table = tablesByName.get(String(assembly.resolve(resource.stack, raw)));
      if (!table) throw new Error(`data source ${name} names no table of the templates`);
      ds.table = tableInfo(assembly, table);
    }
    out.set(name, ds);
  }
  return out;
};

interface PipelineFunction {
  resource: Resource;
  name: string;
  dataSource: DataSource;
  request: string;
  response?: string;
  /** APPSYNC_JS code, for a JavaScript function. */
  code?: string;
}

const readFunctions = (assembly: Assembly, dataSources: Map<string, DataSource>) => {
  const byResource = new Map<Resource['properties'], PipelineFunction>();
  const byId = new Map<string, PipelineFunction>();
  for (const resource of assembly.resources('AWS::AppSync::FunctionConfiguration')) {
    const p = resource.properties;
    const dsName = String(assembly.resolve(resource.stack, p.DataSourceName));
    const dataSource = dataSources.get(dsName);
    if (!dataSource) throw new Error(`function ${resource.logicalId} uses an unknown data source ${dsName}`);
    const fn: PipelineFunction = {
      resource,
      name: String(assembly.resolve(resource.stack, p.Name)),
      dataSource,
      request: templateText(assembly, resource, 'RequestMappingTemplate', 'RequestMappingTemplateS3Location') ?? '',
      response: templateText(assembly, resource, 'ResponseMappingTemplate', 'ResponseMappingTemplateS3Location'),
      code: isJs(p) ? templateText(assembly, resource, 'Code', 'CodeS3Location') : undefined,
    };
    byResource.set(resource.properties, fn);
    byId.set(String(assembly.attribute(resource, 'FunctionId')), fn);
  }
  /** The function a `PipelineConfig.Functions` entry points at. */
  const lookup = (resolver: Resource, entry: unknown): PipelineFunction => {
    const [id] = referencedLogicalIds(entry);
    const local = id && resolver.stack.template.Resources?.[id] ? assembly.resource(resolver.stack, id) : undefined;
    const fn = local ? byResource.get(local.properties) : byId.get(String(assembly.resolve(resolver.stack, entry)));
    if (!fn)
      throw new Error(`resolver ${resolver.logicalId} has an unknown pipeline function ${JSON.stringify(entry)}`);
    return fn;
  };
  return lookup;
};

const isJs = (p: Loose) => (p.Runtime as Loose | undefined)?.Name === 'APPSYNC_JS';

/** A JavaScript pipeline: runnable here when every function is JavaScript on a NONE data source. */
const jsPlan = (
  assembly: Assembly,
  resolver: Resource,
  functions: PipelineFunction[],
  typeName: string,
  fieldName: string,
): ResolverPlan => {
  const base = { typeName, fieldName, resolver: resolver.logicalId };
  const refused = functions.find((f) => f.code === undefined || f.dataSource.type !== 'NONE');
  if (refused) {
    return {
      ...base,
      kind: 'unsupported',
      reason: `the JavaScript pipeline's function ${refused.name} is ${refused.code === undefined ? 'not JavaScript' : `on a ${refused.dataSource.type} data source`}; the local AppSync runs JavaScript on NONE data sources only`,
    };
  }
  return {
    ...base,
    kind: 'js',
    code: new JsCode(`${typeName}.${fieldName}`, templateText(assembly, resolver, 'Code', 'CodeS3Location') ?? ''),
    functions: functions.map((f) => ({ code: new JsCode(f.name, f.code!), dataSourceType: f.dataSource.type })),
  };
};

const MARKERS: [RegExp, ModelOperation][] = [
  [/\[Start\] Create Request template/, 'create'],
  [/\[Start\] Mutation Update resolver/, 'update'],
  [/\[Start\] Delete Request template/, 'delete'],
  [/\[Start\] List Request/, 'list'],
];

/** Which model operation a DynamoDB function's request template performs. */
const modelOperation = (request: string): { operation: ModelOperation; index?: string } | undefined => {
  for (const [marker, operation] of MARKERS) if (marker.test(request)) return { operation };
  const index = /"index":\s*"([^"]+)"/.exec(request)?.[1];
  if (index && /"operation":\s*"Query"/.test(request)) return { operation: 'query', index };
  if (/\[Start\] Get Request template/.test(request) && /"operation":\s*"Query"/.test(request))
    return { operation: 'get' };
  return undefined;
};

const SORT_DIRECTION_REFUSAL = 'sortDirection is not supported for List operations without a Sort key defined.';

const plan = (resolver: Resource, functions: PipelineFunction[], typeName: string, fieldName: string): ResolverPlan => {
  const base = { typeName, fieldName, resolver: resolver.logicalId };
  const lambda = functions.filter((f) => f.dataSource.type === 'AWS_LAMBDA');
  const dynamo = functions.filter((f) => f.dataSource.type === 'AMAZON_DYNAMODB');
  if (lambda.length === 1 && dynamo.length === 0) {
    const fn = lambda[0];
    if (!/"operation":\s*"Invoke"/.test(fn.request)) {
      return {
        ...base,
        kind: 'unsupported',
        reason: `Lambda function ${fn.name} has a request template that is not an Invoke`,
      };
    }
    return {
      ...base,
      kind: 'lambda',
      dataSource: fn.dataSource.name,
      functionArn: fn.dataSource.functionArn!,
      invocationType: /"invocationType":\s*"([^"]+)"/.exec(fn.request)?.[1] ?? 'RequestResponse',
    };
  }
  if (lambda.length === 0 && dynamo.length > 0) {
    // The data step is the pipeline's last DynamoDB function (earlier ones only feed authorization,
    // which Lambda authorization passes).
    const data = dynamo[dynamo.length - 1];
    const recognized = modelOperation(data.request);
    if (!recognized) return { ...base, kind: 'unsupported', reason: `unrecognized request template of ${data.name}` };
    const table = data.dataSource.table!;
    const keys = recognized.index ? table.indexes[recognized.index] : table;
    if (!keys)
      return {
        ...base,
        kind: 'unsupported',
        reason: `${data.name} queries index ${recognized.index}, which ${table.name} lacks`,
      };
    const all = functions.map((f) => f.request).join('\n');
    const modelType = /\$mergedValues\.put\("__typename",\s*"([^"]+)"\)/.exec(all)?.[1] ?? '';
    return {
      ...base,
      kind: 'model',
      operation: recognized.operation,
      dataSource: data.dataSource.name,
      table,
      modelType,
      ...(recognized.index ? { index: recognized.index } : {}),
      keys: { hashKey: keys.hashKey, ...(keys.rangeKey ? { rangeKey: keys.rangeKey } : {}) },
      rejectsSortDirection: all.includes(SORT_DIRECTION_REFUSAL),
    };
  }
  return {
    ...base,
    kind: 'unsupported',
    reason: `a pipeline of ${functions.map((f) => `${f.name} (${f.dataSource.type})`).join(', ') || 'no functions'}`,
  };
};

/** Reads the (single) AppSync API of the assembly. */
export const readApi = (assembly: Assembly): ApiDefinition => {
  const apis = assembly.resources('AWS::AppSync::GraphQLApi');
  if (apis.length !== 1) throw new Error(`expected one AWS::AppSync::GraphQLApi in the assembly, found ${apis.length}`);
  const api = apis[0];
  const p = assembly.properties<Loose>(api);
  const apiId = String(assembly.attribute(api, 'ApiId'));

  const lambdaConfig = p.LambdaAuthorizerConfig as Loose | undefined;
  const authorizer: AuthorizerConfig | undefined = lambdaConfig
    ? {
        functionArn: String(lambdaConfig.AuthorizerUri),
        ttlSeconds:
          lambdaConfig.AuthorizerResultTtlInSeconds === undefined
            ? 0
            : Number(lambdaConfig.AuthorizerResultTtlInSeconds),
        ...(lambdaConfig.IdentityValidationExpression
          ? { identityValidationExpression: String(lambdaConfig.IdentityValidationExpression) }
          : {}),
      }
    : undefined;

  const schemas = assembly.resources('AWS::AppSync::GraphQLSchema');
  if (schemas.length !== 1) throw new Error(`expected one AWS::AppSync::GraphQLSchema, found ${schemas.length}`);
  const sp = schemas[0].properties;
  const sdl =
    sp.Definition !== undefined
      ? String(assembly.resolve(schemas[0].stack, sp.Definition))
      : assetText(assembly, assembly.resolve(schemas[0].stack, sp.DefinitionS3Location));

  const dataSources = readDataSources(assembly);
  const lookup = readFunctions(assembly, dataSources);
  const resolvers = new Map<string, ResolverPlan>();
  for (const resolver of assembly.resources('AWS::AppSync::Resolver')) {
    const rp = resolver.properties;
    const typeName = String(assembly.resolve(resolver.stack, rp.TypeName));
    const fieldName = String(assembly.resolve(resolver.stack, rp.FieldName));
    const key = `${typeName}.${fieldName}`;
    if (rp.Kind === 'PIPELINE' && isJs(rp)) {
      const entries = ((rp.PipelineConfig as Loose | undefined)?.Functions as unknown[] | undefined) ?? [];
      const functions = entries.map((e) => lookup(resolver, e));
      resolvers.set(key, jsPlan(assembly, resolver, functions, typeName, fieldName));
    } else if (rp.Kind === 'PIPELINE') {
      const entries = ((rp.PipelineConfig as Loose | undefined)?.Functions as unknown[] | undefined) ?? [];
      resolvers.set(
        key,
        plan(
          resolver,
          entries.map((e) => lookup(resolver, e)),
          typeName,
          fieldName,
        ),
      );
    } else {
      resolvers.set(key, {
        typeName,
        fieldName,
        resolver: resolver.logicalId,
        kind: 'unsupported',
        reason: 'UNIT resolvers are not run by the local AppSync yet',
      });
    }
  }

  return {
    apiId,
    name: String(p.Name),
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    authenticationType: String(p.AuthenticationType),
    additionalAuthenticationTypes: ((p.AdditionalAuthenticationProviders as Loose[] | undefined) ?? []).map((a) =>
      String(a.AuthenticationType),
    ),
    ...(authorizer ? { authorizer } : {}),
    introspectionDisabled: p.IntrospectionConfig === 'DISABLED',
    ...(p.QueryDepthLimit !== undefined && Number(p.QueryDepthLimit) > 0
      ? { queryDepthLimit: Number(p.QueryDepthLimit) }
      : {}),
    sdl,
    resolvers,
  };
};
