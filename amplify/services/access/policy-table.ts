import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessPolicy, PolicyStore } from './access';

type Send = Pick<DynamoDBDocumentClient, 'send'>;

/**
 * The access policies table (partition key `id`), written by the deploy's seed and by admins.
 * `allowedOperations` is a string set, which the document client reads as a `Set`. An item that
 * is not a policy is an error, not a missing policy: the authorizer then refuses and logs it.
 */
export const policyTable = (client: Send, tableName: string): PolicyStore => ({
  async get(id) {
    const { Item: item } = await client.send(new GetCommand({ TableName: tableName, Key: { id } }));
    if (!item) return undefined;
    return policyOf(item);
  },
});

/** Every policy, by id: a handful of items, so one paginated scan. */
export const listPolicies = async (client: Send, tableName: string): Promise<AccessPolicy[]> => {
  const policies: AccessPolicy[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    policies.push(...(page.Items ?? []).map(policyOf));
    start = page.LastEvaluatedKey;
  } while (start);
  return policies
    .map((p) => ({ ...p, allowedOperations: [...p.allowedOperations].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
};

const policyOf = (item: Record<string, unknown>): AccessPolicy => {
  const { id, version, description, allowedOperations } = item;
  const operations =
    allowedOperations instanceof Set
      ? [...allowedOperations]
      : Array.isArray(allowedOperations)
        ? allowedOperations
        : undefined;
  if (typeof id !== 'string' || typeof version !== 'number' || !operations?.every((o) => typeof o === 'string')) {
    throw new Error(`malformed access policy item ${JSON.stringify(id)}`);
  }
  return {
    id,
    version,
    description: typeof description === 'string' ? description : '',
    allowedOperations: operations,
  };
};
