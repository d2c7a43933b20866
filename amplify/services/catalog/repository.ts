import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type NativeAttributeValue,
} from '@aws-sdk/lib-dynamodb';
import { UserInputError } from '../shared/errors';
import type { Product } from './product';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  limit: number;
  nextToken?: string;
}

export interface CatalogTables {
  products: string;
  productSlugs: string;
  categories: string;
}

type Key = Record<string, NativeAttributeValue>;
const encodeToken = (key?: Key) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);
const decodeToken = (token?: string): Key | undefined => {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Key;
  } catch {
    throw new UserInputError('nextToken is not one this API returned');
  }
};

/** Products, their slug claims and categories in DynamoDB. */
export class CatalogRepository {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tables: CatalogTables,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(sku: string): Promise<Product | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tables.products, Key: { sku }, ConsistentRead: true }),
    );
    return Item as Product | undefined;
  }

  /**
   * The product a slug is claimed by. Read through the slug claim, not the `bySlug` index: an index
   * lags behind writes, and a slug that just moved must not open its old product.
   */
  async getBySlug(slug: string): Promise<Product | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tables.productSlugs, Key: { slug }, ConsistentRead: true }),
    );
    return Item ? this.get(String(Item.sku)) : undefined;
  }

  async categoryExists(slug: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.categories, Key: { slug } }));
    return Boolean(Item);
  }

  /** Active products, of one category (by name) or all, a page at a time. */
  async listActive(category: string | undefined, page: PageRequest): Promise<Page<Product>> {
    const filter = { FilterExpression: 'active = :yes', ExpressionAttributeValues: { ':yes': true } as Key };
    return category
      ? this.collect(
          (ExclusiveStartKey, Limit) =>
            new QueryCommand({
              TableName: this.tables.products,
              IndexName: 'byCategory',
              KeyConditionExpression: 'category = :category',
              ...filter,
              ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ':category': category },
              ExclusiveStartKey,
              Limit,
            }),
          page,
        )
      : this.collect(
          (ExclusiveStartKey, Limit) =>
            new ScanCommand({ TableName: this.tables.products, ...filter, ExclusiveStartKey, Limit }),
          page,
        );
  }

  /** Writes a new product and claims its slug, both or neither. */
  async create(product: Product): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: { TableName: this.tables.products, Item: product, ConditionExpression: 'attribute_not_exists(sku)' },
            },
            this.claimSlug(product),
          ],
        }),
      );
    } catch (error) {
      throw this.explainConflict(error, product, ['sku', 'slug']);
    }
  }

  /** Replaces `current` with `next` if nobody changed it since it was read; moves the slug claim. */
  async replace(current: Product, next: Product): Promise<void> {
    const put = {
      Put: {
        TableName: this.tables.products,
        Item: next,
        ConditionExpression: 'updatedAt = :seen',
        ExpressionAttributeValues: { ':seen': current.updatedAt },
      },
    };
    const slugMoves = current.slug !== next.slug;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: slugMoves
            ? [
                put,
                this.claimSlug(next),
                { Delete: { TableName: this.tables.productSlugs, Key: { slug: current.slug } } },
              ]
            : [put],
        }),
      );
    } catch (error) {
      throw this.explainConflict(error, next, ['changed', 'slug']);
    }
  }

  private claimSlug(product: Product) {
    const now = product.updatedAt;
    return {
      Put: {
        TableName: this.tables.productSlugs,
        Item: { slug: product.slug, sku: product.sku, createdAt: now, updatedAt: now, __typename: 'ProductSlug' },
        ConditionExpression: 'attribute_not_exists(slug)',
      },
    };
  }

  /** Turns a cancelled transaction into the reason a user can act on. */
  private explainConflict(error: unknown, product: Product, reasons: ('sku' | 'slug' | 'changed')[]): unknown {
    if (error instanceof ConditionalCheckFailedException)
      return new UserInputError(`product ${product.sku} changed meanwhile; reload and retry`);
    if (!(error instanceof TransactionCanceledException)) return error;
    const failed = (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
    switch (reasons[failed]) {
      case 'sku':
        return new UserInputError(`a product with sku ${product.sku} already exists`);
      case 'slug':
        return new UserInputError(`another product already uses the slug ${product.slug}`);
      case 'changed':
        return new UserInputError(`product ${product.sku} changed meanwhile; reload and retry`);
      default:
        return error;
    }
  }

  /** Reads until a page is full: a filter may drop items after DynamoDB's own `Limit` applies. */
  private async collect(
    command: (start: Key | undefined, limit: number) => QueryCommand | ScanCommand,
    { limit, nextToken }: PageRequest,
  ): Promise<Page<Product>> {
    const items: Product[] = [];
    let start = decodeToken(nextToken);
    do {
      const out = await this.db.send(command(start, limit - items.length) as ScanCommand);
      items.push(...((out.Items ?? []) as Product[]));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return { items, nextToken: encodeToken(start) };
  }
}
