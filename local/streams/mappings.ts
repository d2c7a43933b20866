import type { Assembly } from '../assembly/assembly';
import { parsePattern, type Json } from '../eventbridge/pattern';

export const MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/** `arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>` → the table's name. */
export const tableOfStreamArn = (arn: string): string | undefined =>
  /^arn:aws:dynamodb:[^:]*:\d{12}:table\/([^/]+)\/stream\/[^/]+$/.exec(arn)?.[1];

/** An `AWS::Lambda::EventSourceMapping` reading a DynamoDB table's stream, with AWS's defaults filled in. */
export interface StreamMapping {
  /** `<stack>/<logicalId>`: the key of its checkpoints and metrics. */
  readonly id: string;
  readonly logicalId: string;
  /** The function's name or ARN, as the template gives it. */
  readonly functionName: string;
  readonly tableName: string;
  /** The stream ARN the template resolves to (the table's real stream once `StreamArns` is loaded). */
  readonly eventSourceArn: string;
  readonly enabled: boolean;
  /** Default 100. */
  readonly batchSize: number;
  /** Seconds; default 0. */
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** `FilterCriteria.Filters[].Pattern`, parsed: a record is delivered when any matches. */
  readonly filters: Record<string, Json>[];
  readonly reportBatchItemFailures: boolean;
  readonly bisectBatchOnFunctionError: boolean;
  /** -1 (the default): until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1 (the default): until the record expires. */
  readonly maximumRecordAgeInSeconds: number;
  /** `DestinationConfig.OnFailure.Destination`: an SQS queue or SNS topic ARN. */
  readonly onFailure?: string;
}

/** An event source mapping the local cloud does not run, and why. */
export interface SkippedMapping {
  readonly logicalId: string;
  readonly eventSourceArn: string;
  readonly reason: string;
}

type Loose = Record<string, unknown>;

const integer = (value: unknown, fallback: number): number => (value === undefined ? fallback : Number(value));
const truthy = (value: unknown) => value === true || value === 'true';

/**
 * The event source mappings of the templates that read DynamoDB streams; the others (SQS, Kinesis,
 * Kafka) are listed as skipped. A setting the local cloud cannot honour stops the start, naming it.
 */
export const streamMappingsOf = (assembly: Assembly): { mappings: StreamMapping[]; skipped: SkippedMapping[] } => {
  const mappings: StreamMapping[] = [];
  const skipped: SkippedMapping[] = [];
  for (const resource of assembly.resources(MAPPING_TYPE)) {
    const p = assembly.properties<Loose>(resource);
    const eventSourceArn = String(p.EventSourceArn ?? '');
    const tableName = tableOfStreamArn(eventSourceArn);
    if (!tableName) {
      skipped.push({
        logicalId: resource.logicalId,
        eventSourceArn,
        reason: 'not a DynamoDB stream: the local cloud runs DynamoDB stream mappings only',
      });
      continue;
    }
    const where = `event source mapping ${resource.logicalId}`;
    const startingPosition = String(p.StartingPosition ?? '');
    if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST')
      throw new Error(`${where}: StartingPosition ${startingPosition || '(none)'} is not TRIM_HORIZON or LATEST`);
    if (p.TumblingWindowInSeconds !== undefined && Number(p.TumblingWindowInSeconds) > 0)
      throw new Error(`${where}: tumbling windows are not emulated locally`);
    if (p.ParallelizationFactor !== undefined && Number(p.ParallelizationFactor) > 1)
      throw new Error(`${where}: a ParallelizationFactor above 1 is not emulated locally`);
    const filters = (((p.FilterCriteria as Loose | undefined)?.Filters as Loose[] | undefined) ?? []).map((f, i) => {
      try {
        return parsePattern(typeof f.Pattern === 'string' ? JSON.parse(f.Pattern) : f.Pattern);
      } catch (error) {
        throw new Error(`${where}: filter ${i + 1}: ${(error as Error).message}`);
      }
    });
    const onFailure = ((p.DestinationConfig as Loose | undefined)?.OnFailure as Loose | undefined)?.Destination;
    if (onFailure !== undefined && !/^arn:aws:(sqs|sns):/.test(String(onFailure)))
      throw new Error(`${where}: the on-failure destination ${String(onFailure)} is not an SQS queue or SNS topic`);
    const types = (p.FunctionResponseTypes as unknown[] | undefined) ?? [];
    mappings.push({
      id: `${resource.stack.name}/${resource.logicalId}`,
      logicalId: resource.logicalId,
      functionName: String(p.FunctionName),
      tableName,
      eventSourceArn,
      enabled: p.Enabled === undefined ? true : truthy(p.Enabled),
      batchSize: integer(p.BatchSize, 100),
      maximumBatchingWindowInSeconds: integer(p.MaximumBatchingWindowInSeconds, 0),
      startingPosition,
      filters,
      reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
      bisectBatchOnFunctionError: truthy(p.BisectBatchOnFunctionError),
      maximumRetryAttempts: integer(p.MaximumRetryAttempts, -1),
      maximumRecordAgeInSeconds: integer(p.MaximumRecordAgeInSeconds, -1),
      ...(onFailure !== undefined ? { onFailure: String(onFailure) } : {}),
    });
  }
  return { mappings, skipped };
};
