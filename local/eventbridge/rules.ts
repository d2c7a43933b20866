import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly } from '../assembly/assembly';
import { DEFAULT_BUS, type EventBus } from './buses';
import { inputSpecOf, type InputSpec } from './input';
import { parsePattern, PatternError, type Json } from './pattern';

/** What kind of resource a target is, from its ARN. */
export type TargetKind = 'lambda' | 'state-machine' | 'sqs' | 'sns' | 'event-bus';

/** One target of a rule, as the local EventBridge delivers to it. */
export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
  readonly kind: TargetKind;
  readonly input: InputSpec;
  /** `RetryPolicy`: for events that cannot be delivered (defaults 185 and 86400, as on AWS). */
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  /** `DeadLetterConfig.Arn`: the SQS queue an undeliverable event goes to. */
  readonly deadLetterArn?: string;
}

/** An enabled `AWS::Events::Rule` with an `EventPattern`. */
export interface Rule {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** The name of the bus it is on. */
  readonly bus: string;
  readonly pattern: Record<string, Json>;
  readonly targets: readonly RuleTarget[];
}

/** A rule of the templates the local EventBridge does not run, and why. */
export interface SkippedRule {
  readonly logicalId: string;
  readonly reason: string;
}

const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_EVENT_AGE_SECONDS = 86_400;

export const ruleArn = (bus: string, name: string): string =>
  `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${name}`;

/** The bus named by a rule's `EventBusName` (name or ARN), as the assembly evaluates it. */
const busNameOf = (value: unknown): string => {
  if (value === undefined || value === '') return DEFAULT_BUS;
  const text = String(value);
  return text.startsWith('arn:') ? text.slice(text.indexOf(':event-bus/') + ':event-bus/'.length) : text;
};

/** The kind of resource an ARN names, if the local EventBridge can deliver to it. */
export const targetKindOf = (arn: string): TargetKind | undefined => {
  const service = arn.split(':')[2];
  if (service === 'lambda' && /:function:/.test(arn)) return 'lambda';
  if (service === 'states' && /:stateMachine:/.test(arn)) return 'state-machine';
  if (service === 'sqs') return 'sqs';
  if (service === 'sns') return 'sns';
  if (service === 'events' && /:event-bus\//.test(arn)) return 'event-bus';
  return undefined;
};

interface TargetProperties {
  Id?: string;
  Arn?: string;
  Input?: unknown;
  InputPath?: unknown;
  InputTransformer?: { InputPathsMap?: Record<string, unknown>; InputTemplate?: unknown };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  AppSyncParameters?: unknown;
  HttpParameters?: unknown;
  [other: string]: unknown;
}

const targetOf = (rule: string, t: TargetProperties, buses: readonly EventBus[]): RuleTarget => {
  const id = t.Id ?? '?';
  const where = `rule ${rule}, target ${id}`;
  const arn = String(t.Arn ?? '');
  if (t.AppSyncParameters !== undefined || arn.split(':')[2] === 'appsync')
    throw new Error(`${where}: AppSync (GraphQL operation) targets are not emulated locally (${arn})`);
  const kind = targetKindOf(arn);
  if (!kind || t.HttpParameters !== undefined)
    throw new Error(`${where}: targets of ${arn || 'no ARN'} are not emulated locally`);
  if (kind === 'event-bus' && !buses.some((b) => b.arn === arn))
    throw new Error(`${where}: the bus ${arn} is not in the templates`);
  let input: InputSpec;
  try {
    input = inputSpecOf(t);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const deadLetterArn = t.DeadLetterConfig?.Arn;
  if (deadLetterArn !== undefined && targetKindOf(deadLetterArn) !== 'sqs')
    throw new Error(`${where}: DeadLetterConfig.Arn must be an SQS queue (${deadLetterArn})`);
  return {
    id,
    arn,
    kind,
    input,
    maximumRetryAttempts: t.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS,
    maximumEventAgeSeconds: t.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS,
    ...(deadLetterArn ? { deadLetterArn } : {}),
  };
};

/**
 * Every enabled rule with an `EventPattern` on a bus of the templates, with its targets. Throws,
 * naming the rule (and target), when a pattern is invalid, a rule is on a bus the templates do not
 * define, or a target cannot run locally. Scheduled and disabled rules are returned as skipped.
 */
export const rulesOf = (assembly: Assembly, buses: readonly EventBus[]): { rules: Rule[]; skipped: SkippedRule[] } => {
  const rules: Rule[] = [];
  const skipped: SkippedRule[] = [];
  for (const resource of assembly.resources('AWS::Events::Rule')) {
    const props = assembly.properties<{
      EventPattern?: unknown;
      EventBusName?: unknown;
      State?: string;
      ScheduleExpression?: string;
      Targets?: TargetProperties[];
    }>(resource);
    // The assembly's physical id: the rule's `Name`, else `<stack>-<logicalId>` (what `Ref` names too).
    const name = assembly.physicalId(resource);
    if (props.EventPattern === undefined) {
      skipped.push({ logicalId: resource.logicalId, reason: 'a scheduled rule (no EventPattern): not run locally' });
      continue;
    }
    if (props.State === 'DISABLED') {
      skipped.push({ logicalId: resource.logicalId, reason: 'disabled' });
      continue;
    }
    const bus = busNameOf(props.EventBusName);
    if (!buses.some((b) => b.name === bus)) throw new Error(`rule ${name}: its bus ${bus} is not in the templates`);
    let pattern: Record<string, Json>;
    try {
      pattern = parsePattern(props.EventPattern);
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      throw new Error(`rule ${name}: ${error.message}`);
    }
    rules.push({
      logicalId: resource.logicalId,
      name,
      arn: ruleArn(bus, name),
      bus,
      pattern,
      targets: (props.Targets ?? []).map((t) => targetOf(name, t, buses)),
    });
  }
  return { rules, skipped };
};
