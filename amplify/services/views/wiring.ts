import {
  Duration,
  RemovalPolicy,
  Stack,
  aws_dynamodb as dynamodb,
  aws_lambda as lambda,
  aws_lambda_event_sources as sources,
} from 'aws-cdk-lib';
import { deadLetterQueue, type EventFunction } from '../../events/wiring';
import { VIEW_TABLE_VARIABLES, type ViewTables } from './tables';

/**
 * A table's stream feeding a projector, with the outbox's settings (`publishFromStream`): from the
 * start of the stream, 25 records a batch, a failing record retried, bisected around and after 10
 * tries (or a day) sent to the on-failure queue so the records behind it are projected.
 */
export const projectFromStream = (id: string, table: dynamodb.ITable, fn: EventFunction) => {
  const failures = deadLetterQueue(Stack.of(fn.resources.lambda), `${id}StreamFailures`);
  fn.resources.lambda.addEventSource(
    new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      maxBatchingWindow: Duration.seconds(0),
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      reportBatchItemFailures: true,
      onFailure: new sources.SqsDlq(failures),
    }),
  );
  return failures;
};

/**
 * The read side's tables, in the views stack. They are derived data (`npm run views:rebuild` makes
 * them again from the write tables), so they are destroyed with the stack and need no backups.
 */
export const defineViewTables = (stack: Stack): Record<keyof ViewTables, dynamodb.Table> => {
  const table = (id: string, partitionKey: string, sortKey?: string) =>
    new dynamodb.Table(stack, id, {
      partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: sortKey ? { name: sortKey, type: dynamodb.AttributeType.STRING } : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  const productCards = table('ProductCards', 'sku');
  productCards.addGlobalSecondaryIndex({
    indexName: 'byCategory',
    partitionKey: { name: 'category', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'name', type: dynamodb.AttributeType.STRING },
  });
  return {
    productCards,
    orderHistory: table('OrderHistory', 'userId', 'sk'),
    dailySales: table('DailySales', 'month', 'sk'),
    contributions: table('DailySalesContributions', 'orderId'),
  };
};

/** Names the view tables in a function's environment. */
export const nameViewTables = (
  fn: Pick<EventFunction, 'addEnvironment'>,
  tables: Partial<Record<keyof ViewTables, dynamodb.ITable>>,
) => {
  for (const [key, t] of Object.entries(tables) as [keyof ViewTables, dynamodb.ITable][]) {
    fn.addEnvironment(VIEW_TABLE_VARIABLES[key], t.tableName);
  }
};
