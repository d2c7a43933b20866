import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CardWrite } from './product-cards';
import type { OrderHistoryWrite } from './order-history';
import { deltaOf, type Contribution } from './daily-sales';
import { salesKeyOf, type ViewTables } from './tables';

/** A conditional write that found a newer (or equal) version in the view: the record is stale. */
const isStale = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';
const lostRace = (error: unknown) =>
  (error as Error).name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
  );

const ignoreStale = async (write: Promise<unknown>) => {
  try {
    await write;
  } catch (error) {
    if (!isStale(error)) throw error;
  }
};

/**
 * Writes projections into the view tables. Every write is conditional on the view holding an older
 * version than the record's, so a replayed, duplicated or late record is a no-op.
 */
export class ViewStore {
  constructor(
    private readonly tables: Partial<ViewTables>,
    private readonly db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  ) {}

  private table(key: keyof ViewTables) {
    const name = this.tables[key];
    if (!name) throw new Error(`no ${key} table given`);
    return name;
  }

  async applyCard(write: CardWrite) {
    const TableName = this.table('productCards');
    if (write.kind === 'stock') {
      return ignoreStale(
        this.db.send(
          new UpdateCommand({
            TableName,
            Key: { sku: write.sku },
            UpdateExpression: 'SET inStock = :inStock, stockVersion = :v',
            ConditionExpression: `attribute_not_exists(stockVersion) OR stockVersion ${write.deleted ? '<=' : '<'} :v`,
            ExpressionAttributeValues: { ':inStock': write.inStock, ':v': write.version },
          }),
        ),
      );
    }
    const newer = `attribute_not_exists(productVersion) OR productVersion ${write.deleted ? '<=' : '<'} :v`;
    const { listing } = write;
    const update = listing
      ? {
          UpdateExpression:
            'SET slug = :slug, #name = :name, price = :price, currency = :currency, category = :category, ' +
            'searchText = :searchText, createdAt = :createdAt, ' +
            `productVersion = :v${listing.image ? ', image = :image' : ' REMOVE image'}`,
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: {
            ':slug': listing.slug,
            ':name': listing.name,
            ':price': listing.price,
            ':currency': listing.currency,
            ':category': listing.category,
            ':searchText': listing.searchText,
            ':createdAt': listing.createdAt,
            ':v': write.version,
            ...(listing.image ? { ':image': listing.image } : {}),
          },
        }
      : {
          // Without its category and name the card drops out of the byCategory index and the grid.
          UpdateExpression:
            'SET productVersion = :v REMOVE slug, #name, price, currency, category, image, searchText, createdAt',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':v': write.version },
        };
    return ignoreStale(
      this.db.send(new UpdateCommand({ TableName, Key: { sku: write.sku }, ConditionExpression: newer, ...update })),
    );
  }

  async applyHistory(write: OrderHistoryWrite) {
    const TableName = this.table('orderHistory');
    if (write.kind === 'delete') {
      return ignoreStale(
        this.db.send(
          new DeleteCommand({
            TableName,
            Key: { userId: write.userId, sk: write.sk },
            ConditionExpression: 'attribute_not_exists(sk) OR version <= :v',
            ExpressionAttributeValues: { ':v': write.version },
          }),
        ),
      );
    }
    return ignoreStale(
      this.db.send(
        new PutCommand({
          TableName,
          Item: write.entry,
          ConditionExpression: 'attribute_not_exists(sk) OR version < :v',
          ExpressionAttributeValues: { ':v': write.entry.version },
        }),
      ),
    );
  }

  /**
   * Replaces the order's contribution and moves its day's totals by the difference, in one
   * transaction conditional on the contribution read: a concurrent writer makes it read again.
   */
  async applyContribution(next: Contribution, attempts = 5): Promise<void> {
    const contributions = this.table('contributions');
    for (let attempt = 1; ; attempt += 1) {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: contributions, Key: { orderId: next.orderId }, ConsistentRead: true }),
      );
      const held = Item as Contribution | undefined;
      if (held && held.version >= next.version) return;
      const delta = deltaOf(held, next);
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Put: {
            TableName: contributions,
            Item: next,
            ...(held
              ? { ConditionExpression: 'version = :held', ExpressionAttributeValues: { ':held': held.version } }
              : { ConditionExpression: 'attribute_not_exists(orderId)' }),
          },
        },
      ];
      if (delta.orders || delta.revenue || delta.units) {
        items.push({
          Update: {
            TableName: this.table('dailySales'),
            Key: salesKeyOf(next.day, next.currency),
            UpdateExpression:
              'SET #day = :day, currency = :currency ADD orders :orders, revenue :revenue, units :units',
            ExpressionAttributeNames: { '#day': 'day' },
            ExpressionAttributeValues: {
              ':day': next.day,
              ':currency': next.currency,
              ':orders': delta.orders,
              ':revenue': delta.revenue,
              ':units': delta.units,
            },
          },
        });
      }
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!lostRace(error) || attempt >= attempts) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }
}
