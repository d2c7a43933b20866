import type { AslDefinition } from './graph';
import { executionPath, renderGraph, stateGraph } from './graph';
import { json, send, type CloudRoute } from '../sns/cloud-server';
import { SqsError } from '../sqs';
import { health, snapshot, type ConsoleFilter, type ConsoleSources } from './data';
import { consolePage } from './page';
import { DeadLetterRedriver } from './redrive';

const filterOf = (params: URLSearchParams): ConsoleFilter => {
  const filter: ConsoleFilter = {};
  for (const key of ['order', 'q', 'fn', 'requestId'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
};

/**
 * The local console on the cloud server: `GET /console` (the page), `GET /health` (each local
 * service up or down, with a counter), `GET /console/api/snapshot?order=&q=&fn=&requestId=`
 * (everything the page shows, narrowed), `GET /console/api/executions/<arn>/graph` (the state
 * machine as SVG with the run's path) and `POST /console/api/dead-letters/<queue>/redrive`.
 */
export const consoleRoutes = (sources: ConsoleSources): CloudRoute[] => {
  const redriver = new DeadLetterRedriver({
    sqs: sources.sqs,
    lambda: sources.lambda,
    asyncConfigs: sources.asyncConfigs,
    stepFunctions: sources.stepFunctions,
  });
  return [
    async (req, res, at) => {
      const path = at.pathname.replace(/\/+$/, '') || '/';
      if (req.method === 'GET' && path === '/health') {
        const services = await health(sources);
        json(res, 200, { ok: services.every((s) => s.status !== 'down'), services });
        return true;
      }
      if (path !== '/console' && !path.startsWith('/console/')) return false;
      if (req.method === 'GET' && path === '/console') {
        send(res, 200, consolePage(), { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return true;
      }
      if (req.method === 'GET' && path === '/console/api/snapshot') {
        json(res, 200, await snapshot(sources, redriver, filterOf(at.searchParams)), { 'Cache-Control': 'no-store' });
        return true;
      }
      const graph = /^\/console\/api\/executions\/([^/]+)\/graph$/.exec(path);
      if (req.method === 'GET' && graph) {
        const arn = decodeURIComponent(graph[1]);
        let record;
        try {
          record = sources.stepFunctions.describeExecution(arn);
        } catch (error) {
          json(res, 404, { message: (error as Error).message });
          return true;
        }
        const machine = sources.stepFunctions.stateMachine(record.stateMachineArn);
        const definition = machine.definition as unknown as AslDefinition;
        const path = executionPath(sources.stepFunctions.history(arn), definition);
        const svg = renderGraph(stateGraph(definition), path, `${machine.name}: the path of ${record.name}`);
        json(res, 200, { execution: record, stateMachine: machine.name, path, svg });
        return true;
      }
      const redrive = /^\/console\/api\/dead-letters\/([^/]+)\/redrive$/.exec(path);
      if (req.method === 'POST' && redrive) {
        try {
          json(res, 200, redriver.redrive(decodeURIComponent(redrive[1])));
        } catch (error) {
          if (!(error instanceof SqsError)) throw error;
          json(res, 404, { message: `no queue ${decodeURIComponent(redrive[1])}` });
        }
        return true;
      }
      json(res, 404, { message: `no route ${req.method} ${at.pathname}` });
      return true;
    },
  ];
};
