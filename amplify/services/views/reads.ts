import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { UserInputError } from '../shared/errors';
import type { OrderHistoryEntry } from './order-history';
import type { ProductCard } from './product-cards';
import { decodeToken, encodeToken, type MyOrdersArgs, type ProductCardsArgs, type SalesReportArgs } from './queries';
import type { ViewTables } from './tables';

export interface DailySales {
  day: string;
  orders: number;
  units: number;
  revenue: { currency: string; amount: number }[];
}

type OrderSummary = Omit<OrderHistoryEntry, 'userId' | 'sk' | 'version'>;

const CARD_KEYS = ['sku'];
const CARD_INDEX_KEYS = ['sku', 'category', 'name'];
const HISTORY_KEYS = ['userId', 'sk'];

/** The reads of the views: each answers from one view, shaped as the API returns it. */
export class ViewReads {
  constructor(
    private readonly tables: Pick<ViewTables, 'productCards' | 'orderHistory' | 'dailySales'>,
    private readonly db = DynamoDBDocumentClient.from(new DynamoDBClient({})),
  ) {}

  /** The grid: listed cards of a category in name order (byCategory), or of every category. */
  async productCards({ category, limit, nextToken }: ProductCardsArgs) {
    const page = category
      ? await this.db.send(
          new QueryCommand({
            TableName: this.tables.productCards,
            IndexName: 'byCategory',
            KeyConditionExpression: 'category = :c',
            ExpressionAttributeValues: { ':c': category },
            Limit: limit,
            ExclusiveStartKey: decodeToken(nextToken, CARD_INDEX_KEYS),
          }),
        )
      : await this.db.send(
          new ScanCommand({
            TableName: this.tables.productCards,
            // A delisted card keeps only its stock side: no category.
            FilterExpression: 'attribute_exists(category)',
            Limit: limit,
            ExclusiveStartKey: decodeToken(nextToken, CARD_KEYS),
          }),
        );
    const items = (page.Items ?? []).map((c): ProductCard => ({
      sku: c.sku,
      slug: c.slug,
      name: c.name,
      price: c.price,
      currency: c.currency,
      image: c.image,
      category: c.category,
      inStock: c.inStock === true,
    }));
    return { items, nextToken: encodeToken(page.LastEvaluatedKey) };
  }

  /** The caller's orders, newest first. `userId` comes from the authorizer, never from arguments. */
  async myOrders(userId: string, { limit, nextToken }: MyOrdersArgs) {
    const exclusiveStart = decodeToken(nextToken, HISTORY_KEYS);
    if (exclusiveStart && exclusiveStart.userId !== userId)
      throw new UserInputError('nextToken is not one this API gave');
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tables.orderHistory,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: exclusiveStart,
      }),
    );
    const items = (page.Items ?? []).map(
      ({ userId: _owner, sk: _key, version: _version, ...order }) => order as OrderSummary,
    );
    return { items, nextToken: encodeToken(page.LastEvaluatedKey) };
  }

  /** Every day from `from` to `to` (UTC), with no sales as zeros; revenue per currency. */
  async salesReport({ from, to }: SalesReportArgs): Promise<DailySales[]> {
    const days = new Map<string, DailySales>();
    for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      days.set(day, { day, orders: 0, units: 0, revenue: [] });
    }
    const months = [...new Set([...days.keys()].map((d) => d.slice(0, 7)))];
    for (const month of months) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tables.dailySales,
            KeyConditionExpression: '#month = :m AND sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#month': 'month' },
            ExpressionAttributeValues: { ':m': month, ':from': from, ':to': `${to}#\uffff` },
            ExclusiveStartKey,
          }),
        );
        for (const row of page.Items ?? []) {
          const day = days.get(row.day);
          if (!day) continue;
          day.orders += row.orders ?? 0;
          day.units += row.units ?? 0;
          if (row.revenue) day.revenue.push({ currency: row.currency, amount: row.revenue });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    return [...days.values()];
  }
}
