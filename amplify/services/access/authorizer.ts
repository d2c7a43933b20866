/**
 * The AppSync Lambda authorizer. Everything that outlives one request (SDK clients, the token
 * verifier with its JWKS cache, the policy cache) is built here, once per container; the
 * handler only translates the AppSync event. The rules live in `access.ts`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppSyncAuthorizerHandler } from 'aws-lambda';
import { cachePolicies, createAuthorizer, type ResolverContext } from './access';
import { configFromEnv } from './config';
import { noticeLedger } from './notice-ledger';
import { noticeTopic } from './notice-topic';
import { policyTable } from './policy-table';
import { createTokenVerifier } from './token-verifier';

const config = configFromEnv(process.env);
const logger = new Logger({ serviceName: 'access-authorizer' });
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

/** Expects the AppSync authorizer event; `authorizationToken` is an ID token or `guest`. */
export const handler: AppSyncAuthorizerHandler<ResolverContext> = async (event, context) => {
  logger.addContext(context);
  return authorize({
    token: event.authorizationToken,
    queryString: event.requestContext?.queryString,
    operationName: event.requestContext?.operationName,
  });
};
