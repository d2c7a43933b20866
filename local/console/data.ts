import type { AuthorizerDecision } from '../appsync';
import type { LocalEventBridge } from '../eventbridge';
import type { AsyncInvokeConfig } from '../eventbridge/invoke-configs';
import type { LambdaEmulator } from '../lambda';
import { parseLogLines, type LogEntry } from '../lambda/log-lines';
import type { DynamoDbMeter } from '../metering';
import type { Outbox } from '../ports';
import type { RunningScheduler } from '../scheduler';
import type { LocalSqs, StoredMessage } from '../sqs';
import type { LocalStepFunctions } from '../stepfunctions';
import type { LocalStreams } from '../streams';
import type { DeadLetterRedriver, Redrive } from './redrive';

/** Everything the console reads. AppSync and the scheduler start after the cloud server: set them then. */
export interface ConsoleSources {
  outbox: Outbox;
  lambda: LambdaEmulator;
  eventBridge: LocalEventBridge;
  stepFunctions: LocalStepFunctions;
  sqs: LocalSqs;
  streams: LocalStreams;
  dynamodbMeter: DynamoDbMeter;
  asyncConfigs: ReadonlyMap<string, AsyncInvokeConfig>;
  /** Probed over HTTP for the health table (`storefront` absent when none runs). */
  urls: { dynamodb: string; cognito: string; graphql: string; storefront?: string };
  appsync?: { decisions(): AuthorizerDecision[]; requests(): number };
  scheduler?: RunningScheduler;
}

/** What narrows the console: an order id (events, runs, messages, logs, dead letters), text, a function, a request id. */
export interface ConsoleFilter {
  order?: string;
  q?: string;
  fn?: string;
  requestId?: string;
}

export interface ServiceHealth {
  service: string;
  status: 'up' | 'down' | 'off';
  /** The service's key counter, e.g. `12 invocations, 1 failed`. */
  counter: string;
}

/** Up when anything answers HTTP at `url` within a second (any status: the server is there). */
const answers = async (url: string): Promise<boolean> => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Each local service: up or down, and a counter that says it is doing its work. */
export const health = async (s: ConsoleSources): Promise<ServiceHealth[]> => {
  const [dynamodbUp, cognitoUp, appsyncUp, storefrontUp] = await Promise.all([
    answers(s.urls.dynamodb),
    answers(s.urls.cognito),
    answers(s.urls.graphql),
    s.urls.storefront ? answers(s.urls.storefront) : Promise.resolve(false),
  ]);
  const invocations = s.lambda.invocations();
  const executions = s.stepFunctions.listExecutions();
  const eb = s.eventBridge.metrics();
  const deadLetters = deadLetterQueues(s).reduce((n, q) => n + q.messages, 0);
  const mappings = s.streams.mappings();
  const streamErrors = mappings.flatMap((m) => m.shards.filter((sh) => sh.lastError)).length;
  const up = (ok: boolean): ServiceHealth['status'] => (ok ? 'up' : 'down');
  return [
    { service: 'DynamoDB', status: up(dynamodbUp), counter: plural(s.dynamodbMeter.metrics().requests, 'request') },
    {
      service: 'Cognito',
      status: up(cognitoUp),
      counter: plural(s.outbox.emails().filter((e) => e.code).length, 'code') + ' emailed',
    },
    {
      service: 'AppSync',
      status: up(appsyncUp && s.appsync !== undefined),
      counter: `${plural(s.appsync?.requests() ?? 0, 'request')}, ${plural(s.appsync?.decisions().length ?? 0, 'decision')}`,
    },
    {
      service: 'Lambda',
      status: 'up',
      counter: `${plural(invocations.length, 'invocation')}, ${invocations.filter((r) => r.error).length} failed`,
    },
    {
      service: 'Step Functions',
      status: 'up',
      counter: `${plural(executions.length, 'execution')}, ${executions.filter((e) => e.status === 'RUNNING').length} running, ${executions.filter((e) => e.status === 'FAILED').length} failed`,
    },
    {
      service: 'EventBridge',
      status: 'up',
      counter: `${plural(eb.entriesPut, 'event')}, ${plural(eb.deadLetters, 'dead letter')}`,
    },
    {
      service: 'SQS',
      status: 'up',
      counter: `${plural(s.sqs.queues().length, 'queue')}, ${plural(deadLetters, 'dead letter')} waiting`,
    },
    {
      service: 'Streams',
      status: s.streams.isStopped() ? 'down' : 'up',
      counter: `${plural(
        mappings.reduce((n, m) => n + m.metrics.records, 0),
        'record',
      )} delivered${streamErrors ? `, ${plural(streamErrors, 'shard')} failing` : ''}`,
    },
    {
      service: 'Scheduler',
      status: s.scheduler ? 'up' : 'down',
      counter: `${plural(s.scheduler?.runs().length ?? 0, 'run')}, ${s.scheduler?.runs().filter((r) => r.error).length ?? 0} failed`,
    },
    {
      service: 'Storefront',
      status: s.urls.storefront ? up(storefrontUp) : 'off',
      counter: s.urls.storefront ?? 'not started (storefront: none)',
    },
  ];
};

