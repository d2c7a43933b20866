import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION, type Assembly, type Naming, type Resource } from '../assembly/assembly';
import { TABLE_TYPES, tableDefinitions } from '../dynamodb';

/**
 * DynamoDB Local names its streams in a region of its own (`arn:aws:dynamodb:ddblocal:...`). The
 * functions and the Lambda events see the ARN as AWS would write it, in the local cloud's region.
 */
export const awsStreamArn = (localArn: string): string =>
  localArn.replace(/^arn:aws:dynamodb:[^:]*:/, `arn:aws:dynamodb:${LOCAL_REGION}:`);

const keyOf = (r: Resource) => `${r.stack.name}/${r.logicalId}`;

/**
 * The real stream ARN of every table with a stream, once the tables exist: `naming` answers
 * `Fn::GetAtt [Table, StreamArn]` (Amplify's model tables: `TableStreamArn`) with it; until
 * `load`, the assembly's placeholder stands.
 */
export class StreamArns {
  private readonly byResource = new Map<string, string>();

  readonly naming: Naming = {
    attribute: (r, name) =>
      (name === 'StreamArn' || name === 'TableStreamArn') && (TABLE_TYPES as readonly string[]).includes(r.type)
        ? this.byResource.get(keyOf(r))
        : undefined,
  };

  /** Asks DynamoDB Local for each table's latest stream. */
  async load(assembly: Assembly, dynamodb: DynamoDBClient): Promise<void> {
    for (const def of tableDefinitions(assembly)) {
      if (!def.create.StreamSpecification) continue;
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: def.name }));
      if (Table?.LatestStreamArn) this.byResource.set(keyOf(def.resource), awsStreamArn(Table.LatestStreamArn));
    }
  }
}
