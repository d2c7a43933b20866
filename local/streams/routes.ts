import { json, type CloudRoute } from '../sns/cloud-server';
import { duplicatesRoute } from '../duplicates';
import type { LocalStreams } from './local-streams';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * For a console: `GET /streams/mappings` (each mapping, its settings, shards, positions and
 * metrics) and `GET /streams/log` (the latest deliveries, retries, bisections and discards);
 * `GET|PUT /streams/duplicates` (`{ rate, seed }`: a share of batches delivered twice, for soak runs).
 */
export const streamsRoutes = (streams: LocalStreams): CloudRoute[] => [
  duplicatesRoute('/streams/duplicates', streams.duplicates),
  async (req, res, at) => {
    if (req.method !== 'GET') return false;
    if (at.pathname === '/streams/mappings')
      json(res, 200, { mappings: streams.mappings(), skipped: streams.skipped }, CORS);
    else if (at.pathname === '/streams/log') json(res, 200, streams.log(), CORS);
    else return false;
    return true;
  },
];
