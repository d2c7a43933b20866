/**
 * DynamoDB Local on its own, for working on the data layer: `tsx local/dynamodb/main.ts [--in-memory]`.
 * Starts it on `PORTS.dynamodb` with its data in `.local/dynamodb`, creates the tables of the cloud
 * assembly (synthesizing it when the backend changed) and runs its seeds, then runs until Ctrl-C.
 */
import { join } from 'node:path';
import { Assembly } from '../assembly/assembly';
import { synth } from '../assembly/synth';
import { PORTS } from '../ports';
import { runCustomResources } from './custom-resources';
import { DYNAMODB_DATA_DIR, localDynamoDbClient, startDynamoDb } from './server';
import { ensureTables } from './tables';

const inMemory = process.argv.includes('--in-memory');
const assembly = new Assembly(synth().dir);
const db = await startDynamoDb({ dataDir: DYNAMODB_DATA_DIR, port: PORTS.dynamodb, inMemory });
const client = localDynamoDbClient(db.endpoint);
const tables = await ensureTables(assembly, client);
const seeds = await runCustomResources(
  assembly,
  { dynamodb: client },
  inMemory ? {} : { stateFile: join(DYNAMODB_DATA_DIR, 'custom-resources.json') },
);
console.log(`DynamoDB Local on ${db.endpoint}${inMemory ? ' (in memory)' : ` (data in ${DYNAMODB_DATA_DIR})`}`);
console.log(
  `tables: ${tables.created.length} created, ${tables.updated.length} updated, ${tables.existing.length} kept`,
);
console.log(`seeds: ${seeds.map((s) => `${s.resource.logicalId} ${s.outcome}`).join(', ') || 'none'}`);
const stop = async () => {
  client.destroy();
  await db.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
