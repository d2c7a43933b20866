import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { UserInputError } from '../shared/errors';
import { decodePageToken, encodePageToken } from '../shared/page-token';
import type { OrderHistoryEntry } from './order-history';
import { pageOfCards, type ListedCard } from './card-pages';
import { type MyOrdersArgs, type ProductCardsArgs, type SalesReportArgs } from './queries';
import type { ViewTables } from './tables';

export interface DailySales {
  day: string;
  orders: number;
  units: number;
  revenue: { currency: string; amount: number }[];
}

type OrderSummary = Omit<OrderHistoryEntry, 'userId' | 'sk' | 'version'>;

const HISTORY_KEYS = ['userId', 'sk'];

/** The reads of the views: each answers from one view, shaped as the API returns it. */
export class ViewReads {
  constructor(
    private readonly tables: Pick<ViewTables, 'productCards' | 'orderHistory' | 'dailySales'>,
    private readonly db = DynamoDBDocumentClient.from(new DynamoDBClient({})),
  ) {}

  /**
   * A page of the grid: the listed cards that match, in the asked order. Every matching card is read
   * (a category's through its index, else the whole view) and ordered in the function. That is fine
   * for the hundreds to few thousands of products of a shop like this one (the seeded catalog answers
   * in a few milliseconds; see docs/decisions/0010-catalog-search-in-the-view.md): past that, each
   * request reads more than a page's worth and the next step is a search index (OpenSearch, fed from
   * the Product table by the zero-ETL integration).
   */
  async productCards({ limit, nextToken, ...query }: ProductCardsArgs) {
    // A delisted card keeps only its stock side: no category, so neither in the index nor listed.
    // (A query's filter may not name the index's key, and needs no such check.)
    const filters = query.category ? [] : ['attribute_exists(category)'];
    const values: Record<string, unknown> = {};
    query.words.forEach((word, i) => {
      filters.push(`contains(searchText, :w${i})`);
      values[`:w${i}`] = word;
    });
    if (query.minPrice !== undefined) {
      filters.push('price >= :min');
      values[':min'] = query.minPrice;
    }
    if (query.maxPrice !== undefined) {
      filters.push('price <= :max');
      values[':max'] = query.maxPrice;
    }
    const read = {
      TableName: this.tables.productCards,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ProjectionExpression: 'sku, slug, #name, price, currency, image, category, inStock, createdAt',
      ExpressionAttributeNames: { '#name': 'name' },
    };
    const cards: ListedCard[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        query.category
          ? new QueryCommand({
              ...read,
              IndexName: 'byCategory',
              KeyConditionExpression: 'category = :c',
              ExpressionAttributeValues: { ...values, ':c': query.category },
              ExclusiveStartKey,
            })
          : new ScanCommand({
              ...read,
              ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
              ExclusiveStartKey,
            }),
      );
      for (const c of page.Items ?? []) {
        cards.push({
          sku: c.sku,
          slug: c.slug,
          name: c.name,
          price: c.price,
          currency: c.currency,
          image: c.image,
          category: c.category,
          inStock: c.inStock === true,
          createdAt: c.createdAt ?? '',
        });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return pageOfCards(cards, query, { limit, nextToken });
  }

  /** The caller's orders, newest first. `userId` comes from the authorizer, never from arguments. */
  async myOrders(userId: string, { limit, nextToken }: MyOrdersArgs) {
    const exclusiveStart = decodePageToken(nextToken, HISTORY_KEYS);
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
    return { items, nextToken: encodePageToken(page.LastEvaluatedKey) };
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
