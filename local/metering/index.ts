/** Counting what the local cloud's work would cost on AWS. */
export { startDynamoDbMeter } from './dynamodb-meter';
export type { DynamoDbMeter, DynamoDbMeterOptions, DynamoDbMetrics, TableUsage } from './dynamodb-meter';
export { itemSize, numberSize, readUnits, writeUnits } from './item-size';
export type { WireAttributeValue, WireItem } from './item-size';
