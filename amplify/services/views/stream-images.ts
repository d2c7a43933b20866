import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** A stream record's before and after images as plain objects. */
export const imagesOf = <T>(record: DynamoDBRecord): [T | undefined, T | undefined] => {
  const image = (i: Record<string, unknown> | undefined) =>
    i ? (unmarshall(i as Record<string, AttributeValue>) as T) : undefined;
  return [image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage)];
};
