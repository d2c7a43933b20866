import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { observe } from '../shared/observability';
import { listPolicies } from './policy-table';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = process.env.ACCESS_POLICIES_TABLE!;

/** Serves `accessPolicies`: what each policy allows, for the store's admins. */
export const handler = observe(async () => listPolicies(db, table));
