/**
 * In-memory ports for tests and the bench (never imported by the handler). The ledger keeps the
 * same rule as the DynamoDB condition, `attribute_not_exists(key) OR expiresAt < :now`.
 */
import type { AccessNotice, AccessPolicy, Log, NoticeLedger, NoticeSender, NoticeSlot, PolicyStore } from './access';
import { seedPolicies } from './policies';

export const memoryPolicies = (policies: AccessPolicy[] = seedPolicies) => {
  const table = new Map(policies.map((p) => [p.id, structuredClone(p)]));
  let reads = 0;
  const store: PolicyStore & {
    table: Map<string, AccessPolicy>;
    reads(): number;
  } = {
    table,
    reads: () => reads,
    async get(id) {
      reads += 1;
      const policy = table.get(id);
      return policy && structuredClone(policy);
    },
  };
  return store;
};

export const memoryLedger = () => {
  const items = new Map<string, NoticeSlot>();
  const ledger: NoticeLedger & { items: Map<string, NoticeSlot> } = {
    items,
    async claim(slot, nowSeconds) {
      const existing = items.get(slot.key);
      if (existing && !(existing.expiresAt < nowSeconds)) return false;
      items.set(slot.key, slot);
      return true;
    },
  };
  return ledger;
};

export const recordingSender = () => {
  const sent: AccessNotice[] = [];
  const sender: NoticeSender & { sent: AccessNotice[] } = {
    sent,
    async send(notice) {
      sent.push(notice);
    },
  };
  return sender;
};

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  extra: Record<string, unknown>;
}

export const recordingLog = () => {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      entries.push({ level, message, extra: Object.assign({}, ...extra) });
  const log: Log & { entries: LogEntry[]; text(): string } = {
    entries,
    text: () => JSON.stringify(entries),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return log;
};

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** `API_OPERATIONS` of the API in amplify/data/resource.ts, as `operationsOf` lists them. */
export const API_OPERATIONS = [
  'Mutation.adminAdjustStock',
  'Mutation.adminCreateProduct',
  'Mutation.adminSetProductActive',
  'Mutation.adminSetStock',
  'Mutation.adminUpdateProduct',
  'Mutation.cancelOrder',
  'Mutation.createCategory',
  'Mutation.deleteCategory',
  'Mutation.placeOrder',
  'Mutation.publishOrderUpdate',
  'Mutation.updateCategory',
  'Query.accessPolicies',
  'Query.adminOrder',
  'Query.adminOrders',
  'Query.adminStock',
  'Query.getCategory',
  'Query.getProduct',
  'Query.getProductSlug',
  'Query.listCategories',
  'Query.listProducts',
  'Query.listProductsByCategory',
  'Query.listProductsBySlug',
  'Query.me',
  'Query.myOrders',
  'Query.order',
  'Query.productBySlug',
  'Query.productCards',
  'Query.products',
  'Query.quote',
  'Query.salesReport',
  'Query.stockLevels',
  'Subscription.onOrderUpdated',
];
