/**
 * The AppSync Lambda authorizer. Everything that outlives one request (SDK clients, the token
 * verifier with its JWKS cache, the policy cache) is built here, once per container; the
 * handler only translates the AppSync event. The rules live in `access.ts`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppSyncAuthorizerEvent } from 'aws-lambda';
import { METRICS } from '../../observability/metrics';
import { count, logger, observe } from '../shared/observability';
import { cachePolicies, createAuthorizer } from './access';
import { configFromEnv } from './config';
import { noticeLedger } from './notice-ledger';
import { noticeTopic } from './notice-topic';
import { policyTable } from './policy-table';
import { createTokenVerifier } from './token-verifier';

const config = configFromEnv(process.env);
const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});

const authorize = createAuthorizer({
  verifyToken: createTokenVerifier(config.token),
  policies: cachePolicies(policyTable(dynamodb, config.policiesTable)),
  notices: {
    ledger: noticeLedger(dynamodb, config.noticesTable),
    sender: noticeTopic(sns, config.noticeTopicArn),
    windowSeconds: config.noticeWindowSeconds,
  },
  operations: config.operations,
  maxTtlSeconds: config.maxTtlSeconds,
  log: logger,
});

/**
 * Expects the AppSync authorizer event; `authorizationToken` is an ID token or `guest`.
 * AuthorizerRefusals counts the refused tokens (`isAuthorized: false`), one per answer. The
 * operations a valid token's policy denies are not counted: every answer lists them in
 * `deniedFields` whether or not they were asked for, and AppSync caches the answer, so later
 * requests for them never reach this function (each one asked for is logged with its notice).
 */
export const handler = observe(async (event: AppSyncAuthorizerEvent) => {
  const answer = await authorize({
    token: event.authorizationToken,
    queryString: event.requestContext?.queryString,
    operationName: event.requestContext?.operationName,
  });
  if (!answer.isAuthorized) count(METRICS.AuthorizerRefusals);
  return answer;
});
