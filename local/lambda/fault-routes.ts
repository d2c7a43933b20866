import { json, readBody, type CloudRoute } from '../sns/cloud-server';
import { FunctionNotFoundError, type LambdaEmulator } from './emulator';
import type { FaultSpec } from './faults';

/**
 * Fault injection on the cloud server, for tests and the soak run from another process:
 * `POST /lambda/faults` with a `FaultSpec` answers the fault (its `id`), `GET /lambda/faults` lists
 * the faults in force, `DELETE /lambda/faults[/<id>]` removes one or all.
 */
export const lambdaFaultRoutes = (lambda: LambdaEmulator): CloudRoute[] => [
  async (req, res, at) => {
    if (!at.pathname.startsWith('/lambda/faults')) return false;
    const id = at.pathname.slice('/lambda/faults'.length).replace(/^\//, '') || undefined;
    if (req.method === 'GET' && !id) json(res, 200, lambda.faults());
    else if (req.method === 'DELETE') {
      lambda.clearFaults(id);
      res.writeHead(204).end();
    } else if (req.method === 'POST' && !id) {
      try {
        json(res, 201, lambda.injectFault(JSON.parse(await readBody(req)) as FaultSpec));
      } catch (error) {
        const status = error instanceof FunctionNotFoundError ? 404 : 400;
        json(res, status, { message: (error as Error).message });
      }
    } else json(res, 405, { message: `${req.method} ${at.pathname} is not supported` });
    return true;
  },
];
