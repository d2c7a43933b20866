import { awsJsonRoute } from '../sns/aws-json';
import { json, type CloudRoute } from '../sns/cloud-server';
import { duplicatesRoute } from '../duplicates';
import type { LocalEventBridge } from './event-bridge';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * The local EventBridge on the cloud server: `PutEvents` in the AWS JSON 1.1 protocol the SDK's
 * `@aws-sdk/client-eventbridge` speaks (`X-Amz-Target: AWSEvents.PutEvents`), and
 * `GET /events?detailType=&source=&bus=`: the recorded events, oldest first, and
 * `GET /events/deliveries?eventId=&rule=`: for each event, the rules it matched and how each
 * target fared (delivered, retried, dead-lettered, the Lambda invocation and its destination),
 * `GET /events/metrics` (the counters, deliveries in flight) and `GET|PUT /events/duplicates`
 * (`{ rate, seed }`: a share of events delivered twice, for soak runs).
 */
export const eventBridgeRoutes = (bridge: LocalEventBridge): CloudRoute[] => [
  awsJsonRoute({
    targetPrefix: 'AWSEvents',
    version: '1.1',
    operations: { PutEvents: (input) => bridge.putEvents(input.Entries) },
  }),
  async (req, res, at) => {
    if (at.pathname !== '/events/metrics' || req.method !== 'GET') return false;
    json(res, 200, { ...bridge.metrics(), pending: bridge.pending(), duplicates: bridge.duplicates.summary() }, CORS);
    return true;
  },
  duplicatesRoute('/events/duplicates', bridge.duplicates),
  async (req, res, at) => {
    if (req.method !== 'GET' || at.pathname !== '/events/deliveries') return false;
    const param = (name: string) => at.searchParams.get(name) ?? undefined;
    json(res, 200, bridge.deliveries({ eventId: param('eventId'), rule: param('rule') }), CORS);
    return true;
  },
  async (req, res, at) => {
    if (req.method !== 'GET' || at.pathname !== '/events') return false;
    const param = (name: string) => at.searchParams.get(name) ?? undefined;
    json(
      res,
      200,
      bridge.events({ detailType: param('detailType'), source: param('source'), bus: param('bus') }),
      CORS,
    );
    return true;
  },
];
