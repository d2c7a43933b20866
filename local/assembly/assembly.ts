import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One resource of one (possibly nested) stack of the cloud assembly. */
export interface Resource {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

/** A stack template and, for a nested stack, the resource in its parent that creates it. */
export interface StackTemplate {
  readonly name: string;
  readonly template: Template;
  readonly parent?: Resource;
}

interface Template {
  Parameters?: Record<string, { Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
  Outputs?: Record<string, { Value: unknown }>;
}

/**
 * How the running local cloud names what CloudFormation would create: the physical id (`Ref`) and
 * attributes (`Fn::GetAtt`) of a resource. Anything it does not answer falls back to a stable name.
 */
export interface Naming {
  physicalId?(resource: Resource): string | undefined;
  attribute?(resource: Resource, name: string): unknown;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * A synthesized CDK cloud assembly read as CloudFormation would deploy it: every nested stack, with
 * `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` and friends evaluated against the local cloud's names.
 * This is the only description of the system the local cloud has: it keeps no list of its own.
 */
export class Assembly {
  readonly stacks: StackTemplate[] = [];
  private readonly assetPaths = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly naming: Naming = {},
  ) {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
    };
    for (const artifact of Object.values(manifest.artifacts)) {
      if (artifact.type === 'cdk:asset-manifest' && artifact.properties && 'file' in artifact.properties) {
        this.readAssetManifest(String((artifact.properties as { file: string }).file));
      }
    }
    const roots = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
    for (const [name, artifact] of roots) this.addStack(name, artifact.properties!.templateFile!);
  }

