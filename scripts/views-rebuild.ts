/**
 * `npm run views:rebuild`: makes every view (ProductCards, OrderHistory, DailySales) again from the
 * write tables of a running local cloud: `npm start`'s by default, another with DYNAMODB_ENDPOINT.
 * Safe while the projectors run: both write through the same versioned conditions.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from '../local/dynamodb/server';
import { PORTS } from '../local/ports';
import { findTables } from '../amplify/services/views/find-tables';
import { rebuildViews } from '../amplify/services/views/rebuild';

const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${PORTS.dynamodb}`;
const client = localDynamoDbClient(endpoint);
const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

try {
  const { sources, views } = await findTables(client);
  const started = Date.now();
  const counts = await rebuildViews(db, sources, views);
  console.log(
    `rebuilt the views at ${endpoint} from ${counts.products} products, ${counts.stock} stock items and ` +
      `${counts.orders} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`could not rebuild the views at ${endpoint}: ${(error as Error).message}`);
  process.exitCode = 1;
}
