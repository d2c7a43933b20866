import { awsJsonRoute } from '../sns/aws-json';
import { json, type CloudRoute } from '../sns/cloud-server';
import { sqsOperations } from './api';
import { SqsError } from './errors';
import type { LocalSqs } from './local-sqs';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * SQS on the cloud server, in the AWS JSON 1.0 protocol `@aws-sdk/client-sqs` speaks (`POST /`,
 * `X-Amz-Target: AmazonSQS.<Operation>`; errors carry `x-amzn-query-error` for its query
 * compatibility), and for a console: `GET /sqs/queues`, `GET /sqs/queues/<name>/messages` (a peek)
 * and `GET /sqs/metrics`.
 */
export const sqsRoutes = (sqs: LocalSqs): CloudRoute[] => {
  const api = awsJsonRoute({
    targetPrefix: 'AmazonSQS',
    version: '1.0',
    operations: sqsOperations(sqs),
    // The SDK posts to the endpoint, or to the queue URL's origin: the path may be a queue's.
    path: /^\/\d{12}\/[^/]+\/?$/,
    onRequest: () => void sqs.requests++,
    malformed: () => new SqsError('InvalidParameterValue', 'The request body is not a JSON object.'),
    unknown: (name) =>
      new SqsError(
        'UnsupportedOperation',
        `${name} is not emulated by the local cloud (its queues come from the templates).`,
        'AWS.SimpleQueueService.UnsupportedOperation',
      ),
  });
  const inspect: CloudRoute = async (req, res, at) => {
    if (req.method !== 'GET' || !at.pathname.startsWith('/sqs/')) return false;
    if (at.pathname === '/sqs/queues') json(res, 200, sqs.queues(), CORS);
    else if (at.pathname === '/sqs/metrics') json(res, 200, sqs.metrics(), CORS);
    else {
      const m = /^\/sqs\/queues\/([^/]+)\/messages$/.exec(at.pathname);
      const name = m && decodeURIComponent(m[1]);
      if (name && sqs.has(name)) json(res, 200, sqs.messages(name), CORS);
      else json(res, 404, { message: `no queue ${name ?? at.pathname}` }, CORS);
    }
    return true;
  };
  return [api, inspect];
};
