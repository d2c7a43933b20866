import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { PricedProduct } from './order';
import type { CatalogPort } from './orders';

type Key = Record<string, NativeAttributeValue>;

/** BatchGet takes at most 100 keys; an order has at most 50 lines, but the port does not rely on it. */
const BATCH = 100;
const MAX_ROUNDS = 8;

/**
 * The catalog as orders see it: its `Product` table read by SKU. Read directly rather than through
 * the catalog's GraphQL fields, which hide inactive products: orders must tell "no longer for sale"
 * apart from "unknown".
 */
export class ProductTableCatalog implements CatalogPort {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly productsTable: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async productsBySku(skus: string[]): Promise<PricedProduct[]> {
    const unique = [...new Set(skus)];
    const found: PricedProduct[] = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      found.push(...(await this.batch(unique.slice(i, i + BATCH).map((sku) => ({ sku })))));
    }
    return found;
  }

  /** One BatchGet, retrying the keys DynamoDB leaves unprocessed (throttling) with a short backoff. */
  private async batch(keys: Key[]): Promise<PricedProduct[]> {
    const found: PricedProduct[] = [];
    let pending: Key[] = keys;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error('the catalog did not answer every product; try again');
      if (round > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** round));
      const { Responses, UnprocessedKeys } = await this.db.send(
        new BatchGetCommand({
          RequestItems: {
            [this.productsTable]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: 'sku, #name, price, currency, active',
              ExpressionAttributeNames: { '#name': 'name' },
            },
          },
        }),
      );
      found.push(...((Responses?.[this.productsTable] ?? []) as PricedProduct[]));
      pending = (UnprocessedKeys?.[this.productsTable]?.Keys ?? []) as Key[];
    }
    return found;
  }
}
