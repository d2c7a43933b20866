import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { operationsOf } from '../../amplify/data/appsync-schema';
import { seedPolicies } from '../../amplify/services/access/policies';
import { SignedGraphqlClient } from '../../amplify/services/live/signed-graphql';
import { PUBLISH_ORDER_UPDATE } from '../../amplify/services/live/publisher';
import { LAMBDA_CREDENTIALS } from '../lambda/emulator';
import { startAppSync, type RunningAppSync } from './index';
import { FakeInvoker, gql, loadAssembly } from './test-support';

const SUBSCRIBE = `subscription Live($orderId: ID!) {
  onOrderUpdated(orderId: $orderId) { orderId status version statusHistory { status at reason } failureReason }
}`;

let appsync: RunningAppSync;
const invoker = new FakeInvoker();

/** The access service's answer for `token`: `ada` and `bob` are customers, `guest` the guest, anything else refused. */
const answerFor = (token: string) => {
  const [policyId, userId] =
    token === 'ada'
      ? ['customers', 'u-ada']
      : token === 'bob'
        ? ['customers', 'u-bob']
        : token === 'guest'
          ? ['guest', 'guest']
          : [];
  if (!policyId) return { isAuthorized: false };
  const allowed = new Set(seedPolicies.find((p) => p.id === policyId)!.allowedOperations);
  return {
    isAuthorized: true,
    resolverContext: { userId, policyId },
    deniedFields: operationsOf(appsync.api.sdl).filter((op) => !allowed.has(op)),
  };
};

/** A client speaking AppSync's realtime protocol as aws-amplify does (auth header as a subprotocol). */
class Client {
  readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse(String(raw)));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(token: string, { via = 'subprotocol' }: { via?: 'subprotocol' | 'query' } = {}) {
    const header = Buffer.from(JSON.stringify({ Authorization: token, host: 'localhost' })).toString('base64url');
    const url = via === 'query' ? `${appsync.realtimeUrl}?header=${header}&payload=e30=` : appsync.realtimeUrl;
    const protocols = via === 'query' ? ['graphql-ws'] : ['graphql-ws', `header-${header}`];
    const socket = new WebSocket(url, protocols, { ca: appsync.certificate.cert });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    expect(socket.protocol).toBe('graphql-ws');
    return new Client(socket);
  }

  send(message: Record<string, unknown>) {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (from `from` on) that matches, waiting for it. */
  async next(match: (m: Record<string, unknown>) => boolean, from = 0): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async init() {
    this.send({ type: 'connection_init' });
    return this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  async subscribe(id: string, orderId: string, token: string) {
    this.send({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query: SUBSCRIBE, variables: { orderId } }),
        extensions: { authorization: { Authorization: token, host: 'localhost' } },
      },
    });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
  }

  close() {
    this.socket.close();
  }
}

const update = (orderId: string, userId: string, status: string, version: number) => ({
  orderId,
  userId,
  status,
  statusHistory: [{ status, at: `2030-01-01T00:00:0${version}.000Z` }],
  failureReason: null,
  updatedAt: `2030-01-01T00:00:0${version}.000Z`,
  version,
});

/** Publishes as the live publisher does: SigV4-signed with the credentials the Lambda emulator hands out. */
const publish = (u: ReturnType<typeof update>) =>
  new SignedGraphqlClient(new URL(appsync.url), 'us-east-1', async () => LAMBDA_CREDENTIALS).request(
    PUBLISH_ORDER_UPDATE,
    u,
  );

const clients: Client[] = [];
const open = async (token: string, options?: { via?: 'subprotocol' | 'query' }) => {
  const client = await Client.open(token, options);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  appsync = await startAppSync({
    assembly: loadAssembly(),
    invoker,
    dynamodb: 'http://127.0.0.1:9',
    port: 0,
    iamCredentials: [LAMBDA_CREDENTIALS],
    keepAliveMs: 100,
    log: () => {},
  });
  invoker.on(appsync.api.authorizer!.functionArn, (event: { authorizationToken: string }) =>
    answerFor(event.authorizationToken),
  );
}, 120_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(() => appsync?.stop());