  /** Every resource, optionally of one CloudFormation type, across all stacks. */
  resources(type?: string): Resource[] {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.template.Resources ?? {})
        .filter(([, r]) => !type || r.Type === type)
        .map(([logicalId, r]) => ({
          stack,
          logicalId,
          type: r.Type,
          properties: r.Properties ?? {},
          metadata: r.Metadata,
        })),
    );
  }

  /** The resource of that logical id in that stack. */
  resource(stack: StackTemplate, logicalId: string): Resource {
    const r = stack.template.Resources?.[logicalId];
    if (!r) throw new Error(`${stack.name} has no resource ${logicalId}`);
    return { stack, logicalId, type: r.Type, properties: r.Properties ?? {}, metadata: r.Metadata };
  }

  /** A resource's properties with every intrinsic function evaluated. */
  properties<T = Record<string, unknown>>(resource: Resource): T {
    return this.resolve(resource.stack, resource.properties) as T;
  }

  /** The root stack's outputs, evaluated (what `amplify_outputs.json` is made from). */
  outputs(): Record<string, unknown> {
    const root = this.stacks.find((s) => !s.parent)!;
    return Object.fromEntries(
      Object.entries(root.template.Outputs ?? {}).map(([k, o]) => [k, this.resolve(root, o.Value)]),
    );
  }

  /** The folder a file asset (a Lambda bundle, a resolver template, the schema) was staged in. */
  assetPath(hashOrKey: string): string {
    const hash = /[0-9a-f]{64}/.exec(hashOrKey)?.[0] ?? hashOrKey;
    const path = this.assetPaths.get(hash);
    if (!path) throw new Error(`no asset ${hash} in ${this.dir}`);
    return join(this.dir, path);
  }

  /** The asset a CloudFormation `S3Location`-style value (`s3://bucket/key` or an object with a key) points at. */
  assetOf(location: unknown): string {
    const key = typeof location === 'string' ? location : String((location as { S3Key?: string }).S3Key);
    return this.assetPath(key.split('/').pop()!);
  }

  physicalId(resource: Resource): string {
    const named = this.naming.physicalId?.(resource);
    if (named !== undefined) return named;
    const p = resource.properties;
    for (const key of [
      'TableName',
      'FunctionName',
      'TopicName',
      'Name',
      'tableName',
      'StateMachineName',
      'QueueName',
    ]) {
      if (p[key] !== undefined) return String(this.resolve(resource.stack, p[key]));
    }
    return `${resource.stack.name}-${resource.logicalId}`;
  }

  attribute(resource: Resource, name: string): unknown {
    const answered = this.naming.attribute?.(resource, name);
    if (answered !== undefined) return answered;
    if (resource.type === 'AWS::CloudFormation::Stack' && name.startsWith('Outputs.')) {
      const nested = this.stacks.find(
        (s) => s.parent?.logicalId === resource.logicalId && s.parent.stack === resource.stack,
      )!;
      const output = nested.template.Outputs?.[name.slice('Outputs.'.length)];
      if (!output) throw new Error(`${nested.name} has no output ${name}`);
      return this.resolve(nested, output.Value);
    }
    const id = this.physicalId(resource);
    const service = serviceOf(resource.type);
    switch (name) {
      case 'Arn':
      case 'TableArn':
      case 'TopicArn':
        return arn(service, resourceKind(resource.type), id);
      case 'StreamArn':
        return `${arn(service, resourceKind(resource.type), id)}/stream/local`;
      case 'TopicName':
      case 'Name':
        return id;
      default:
        return id;
    }
  }

  /** Evaluates CloudFormation intrinsic functions in `value`, in the context of `stack`. */
  resolve(stack: StackTemplate, value: unknown): unknown {
    const out = this.evaluate(stack, value);
    return out === NO_VALUE ? undefined : out;
  }

  private evaluate(stack: StackTemplate, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.evaluate(stack, v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      const [fn, arg] = entries[0];
      return this.intrinsic(stack, fn, arg);
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const e = this.evaluate(stack, v);
      if (e !== NO_VALUE) result[k] = e;
    }
    return result;
  }

  private intrinsic(stack: StackTemplate, fn: string, arg: unknown): unknown {
    const ev = (v: unknown) => this.evaluate(stack, v);
    switch (fn) {
      case 'Ref':
        return this.ref(stack, String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, attr] = Array.isArray(arg) ? arg : String(arg).split(/\.(.+)/);
        return this.attribute(this.resource(stack, logicalId), String(ev(attr)));
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (ev(parts) as unknown[]).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (ev(list) as unknown[])[Number(ev(index))];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return String(ev(source)).split(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
        const bound = ev(vars) as Record<string, unknown>;
        return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          if (name in bound) return String(bound[name]);
          if (name.includes('.')) {
            const [logicalId, attr] = name.split(/\.(.+)/);
            return String(this.attribute(this.resource(stack, logicalId), attr));
          }
          return String(this.ref(stack, name));
        });
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.condition(stack, condition) ? ev(whenTrue) : ev(whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = ev(arg) as [unknown, unknown];
        return String(a) === String(b);
      }
      case 'Fn::Not':
        return !(ev(arg) as unknown[])[0];
      case 'Fn::And':
        return (ev(arg) as unknown[]).every(Boolean);
      case 'Fn::Or':
        return (ev(arg) as unknown[]).some(Boolean);
      case 'Fn::Base64':
        return Buffer.from(String(ev(arg))).toString('base64');
      case 'Fn::GetAZs':
        return [`${LOCAL_REGION}a`, `${LOCAL_REGION}b`];
      case 'Fn::ImportValue':
        throw new Error(`Fn::ImportValue is not supported locally (${JSON.stringify(arg)})`);
      default:
        if (fn === 'Condition') return this.condition(stack, String(arg));
        throw new Error(`unsupported intrinsic ${fn} in ${stack.name}`);
    }
  }

  private condition(stack: StackTemplate, name: string): boolean {
    const definition = stack.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`${stack.name} has no condition ${name}`);
    return Boolean(this.evaluate(stack, definition));
  }

  private ref(stack: StackTemplate, name: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.name;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stack/${stack.name}/local`;
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) {
      const passed = (stack.parent?.properties.Parameters as Record<string, unknown> | undefined)?.[name];
      if (passed !== undefined) return this.evaluate(stack.parent!.stack, passed);
      return parameter.Default;
    }
    return this.refOf(this.resource(stack, name));
  }

  /** What `Ref` gives: the physical id, except for the types whose `Ref` is their ARN. */
  refOf(resource: Resource): string {
    const id = this.physicalId(resource);
    if (REF_IS_ARN.has(resource.type) && !id.startsWith('arn:')) {
      return arn(serviceOf(resource.type), resourceKind(resource.type), id);
    }
    return id;
  }

  private readAssetManifest(file: string): void {
    const manifest = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as {
      files?: Record<string, { source: { path: string } }>;
    };
    for (const [hash, entry] of Object.entries(manifest.files ?? {})) this.assetPaths.set(hash, entry.source.path);
  }

  private addStack(name: string, templateFile: string, parent?: Resource): void {
    const stack: StackTemplate = {
      name,
      template: JSON.parse(readFileSync(join(this.dir, templateFile), 'utf8')),
      parent,
    };
    this.stacks.push(stack);
    for (const [logicalId, r] of Object.entries(stack.template.Resources ?? {})) {
      if (r.Type !== 'AWS::CloudFormation::Stack') continue;
      const url = JSON.stringify(r.Properties?.TemplateURL ?? '');
      const hash = /([0-9a-f]{64})\.json/.exec(url)?.[1];
      const file = hash && this.assetPaths.get(hash);
      if (!file || !existsSync(join(this.dir, file)))
        throw new Error(`nested stack ${logicalId} has no template in ${this.dir}`);
      const resource = { stack, logicalId, type: r.Type, properties: r.Properties ?? {}, metadata: r.Metadata };
      this.addStack(`${name}-${logicalId}`, file, resource);
    }
  }
}

const REF_IS_ARN = new Set(['AWS::SNS::Topic', 'AWS::StepFunctions::StateMachine', 'AWS::Events::Rule']);

/** `AWS::DynamoDB::Table` → dynamodb; a custom resource such as `Custom::AmplifyDynamoDBTable` names its own kind. */
const serviceOf = (type: string) =>
  type === 'Custom::AmplifyDynamoDBTable'
    ? 'dynamodb'
    : type.split('::')[1].toLowerCase().replace('cognito', 'cognito-idp');
const resourceKind = (type: string) => {
  const kind = type.split('::').pop()!;
  return kind === 'Table' || kind === 'AmplifyDynamoDBTable'
    ? 'table'
    : kind === 'Function'
      ? 'function'
      : kind.toLowerCase();
};
const arn = (service: string, kind: string, id: string) => {
  const prefix = (svc: string) => `arn:aws:${svc}:${LOCAL_REGION}:${LOCAL_ACCOUNT}`;
  if (service === 'sns') return `${prefix('sns')}:${id}`;
  if (service === 'stepfunctions') return `${prefix('states')}:stateMachine:${id}`;
  return `${prefix(service)}:${kind}${kind === 'function' ? ':' : '/'}${id}`;
};
