/**
 * In-memory ports for unit tests (never imported by a handler). The repository keeps the rules of
 * the DynamoDB conditions in repository.ts: a claim needs an allowed status and no live claim, and
 * only the claim's holder can settle.
 */
import { parseIdempotencyKey, type PaymentAction, type PaymentRecord } from './payment';
import type { PaymentRepository } from './payments';
import type { PaymentProvider } from './provider';

type Item = Partial<PaymentRecord> & { orderId: string; claimAction?: string; claimedAt?: string };

export const memoryRepository = () => {
  const items = new Map<string, Item>();
  const item = (orderId: string) => items.get(orderId) ?? items.set(orderId, { orderId }).get(orderId)!;
  const repository: PaymentRepository & { items: Map<string, Item> } = {
    items,
    async get(orderId) {
      const found = items.get(orderId);
      if (!found?.status) return undefined;
      const { claimAction: _action, claimedAt: _at, ...record } = structuredClone(found);
      return record as PaymentRecord;
    },
    async claim(orderId, claim, from, staleBefore) {
      const found = items.get(orderId);
      if (!from.includes(found?.status ?? null)) return false;
      if (found?.claimedAt && !(found.claimedAt < staleBefore)) return false;
      Object.assign(item(orderId), { claimAction: claim.action, claimedAt: claim.at });
      return true;
    },
    async settle(orderId, claim, { status, set, failure, entry }) {
      const found = items.get(orderId);
      if (found?.claimAction !== claim.action || found.claimedAt !== claim.at)
        throw new Error(`the ${claim.action} claim on order ${orderId} expired before its outcome was written`);
      Object.assign(found, set, status ? { status } : {}, failure ? { failure } : {});
      if (failure === null) delete found.failure;
      delete found.claimAction;
      delete found.claimedAt;
      found.createdAt ??= entry.at;
      found.updatedAt = entry.at;
      found.history = [...(found.history ?? []), entry];
      return (await repository.get(orderId))!;
    },
    async recordAttempt(idempotencyKey) {
      const { orderId, action } = parseIdempotencyKey(idempotencyKey);
      const attempts = (item(orderId).attempts ??= {});
      return (attempts[action] = (attempts[action] ?? 0) + 1);
    },
  };
  return repository;
};

/** Wraps a provider, counting its calls (those that failed too) per method. */
export const countingProvider = (provider: PaymentProvider) => {
  const calls: Record<PaymentAction, number> = { authorize: 0, capture: 0, void: 0, refund: 0 };
  const counted: PaymentProvider & { calls: typeof calls } = {
    calls,
    authorize: (request) => (calls.authorize++, provider.authorize(request)),
    capture: (request) => (calls.capture++, provider.capture(request)),
    void: (request) => (calls.void++, provider.void(request)),
    refund: (request) => (calls.refund++, provider.refund(request)),
  };
  return counted;
};

/** A clock that stands still unless moved. */
export const manualClock = (start = '2025-01-01T00:00:00.000Z') => {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  clock.advance = (ms: number) => void (now += ms);
  return clock;
};
