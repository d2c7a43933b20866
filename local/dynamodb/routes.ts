import { json, type CloudRoute } from '../sns/cloud-server';
import type { RunningDynamoDb } from './server';

/**
 * `POST /dynamodb/restart`: kills DynamoDB Local and starts it again on the same port and data
 * folder, answering once it serves again (with how long it was gone), for soak runs that check the
 * system rides out its database going away.
 */
export const dynamoDbRoutes = (db: RunningDynamoDb): CloudRoute[] => [
  async (req, res, at) => {
    if (at.pathname !== '/dynamodb/restart') return false;
    if (req.method !== 'POST') {
      json(res, 405, { message: `${req.method} ${at.pathname} is not supported` });
      return true;
    }
    const started = Date.now();
    try {
      await db.restart();
      json(res, 200, { restarted: true, downMs: Date.now() - started, pid: db.pid });
    } catch (error) {
      json(res, 500, { message: `DynamoDB Local did not come back: ${(error as Error).message}` });
    }
    return true;
  },
];
