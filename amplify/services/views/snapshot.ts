import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scan } from './rebuild';
import { VIEW_KEYS, type ViewTables } from './tables';

export type ViewSnapshot = Record<keyof ViewTables, Record<string, unknown>[]>;

/**
 * Every item of every view, sorted by key, for comparing two sets of views. A day whose totals
 * came back to zero (an order confirmed, then cancelled) is left out: it reports as no sales, the
 * same as a day never touched.
 */
export const snapshotViews = async (db: DynamoDBDocumentClient, views: ViewTables): Promise<ViewSnapshot> => {
  const entries = await Promise.all(
    (Object.keys(VIEW_KEYS) as (keyof ViewTables)[]).map(async (key) => {
      const items: Record<string, unknown>[] = [];
      for await (const item of scan<Record<string, unknown>>(db, views[key])) {
        if (key === 'dailySales' && !item.orders && !item.revenue && !item.units) continue;
        items.push(item);
      }
      const keyOf = (item: Record<string, unknown>) => VIEW_KEYS[key].map((k) => String(item[k])).join('\u0000');
      return [key, items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))] as const;
    }),
  );
  return Object.fromEntries(entries) as ViewSnapshot;
};
