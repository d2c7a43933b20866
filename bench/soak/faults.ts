/**
 * The soak's faults, each switched on by its own flag and configured through the local cloud's
 * routes (`/lambda/faults`, `/events/duplicates`, `/streams/duplicates`, `/dynamodb/restart`), so
 * that they are configuration of the cloud, not branches in its code.
 */
import { cloudEnv } from '../../local/testing/cloud-env';

/** The checkout saga's steps (amplify/sagas/checkout/definition.ts). */
export const SAGA_STEPS = [
  'inventory-reserve',
  'payments-authorize',
  'payments-capture',
  'inventory-commit',
  'orders-confirm',
  'payments-void',
  'payments-refund',
  'inventory-release',
  'orders-fail',
];

/** Functions that consume events (rule targets) and stream records (mappings). */
export const CONSUMERS = [
  'inventory-restock',
  'payments-refund-cancelled',
  'shipping-create',
  'shipping-cancel',
  'orders-mark-shipped',
  'orders-record-refund',
  'notifications-send',
  'orders-publish',
  'payments-publish',
  'inventory-publish',
  'shipping-publish',
  'views-project-cards',
  'views-project-orders',
  'live-publish-orders',
];

export const FAULT_FLAGS = {
  'step-errors': 'saga steps throw at --fault-rate',
  'step-timeouts': 'saga steps time out (as Lambda does, at their timeout) at --fault-rate',
  'consumer-errors': 'event and stream consumers throw at --fault-rate',
  'consumer-timeouts': 'event and stream consumers time out at --fault-rate',
  'crash-after-write': 'saga steps and consumers crash after their writes, before replying, at --fault-rate',
  'duplicate-events': 'EventBridge delivers --fault-rate of the events twice',
  'duplicate-streams': 'stream mappings deliver --fault-rate of the batches twice',
  'payment-timeout': 'some shoppers pay with tok_timeout (the provider times out)',
  'restart-dynamodb': 'DynamoDB Local is killed and restarted halfway through',
} as const;
export type FaultFlag = keyof typeof FAULT_FLAGS;

const send = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${cloudEnv().CLOUD_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

/** Switches on the Lambda faults and duplicate deliveries of `flags`; answers what was set, in words. */
export const switchOn = async (flags: ReadonlySet<FaultFlag>, rate: number, seed: string): Promise<string[]> => {
  const notes: string[] = [];
  const lambda = async (functions: readonly string[], mode: 'error' | 'timeout' | 'crash-after', flag: FaultFlag) => {
    if (!flags.has(flag)) return;
    const set: string[] = [];
    for (const fn of functions) {
      const { status, json } = await send('POST', '/lambda/faults', {
        function: fn,
        mode,
        rate,
        seed: `${seed}/${flag}/${fn}`,
        errorType: 'Error',
        errorMessage: `injected by the soak (${flag})`,
      });
      if (status === 201) set.push(fn);
      else notes.push(`${flag}: ${fn} skipped (${String(json.message)})`);
    }
    notes.push(`${flag}: ${set.length} functions, rate ${rate}`);
  };
  await lambda(SAGA_STEPS, 'error', 'step-errors');
  await lambda(SAGA_STEPS, 'timeout', 'step-timeouts');
  await lambda(CONSUMERS, 'error', 'consumer-errors');
  await lambda(CONSUMERS, 'timeout', 'consumer-timeouts');
  await lambda([...SAGA_STEPS, ...CONSUMERS], 'crash-after', 'crash-after-write');
  if (flags.has('duplicate-events')) {
    await send('PUT', '/events/duplicates', { rate, seed: `${seed}/events` });
    notes.push(`duplicate-events: rate ${rate}`);
  }
  if (flags.has('duplicate-streams')) {
    await send('PUT', '/streams/duplicates', { rate, seed: `${seed}/streams` });
    notes.push(`duplicate-streams: rate ${rate}`);
  }
  return notes;
};

/** Switches every fault off (before the system settles and the books are read). */
export const switchOff = async () => {
  await send('DELETE', '/lambda/faults');
  await send('PUT', '/events/duplicates', { rate: 0 });
  await send('PUT', '/streams/duplicates', { rate: 0 });
};

/** How many invocations the faults hit, and how many deliveries were doubled. */
export const faultCounts = async () => {
  const faults = (await send('GET', '/lambda/faults')).json as unknown as { hits: number; mode?: string }[];
  const byMode: Record<string, number> = {};
  for (const f of faults) byMode[f.mode ?? 'error'] = (byMode[f.mode ?? 'error'] ?? 0) + f.hits;
  const events = (await send('GET', '/events/duplicates')).json as { delivered?: number };
  const streams = (await send('GET', '/streams/duplicates')).json as { delivered?: number };
  return { byMode, duplicateEvents: events.delivered ?? 0, duplicateBatches: streams.delivered ?? 0 };
};

/** Kills DynamoDB Local and starts it again; answers how long it was gone. */
export const restartDynamoDb = async (): Promise<number> => {
  const { status, json } = await send('POST', '/dynamodb/restart');
  if (status !== 200) throw new Error(`restarting DynamoDB Local failed: ${String(json.message)}`);
  return Number(json.downMs);
};