describe('the realtime endpoint (AppSync’s protocol over wss:// on the API’s port)', () => {
  it('acknowledges a connection with its timeout, then keeps it alive', async () => {
    const ada = await open('ada');
    expect(await ada.init()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    const acked = ada.messages.length;
    await ada.next((m) => m.type === 'ka', acked);
  });

  it('takes the authorization from the `header` query parameter too', async () => {
    const ada = await open('ada', { via: 'query' });
    expect(await ada.init()).toMatchObject({ type: 'connection_ack' });
  });

  it('refuses a connection whose token the authorizer refuses, with 401 (not retried by Amplify)', async () => {
    const mallory = await open('forged');
    expect(await mallory.init()).toEqual({
      type: 'connection_error',
      payload: {
        errors: [
          { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 },
        ],
      },
    });
  });

  it('delivers the owner’s order updates, signed by the publisher with IAM, until stopped', async () => {
    const ada = await open('ada');
    await ada.init();
    expect(await ada.subscribe('s1', 'o-ada', 'ada')).toEqual({ type: 'start_ack', id: 's1' });
    expect(appsync.subscriptions()).toBe(1);

    await publish(update('o-ada', 'u-ada', 'CONFIRMED', 2));
    expect(await ada.next((m) => m.type === 'data')).toEqual({
      type: 'data',
      id: 's1',
      payload: {
        data: {
          onOrderUpdated: {
            orderId: 'o-ada',
            status: 'CONFIRMED',
            version: 2,
            statusHistory: [{ status: 'CONFIRMED', at: '2030-01-01T00:00:02.000Z', reason: null }],
            failureReason: null,
          },
        },
      },
    });

    const before = ada.messages.length;
    ada.send({ type: 'stop', id: 's1' });
    expect(await ada.next((m) => m.type === 'complete', before)).toEqual({ type: 'complete', id: 's1' });
    await publish(update('o-ada', 'u-ada', 'SHIPPED', 3));
    expect(ada.messages.slice(before).filter((m) => m.type === 'data')).toEqual([]);
  });

  it('sends another shopper subscribing to someone’s order id nothing of it', async () => {
    const [ada, bob] = [await open('ada'), await open('bob')];
    await Promise.all([ada.init(), bob.init()]);
    expect(await bob.subscribe('spy', 'o-ada', 'bob')).toMatchObject({ type: 'start_ack' });
    await ada.subscribe('mine', 'o-ada', 'ada');
    await publish(update('o-ada', 'u-ada', 'SHIPPED', 3));
    await ada.next((m) => m.type === 'data' && m.id === 'mine');
    // Bob's own order still reaches him, so the silence above is the filter's doing.
    await bob.subscribe('own', 'o-bob', 'bob');
    await publish(update('o-bob', 'u-bob', 'CONFIRMED', 2));
    await bob.next((m) => m.type === 'data' && m.id === 'own');
    expect(bob.messages.filter((m) => m.type === 'data').map((m) => m.id)).toEqual(['own']);
  });

  it('refuses a guest (the resolver) and a refused token (the authorizer) when subscribing', async () => {
    const guest = await open('guest');
    await guest.init();
    expect(await guest.subscribe('g', 'o-ada', 'guest')).toEqual({
      type: 'error',
      id: 'g',
      payload: {
        errors: [
          { errorType: 'Unauthorized', message: 'Not Authorized to access onOrderUpdated on type Subscription' },
        ],
      },
    });
    expect(await guest.subscribe('f', 'o-ada', 'forged')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'UnauthorizedException' }] },
    });
    expect(appsync.subscriptions()).toBe(0);
  });
});

describe('the publish mutation', () => {
  it('is refused to a caller authorized by the Lambda authorizer, whatever its policy', async () => {
    const res = await gql(
      appsync.url,
      { query: PUBLISH_ORDER_UPDATE, variables: update('o-ada', 'u-ada', 'SHIPPED', 3) },
      'ada',
    );
    expect(res.body).toMatchObject({
      data: null,
      errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access publishOrderUpdate on type Mutation' }],
    });
  });

  it('is refused with 401 when the signature is not made with the local credentials', async () => {
    const forged = new SignedGraphqlClient(new URL(appsync.url), 'us-east-1', async () => ({
      ...LAMBDA_CREDENTIALS,
      secretAccessKey: 'guessed',
    }));
    await expect(forged.request(PUBLISH_ORDER_UPDATE, update('o-ada', 'u-ada', 'SHIPPED', 3))).rejects.toThrow(
      /\(401\): UnauthorizedException/,
    );
  });
});