export interface DeadLetterQueue {
  name: string;
  arn: string;
  /** What sends to it: rules, functions' on-failure, stream mappings, source queues. */
  feeds: string[];
  messages: number;
  /** The messages waiting (a peek), newest first. */
  waiting: { messageId: string; sentAt: string; body: string; attributes: Record<string, string> }[];
}

const attributesOf = (m: StoredMessage) =>
  Object.fromEntries(Object.entries(m.messageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']));

/** A function's friendly name, a state machine's or queue's name: what a developer calls it. */
const labelOf = (s: ConsoleSources, arn: string): string => s.lambda.find(arn)?.label ?? arn.split(':').pop()!;

/** CloudFormation's generated names end in the part a developer wrote: `…-checkout3B92E0EF-NotifyRuleA0782D5A` → `NotifyRuleA0782D5A`. */
const shortName = (name: string) => name.split('-').filter(Boolean).pop() ?? name;

/** The table a stream mapping reads, by its stream's ARN (Amplify's model tables have no name in the template). */
const tableOf = (m: { table: string; streamArn?: string }) =>
  shortName(/:table\/([^/]+)\/stream\//.exec(m.streamArn ?? '')?.[1] ?? m.table);

/** Every queue the templates use as a dead-letter queue or on-failure destination, and what feeds it. */
export const deadLetterQueues = (s: ConsoleSources, filter: ConsoleFilter = {}): DeadLetterQueue[] => {
  const feeds = new Map<string, string[]>();
  const add = (arn: string | undefined, what: string) => {
    if (!arn || !/^arn:aws:sqs:/.test(arn)) return;
    feeds.set(arn, [...(feeds.get(arn) ?? []), what]);
  };
  for (const rule of s.eventBridge.rules())
    for (const t of rule.targets) add(t.deadLetterArn, `rule ${shortName(rule.name)} (undeliverable events)`);
  for (const [fn, config] of s.asyncConfigs) {
    const label = s.lambda.find(fn)?.label ?? fn;
    add(config.onFailure, `function ${label} (failed invocations)`);
    if (!config.onFailure) add(config.deadLetterArn, `function ${label} (failed invocations)`);
  }
  for (const m of s.streams.mappings())
    add(m.settings.onFailure, `${labelOf(s, m.function)} reading ${tableOf(m)}'s stream (failed batches)`);
  const queues = s.sqs.queues();
  for (const q of queues) for (const source of q.deadLetterSourceArns) add(q.arn, `queue ${source}`);
  return queues
    .filter((q) => feeds.has(q.arn))
    .map((q) => {
      const waiting = s.sqs
        .messages(q.name)
        .filter((m) => !filter.order || m.body.includes(filter.order))
        .reverse()
        .map((m) => ({
          messageId: m.messageId,
          sentAt: new Date(m.sentTimestamp).toISOString(),
          body: m.body,
          attributes: attributesOf(m),
        }));
      const { visible, notVisible, delayed } = q.messages;
      return { name: q.name, arn: q.arn, feeds: feeds.get(q.arn)!, messages: visible + notVisible + delayed, waiting };
    });
};

/** A log entry of one invocation, for the console. */
export interface ConsoleLogEntry extends LogEntry {
  function: string;
  invocation: string;
}

const mentions = (value: unknown, text: string) => JSON.stringify(value).includes(text);

/** Every invocation's log lines, parsed, newest first; an invocation's failure is an ERROR entry of its own. */
export const logEntries = (s: ConsoleSources, filter: ConsoleFilter = {}, limit = 200): ConsoleLogEntry[] => {
  const out: ConsoleLogEntry[] = [];
  const fn = filter.fn?.toLowerCase();
  const q = filter.q?.toLowerCase();
  const records = s.lambda.invocations();
  for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
    const r = records[i];
    if (fn && !r.label.toLowerCase().includes(fn) && !r.function.toLowerCase().includes(fn)) continue;
    const entries: LogEntry[] = parseLogLines(r.logs, { time: r.startedAt, requestId: r.requestId });
    if (r.error)
      entries.push({
        time: new Date(Date.parse(r.startedAt) + r.durationMs).toISOString(),
        level: 'ERROR',
        message: `invocation failed${r.faultId ? ' (injected fault)' : ''}: ${r.error.errorType}: ${r.error.errorMessage}`,
        fields: {},
        requestId: r.requestId,
      });
    if (filter.requestId && r.requestId !== filter.requestId && !entries.some((e) => e.requestId === filter.requestId))
      continue;
    if (filter.order && !r.logs.some((l) => l.includes(filter.order!))) continue;
    for (const entry of entries.reverse()) {
      if (q && !`${entry.message} ${JSON.stringify(entry.fields)}`.toLowerCase().includes(q)) continue;
      out.push({ ...entry, function: r.label, invocation: r.requestId });
      if (out.length >= limit) break;
    }
  }
  return out;
};

const lastRedrive = (s: ConsoleSources, redrives: Redrive[], queue: string) => {
  const last = redrives.find((r) => r.queue === queue);
  return (
    last && {
      ...last,
      messages: last.messages.map((m) => ({ ...m, ...(m.target ? { targetLabel: labelOf(s, m.target) } : {}) })),
    }
  );
};

/** Everything the page shows, narrowed by `filter`, newest first, each list capped. */
export const snapshot = async (s: ConsoleSources, redriver: DeadLetterRedriver, filter: ConsoleFilter = {}) => {
  const order = filter.order;
  const keep = (value: unknown) => !order || mentions(value, order);
  const cap = <T>(list: T[], n = 200) => list.slice(0, n);
  const deliveries = new Map(s.eventBridge.deliveries().map((d) => [d.eventId, d]));
  const events = cap(
    s.eventBridge
      .events()
      .filter(keep)
      .reverse()
      .map((e) => {
        const d = deliveries.get(e.id);
        return {
          id: e.id,
          time: e.time,
          bus: e.bus,
          source: e.source,
          detailType: e['detail-type'],
          detail: e.detail,
          rules: d?.rules ?? [],
          targets: (d?.targets ?? []).map((t) => ({ ...t, targetLabel: labelOf(s, t.targetArn) })),
        };
      }),
  );
  const machines = new Map(s.stepFunctions.stateMachines().map((m) => [m.arn, m.name]));
  const executions = cap(
    s.stepFunctions
      .listExecutions()
      .filter((e) => !order || e.input.includes(order) || (e.output ?? '').includes(order))
      .map((e) => ({ ...e, stateMachine: machines.get(e.stateMachineArn) ?? e.stateMachineArn })),
  );
  const redrives = redriver.redrives();
  return {
    at: new Date().toISOString(),
    filter,
    health: await health(s),
    outbox: {
      emails: cap(s.outbox.emails().filter(keep).reverse()),
      sns: cap(s.outbox.sns().filter(keep).reverse()),
    },
    events,
    executions,
    decisions: cap((s.appsync?.decisions() ?? []).slice().reverse()),
    deadLetters: deadLetterQueues(s, filter).map((q) => ({
      ...q,
      lastRedrive: lastRedrive(s, redrives, q.name),
    })),
    logs: logEntries(s, filter),
  };
};
