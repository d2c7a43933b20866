/** DynamoDB Local with the tables and seeds of the cloud assembly. */
export { startDynamoDb, localDynamoDbClient, dynamoDbLocalJar, freePort, portFree, DYNAMODB_DATA_DIR } from './server';
export type { DynamoDbOptions, RunningDynamoDb } from './server';
export { ensureTables, tableDefinitions, TABLE_TYPES } from './tables';
export type { EnsureTablesResult, TableDefinition } from './tables';
export { runCustomResources, awsCustomResources } from './custom-resources';
export type {
  AwsSdkCall,
  CustomResourceClients,
  CustomResourceOutcome,
  RunCustomResourcesOptions,
} from './custom-resources';
