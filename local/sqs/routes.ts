import { randomUUID } from 'node:crypto';
import { json, readBody, send, type CloudRoute } from '../sns/cloud-server';
import { sqsOperations } from './api';
import { SqsError } from './errors';
import type { LocalSqs } from './local-sqs';

const CORS = { 'Access-Control-Allow-Origin': '*' };
const TARGET = 'AmazonSQS.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * SQS on the cloud server, in the AWS JSON 1.0 protocol `@aws-sdk/client-sqs` speaks (`POST /`,
 * `X-Amz-Target: AmazonSQS.<Operation>`; errors carry `x-amzn-query-error` for its query
 * compatibility), and for a console: `GET /sqs/queues`, `GET /sqs/queues/<name>/messages` (a peek)
 * and `GET /sqs/metrics`.
 */
export const sqsRoutes = (sqs: LocalSqs): CloudRoute[] => {
  const operations = sqsOperations(sqs);
  const api: CloudRoute = async (req, res, at) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(TARGET)) return false;
    // The SDK posts to the endpoint, or to the queue URL's origin: the path may be a queue's.
    if (at.pathname !== '/' && !/^\/\d{12}\/[^/]+\/?$/.test(at.pathname)) return false;
    const requestId = randomUUID();
    const headers = { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId };
    const fail = (error: SqsError) =>
      send(res, error.status, JSON.stringify({ __type: `com.amazonaws.sqs#${error.type}`, message: error.message }), {
        ...headers,
        'x-amzn-query-error': `${error.queryCode};${error.fault}`,
      });
    sqs.requests++;
    let input: Record<string, unknown>;
    try {
      const body = await readBody(req);
      const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      fail(new SqsError('InvalidParameterValue', 'The request body is not a JSON object.'));
      return true;
    }
    const name = target.slice(TARGET.length);
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!operation) {
      fail(
        new SqsError(
          'UnsupportedOperation',
          `${name} is not emulated by the local cloud (its queues come from the templates).`,
          'AWS.SimpleQueueService.UnsupportedOperation',
        ),
      );
      return true;
    }
    try {
      send(res, 200, JSON.stringify((await operation(input)) ?? {}), headers);
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      fail(error);
    }
    return true;
  };
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
