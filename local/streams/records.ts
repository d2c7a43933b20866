import type { _Record as StreamRecord, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_REGION } from '../assembly/assembly';

/** An attribute value as JSON carries it: binary as base64. */
export type JsonAttributeValue = Record<string, unknown>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const jsonValue = (value: AttributeValue): JsonAttributeValue => {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: jsonImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(jsonValue) };
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== '$unknown' && v !== undefined));
};

const jsonImage = (image: Record<string, AttributeValue>): Record<string, JsonAttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([k, v]) => [k, jsonValue(v)]));

/** One record of the event Lambda gives a DynamoDB stream function. */
export interface DynamoDbStreamEventRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: Record<string, JsonAttributeValue>;
    NewImage?: Record<string, JsonAttributeValue>;
    OldImage?: Record<string, JsonAttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
  userIdentity?: { type: string; principalId: string };
}

/** A stream record as `GetRecords` gives it → as Lambda delivers it (`eventSourceARN` is the AWS-style ARN). */
export const lambdaRecord = (record: StreamRecord, eventSourceArn: string): DynamoDbStreamEventRecord => {
  const d = record.dynamodb!;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDbStreamEventRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor((d.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
      Keys: jsonImage(d.Keys ?? {}),
      ...(d.NewImage ? { NewImage: jsonImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: jsonImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber!,
      SizeBytes: d.SizeBytes ?? 0,
      StreamViewType: d.StreamViewType!,
    },
    eventSourceARN: eventSourceArn,
    ...(record.userIdentity?.Type
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId ?? '' } }
      : {}),
  };
};

/** Stream sequence numbers are decimal strings of any length: compare them as numbers. */
export const compareSequence = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
