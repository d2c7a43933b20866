import { AwsJsonError, awsJsonRoute } from '../sns/aws-json';
import { json, type CloudRoute } from '../sns/cloud-server';
import type { HistoryEvent } from './history';
import type { ExecutionRecord, ExecutionStatus } from './store';
import type { LocalStepFunctions } from './step-functions';

/** What the protocol needs of the local Step Functions (a fake will do in tests). */
export type StepFunctionsApi = Pick<
  LocalStepFunctions,
  | 'createdAt'
  | 'stateMachines'
  | 'stateMachine'
  | 'startExecution'
  | 'describeExecution'
  | 'listExecutions'
  | 'history'
  | 'stopExecution'
  | 'metrics'
>;

const STATUSES: readonly string[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** One page of `items` (`nextToken` is the offset of the next one, opaque to callers). */
export const page = <T>(items: T[], maxResults: unknown, nextToken: unknown): { items: T[]; nextToken?: string } => {
  const size =
    typeof maxResults === 'number' && maxResults > 0 ? Math.min(Math.floor(maxResults), MAX_PAGE) : DEFAULT_PAGE;
  let offset = 0;
  if (nextToken !== undefined) {
    offset = Number(/^o(\d+)$/.exec(Buffer.from(String(nextToken), 'base64url').toString())?.[1] ?? NaN);
    if (!Number.isInteger(offset)) throw new AwsJsonError('InvalidToken', `Invalid Token: '${String(nextToken)}'`);
  }
  const next = offset + size;
  return {
    items: items.slice(offset, next),
    ...(next < items.length ? { nextToken: Buffer.from(`o${next}`).toString('base64url') } : {}),
  };
};

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/** `DescribeExecution`'s answer (dates become epoch seconds on the wire). */
export const describeExecutionOutput = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: date(r.startDate),
  ...(r.stopDate ? { stopDate: date(r.stopDate) } : {}),
  input: r.input,
  inputDetails: { included: true },
  ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
  ...(r.error !== undefined ? { error: r.error } : {}),
  ...(r.cause !== undefined ? { cause: r.cause } : {}),
});

const listItem = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: date(r.startDate),
  ...(r.stopDate ? { stopDate: date(r.stopDate) } : {}),
});

/** Without execution data, history events keep their shape but lose inputs, outputs, errors' causes. */
const withoutData = (event: HistoryEvent): HistoryEvent =>
  Object.fromEntries(
    Object.entries(event).map(([key, value]) =>
      key.endsWith('EventDetails')
        ? [
            key,
            Object.fromEntries(
              Object.entries(value as Record<string, unknown>).filter(
                ([k]) => !['input', 'output', 'parameters', 'cause'].includes(k),
              ),
            ),
          ]
        : [key, value],
    ),
  ) as HistoryEvent;

const validation = (message: string) => new AwsJsonError('ValidationException', message);

/**
 * The Step Functions API in the AWS JSON 1.0 protocol `@aws-sdk/client-sfn` speaks (`POST /`,
 * `X-Amz-Target: AWSStepFunctions.<Operation>`): StartExecution, DescribeExecution,
 * GetExecutionHistory, ListExecutions, StopExecution, ListStateMachines and DescribeStateMachine.
 */
export const stepFunctionsApiRoute = (sfn: StepFunctionsApi): CloudRoute =>
  awsJsonRoute({
    targetPrefix: 'AWSStepFunctions',
    version: '1.0',
    operations: {
      StartExecution: (input) =>
        sfn.startExecution({ stateMachineArn: input.stateMachineArn, name: input.name, input: input.input }),
      DescribeExecution: (input) => describeExecutionOutput(sfn.describeExecution(input.executionArn)),
      GetExecutionHistory: (input) => {
        let events = sfn.history(input.executionArn);
        if (input.reverseOrder === true) events = events.reverse();
        if (input.includeExecutionData === false) events = events.map(withoutData);
        const { items, nextToken } = page(events, input.maxResults, input.nextToken);
        return {
          events: items.map((e) => ({ ...e, timestamp: new Date(e.timestamp) })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      ListExecutions: (input) => {
        if (input.stateMachineArn === undefined) throw validation('Must provide a StateMachine ARN or MapRun ARN');
        if (input.statusFilter !== undefined && !STATUSES.includes(String(input.statusFilter)))
          throw validation(
            `1 validation error detected: Value '${String(input.statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
          );
        const all = sfn.listExecutions({
          stateMachineArn: input.stateMachineArn,
          statusFilter: input.statusFilter as ExecutionStatus | undefined,
        });
        const { items, nextToken } = page(all, input.maxResults, input.nextToken);
        return { executions: items.map(listItem), ...(nextToken ? { nextToken } : {}) };
      },
      StopExecution: (input) =>
        sfn.stopExecution(input.executionArn, {
          error: input.error as string | undefined,
          cause: input.cause as string | undefined,
        }),
      ListStateMachines: (input) => {
        const { items, nextToken } = page(sfn.stateMachines(), input.maxResults, input.nextToken);
        return {
          stateMachines: items.map((m) => ({
            stateMachineArn: m.arn,
            name: m.name,
            type: m.type,
            creationDate: sfn.createdAt,
          })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      DescribeStateMachine: (input) => {
        const m = sfn.stateMachine(input.stateMachineArn);
        return {
          stateMachineArn: m.arn,
          name: m.name,
          status: 'ACTIVE',
          definition: m.definitionString,
          roleArn: m.roleArn,
          type: m.type,
          creationDate: sfn.createdAt,
          loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        };
      },
    },
  });

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * Plain JSON views for tests and the console (dates as ISO strings):
 * `GET /stepfunctions/executions?stateMachine=&status=` (newest first),
 * `GET /stepfunctions/executions/<executionArn>`, `GET /stepfunctions/executions/<executionArn>/history`
 * and `GET /stepfunctions/metrics`.
 */
export const stepFunctionsJsonRoute =
  (sfn: StepFunctionsApi): CloudRoute =>
  async (req, res, at) => {
    if (req.method !== 'GET' || !at.pathname.startsWith('/stepfunctions/')) return false;
    const path = at.pathname.slice('/stepfunctions/'.length);
    try {
      if (path === 'metrics') json(res, 200, sfn.metrics(), CORS);
      else if (path === 'executions') {
        const machine = at.searchParams.get('stateMachine');
        const status = at.searchParams.get('status');
        const known = sfn.stateMachines().find((m) => m.name === machine || m.arn === machine);
        const all = machine && !known ? [] : sfn.listExecutions({ stateMachineArn: known?.arn });
        json(res, 200, status ? all.filter((r) => r.status === status) : all, CORS);
      } else {
        const m = /^executions\/([^/]+)(\/history)?$/.exec(path);
        if (!m) json(res, 404, { message: `no route GET ${at.pathname}` }, CORS);
        else if (m[2]) {
          const events = sfn.history(decodeURIComponent(m[1]));
          json(
            res,
            200,
            events.map((e) => ({ ...e, timestamp: new Date(e.timestamp).toISOString() })),
            CORS,
          );
        } else json(res, 200, sfn.describeExecution(decodeURIComponent(m[1])), CORS);
      }
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error;
      json(res, error.status === 400 && error.type.endsWith('DoesNotExist') ? 404 : error.status, {
        __type: error.type,
        message: error.message,
      });
    }
    return true;
  };

export const stepFunctionsRoutes = (sfn: StepFunctionsApi): CloudRoute[] => [
  stepFunctionsApiRoute(sfn),
  stepFunctionsJsonRoute(sfn),
];
