import { json, readBody, type CloudRoute } from '../sns/cloud-server';
import type { LocalStreams } from './local-streams';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * For a console: `GET /streams/mappings` (each mapping, its settings, shards, positions and
 * metrics) and `GET /streams/log` (the latest deliveries, retries, bisections and discards);
 * `GET|PUT /streams/duplicates` (`{ rate, seed }`: a share of batches delivered twice, for soak runs).
 */
export const streamsRoutes = (streams: LocalStreams): CloudRoute[] => [
  async (req, res, at) => {
    if (at.pathname !== '/streams/duplicates') return false;
    if (req.method === 'GET') json(res, 200, streams.duplicates());
    else if (req.method === 'PUT') {
      try {
        const { rate, seed } = JSON.parse(await readBody(req)) as { rate: number; seed?: string };
        json(res, 200, streams.setDuplicates({ rate, seed }));
      } catch (error) {
        json(res, 400, { message: (error as Error).message });
      }
    } else json(res, 405, { message: `${req.method} ${at.pathname} is not supported` });
    return true;
  },
  async (req, res, at) => {
    if (req.method !== 'GET') return false;
    if (at.pathname === '/streams/mappings')
      json(res, 200, { mappings: streams.mappings(), skipped: streams.skipped }, CORS);
    else if (at.pathname === '/streams/log') json(res, 200, streams.log(), CORS);
    else return false;
    return true;
  },
];
