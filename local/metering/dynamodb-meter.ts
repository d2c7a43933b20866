/**
 * A metering proxy for DynamoDB Local: handlers talk to it as they would to DynamoDB, and it counts
 * the read and write request units each table would bill on demand, so a bench can price an order.
 *
 * It forwards every request unchanged but for one field: data-plane operations that did not ask for
 * `ReturnConsumedCapacity` get `"TOTAL"`, and the `ConsumedCapacity` of their answer is taken out
 * again (byte for byte, `x-amz-crc32` recomputed), so clients see what DynamoDB Local would have
 * answered them. Errors pass through untouched; DynamoDB Streams and control-plane calls pass
 * through uncounted.
 *
 * What DynamoDB Local reports, measured against its 2026-01-16 build (see docs/cost.md):
 * - GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchWriteItem,
 *   TransactGetItems and TransactWriteItems all report `ConsumedCapacity`, with on-demand rules:
 *   1 KB write units (the larger of the old and new item), 4 KB read units, half for eventually
 *   consistent reads, ×2 in transactions, per-item rounding in batches, GSI writes included,
 *   Query and Scan sized by the items read before any filter. Those numbers are taken as they are.
 * - It reports nothing for a conditional write whose condition fails, nor for a cancelled
 *   transaction (their answers are errors, as on AWS): the proxy computes those from the item sizes
 *   (see `item-size.ts`), reading the existing items from Local itself, uncounted.
 * - It reports 0 for a Query or Scan that reads nothing and for BatchGetItem keys it does not find,
 *   where AWS charges a minimum read: the proxy adds it (see `addReported`).
 * - PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction): Local reports nothing;
 *   they are passed through and listed in `unmetered`.
 *
 * Local does not check request signatures, which is what lets the proxy change a signed body; it is
 * meant for DynamoDB Local only.
 */
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import {
  brotliCompressSync,
  brotliDecompressSync,
  crc32,
  deflateSync,
  gunzipSync,
  gzipSync,
  inflateSync,
} from 'node:zlib';
import { HOST, url } from '../ports';
import {
  failedConditionalWriteUnits,
  itemSize,
  TRANSACTION_FACTOR,
  writeUnits,
  type WireAttributeValue,
  type WireItem,
} from './item-size';
import { withoutTopLevelKey } from './json-text';

const API = 'DynamoDB_20120810';
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** The writes that take a ConditionExpression and fail alone with a ConditionalCheckFailedException. */
const CONDITIONAL_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const PARTIQL = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);
/** Control-plane calls after which a table's cached key schema may be wrong. */
const SCHEMA_CHANGES = new Set(['CreateTable', 'DeleteTable', 'UpdateTable']);
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

export interface DynamoDbMeterOptions {
  /** DynamoDB Local's endpoint, `http://127.0.0.1:<port>`. */
  target: string;
  /** The port to serve on; `0` (the default) picks a free one. */
  port?: number;
}

export interface TableUsage {
  readUnits: number;
  writeUnits: number;
  /** Data-plane requests that named the table (a batch or transaction over two tables counts for each). */
  requests: number;
}

export interface DynamoDbMetrics extends TableUsage {
  byTable: Record<string, TableUsage>;
  /** Data-plane requests whose units the proxy could not count, by operation (PartiQL, encoded bodies). */
  unmetered: Record<string, number>;
}

export interface DynamoDbMeter {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` or `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** A copy of the counts since the start or the last `reset()`. */
  metrics(): DynamoDbMetrics;
  reset(): void;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Json = Record<string, unknown>;
type Capacity = { TableName?: string; CapacityUnits?: number };
type Encoding = 'identity' | 'gzip' | 'deflate' | 'br';

const CODECS: Record<Exclude<Encoding, 'identity'>, { decode(b: Buffer): Buffer; encode(b: Buffer): Buffer }> = {
  gzip: { decode: gunzipSync, encode: gzipSync },
  deflate: { decode: inflateSync, encode: deflateSync },
  br: { decode: brotliDecompressSync, encode: brotliCompressSync },
};

const encodingOf = (headers: IncomingHttpHeaders): Encoding | undefined => {
  const value = String(headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  return value === 'identity' || value === '' || value in CODECS ? ((value || 'identity') as Encoding) : undefined;
};
const decode = (body: Buffer, encoding: Encoding) => (encoding === 'identity' ? body : CODECS[encoding].decode(body));
const encode = (body: Buffer, encoding: Encoding) => (encoding === 'identity' ? body : CODECS[encoding].encode(body));

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const withoutHopByHop = (headers: IncomingHttpHeaders): IncomingHttpHeaders => {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
};

const parseJson = (body: Buffer): Json | undefined => {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
};

/** The tables a data-plane request names. */
const tablesOf = (op: string, request: Json): string[] => {
  if (op === 'BatchGetItem' || op === 'BatchWriteItem') return Object.keys((request.RequestItems as Json) ?? {});
  if (op === 'TransactGetItems' || op === 'TransactWriteItems') {
    const actions = (request.TransactItems as Json[]) ?? [];
    return [...new Set(actions.map((a) => (Object.values(a)[0] as Json | undefined)?.TableName as string))].filter(
      Boolean,
    );
  }
  return typeof request.TableName === 'string' ? [request.TableName] : [];
};

/** Starts the proxy in front of `target` and resolves once it listens. */
export const startDynamoDbMeter = async (options: DynamoDbMeterOptions): Promise<DynamoDbMeter> => {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const keySchemas = new Map<string, Promise<string[]>>();

  let byTable: Record<string, TableUsage> = {};
  let totals = { readUnits: 0, writeUnits: 0, requests: 0 };
  let unmetered: Record<string, number> = {};
  const countUnmetered = (what: string) => (unmetered[what] = (unmetered[what] ?? 0) + 1);
  const tableUsage = (table: string) => (byTable[table] ??= { readUnits: 0, writeUnits: 0, requests: 0 });
  const add = (table: string, kind: 'read' | 'write', units: number) => {
    if (!units) return;
    const usage = tableUsage(table);
    if (kind === 'read') {
      usage.readUnits += units;
      totals.readUnits += units;
    } else {
      usage.writeUnits += units;
      totals.writeUnits += units;
    }
  };

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          agent,
          method,
          hostname: target.hostname,
          port: target.port,
          path,
          headers: { ...withoutHopByHop(headers), host: target.host, 'content-length': String(body.length) },
        },
        (response) =>
          readBody(response).then(
            (responseBody) =>
              resolve({ status: response.statusCode ?? 502, headers: response.headers, body: responseBody }),
            reject,
          ),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  /** A call of the proxy's own to DynamoDB Local (never counted); rejects on an error answer. */
  const sideCall = async (op: string, body: Json): Promise<Json> => {
    const answer = await forward(
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${API}.${op}`,
        // Local wants an Authorization header but does not check it.
        authorization:
          'AWS4-HMAC-SHA256 Credential=meter/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      Buffer.from(JSON.stringify(body)),
    );
    const parsed = parseJson(answer.body);
    if (answer.status !== 200 || !parsed) throw new Error(`${op}: ${answer.status} ${answer.body.toString('utf8')}`);
    return parsed;
  };

  const keySchema = (table: string): Promise<string[]> => {
    let schema = keySchemas.get(table);
    if (!schema) {
      schema = sideCall('DescribeTable', { TableName: table }).then((answer) =>
        ((answer.Table as Json).KeySchema as { AttributeName: string }[]).map((k) => k.AttributeName),
      );
      schema.catch(() => keySchemas.delete(table));
      keySchemas.set(table, schema);
    }
    return schema;
  };

  /** The item as it is now in Local (a consistent read of its own), by key or by a full item. */
  const existingItem = async (
    table: string,
    keyOrItem: WireItem,
    isFullItem: boolean,
  ): Promise<WireItem | undefined> => {
    const key = isFullItem
      ? Object.fromEntries(
          (await keySchema(table)).map((name): [string, WireAttributeValue] => [name, keyOrItem[name]]),
        )
      : keyOrItem;
    const answer = await sideCall('GetItem', { TableName: table, Key: key, ConsistentRead: true });
    return answer.Item as WireItem | undefined;
  };

  /** The size of the item a failed write targeted; when it cannot be read, 0 (the minimum charge). */
  const existingSize = async (table: string, keyOrItem: WireItem, isFullItem: boolean, known?: unknown) => {
    if (known) return itemSize(known as WireItem);
    try {
      return itemSize(await existingItem(table, keyOrItem, isFullItem));
    } catch {
      return 0;
    }
  };

  /**
   * The units DynamoDB Local reported, with the minimum reads AWS charges and Local leaves out:
   * - Query and Scan: AWS's guide is silent on a read that finds nothing; DynamoDB is commonly
   *   reported to answer such a Query with 0.5 (eventually consistent), as it does a GetItem of a
   *   missing item, where Local answers 0. The proxy counts one read unit (0.5 eventually consistent).
   * - BatchGetItem: "DynamoDB processes each item in the batch as an individual GetItem request",
   *   and a GetItem of a missing item consumes one read unit (0.5 eventually consistent); Local
   *   counts missing keys as 0. The proxy adds the missing keys (asked, minus found, minus
   *   unprocessed).
   */
  const addReported = (op: string, request: Json, response: Json) => {
    const units = new Map<string, number>();
    for (const capacity of [response.ConsumedCapacity].flat() as (Capacity | undefined)[]) {
      if (capacity?.TableName)
        units.set(capacity.TableName, (units.get(capacity.TableName) ?? 0) + (capacity.CapacityUnits ?? 0));
    }
    if ((op === 'Query' || op === 'Scan') && typeof request.TableName === 'string' && !units.get(request.TableName)) {
      units.set(request.TableName, request.ConsistentRead ? 1 : 0.5);
    }
    if (op === 'BatchGetItem') {
      const found = (response.Responses as Record<string, unknown[]>) ?? {};
      const unprocessed = (response.UnprocessedKeys as Record<string, { Keys?: unknown[] }>) ?? {};
      for (const [table, spec] of Object.entries((request.RequestItems as Record<string, Json>) ?? {})) {
        const missing =
          ((spec.Keys as unknown[]) ?? []).length -
          (found[table]?.length ?? 0) -
          (unprocessed[table]?.Keys?.length ?? 0);
        if (missing > 0) units.set(table, (units.get(table) ?? 0) + missing * (spec.ConsistentRead ? 1 : 0.5));
      }
    }
    for (const [table, count] of units) add(table, READS.has(op) ? 'read' : 'write', count);
  };

  /** PutItem, UpdateItem or DeleteItem refused by its condition: see `failedConditionalWriteUnits`. */
  const addFailedConditional = async (op: string, request: Json, error: Json) => {
    const table = request.TableName as string;
    const isPut = op === 'PutItem';
    // With ALL_OLD the error carries the item, and no item means there was none.
    const askedOld = request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const size = askedOld
      ? itemSize(error.Item as WireItem | undefined)
      : await existingSize(table, (isPut ? request.Item : request.Key) as WireItem, isPut);
    add(table, 'write', failedConditionalWriteUnits(size));
  };

  /**
   * A TransactWriteItems cancelled (a condition failed, a conflict): no ConsumedCapacity, from AWS
   * or Local, and AWS's guide gives no figure. Counted as AWS counts a failed conditional write
   * ("dependent on the size of the existing item (or a minimum of 1)") for every action, doubled
   * as a transaction's writes are ("two underlying reads or writes of every item"): an upper
   * bound, as the commit half may never run.
   */
  const addCancelledTransaction = async (request: Json, error: Json) => {
    const reasons = (error.CancellationReasons as ({ Item?: unknown } | null)[]) ?? [];
    const actions = (request.TransactItems as Json[]) ?? [];
    const sizes = await Promise.all(
      actions.map(async (action, i) => {
        const [kind, spec] = Object.entries(action)[0] as [string, Json];
        const isPut = kind === 'Put';
        const size = await existingSize(
          spec.TableName as string,
          (isPut ? spec.Item : spec.Key) as WireItem,
          isPut,
          reasons[i]?.Item,
        );
        return [spec.TableName as string, size] as const;
      }),
    );
    for (const [table, size] of sizes) add(table, 'write', writeUnits(size) * TRANSACTION_FACTOR);
  };

  /** Counts one metered request and answers the body to send back to the client. */
  const meter = async (op: string, request: Json, asked: boolean, upstream: Upstream): Promise<Buffer> => {
    totals.requests++;
    for (const table of tablesOf(op, request)) tableUsage(table).requests++;
    const encoding = encodingOf(upstream.headers);
    if (!encoding) {
      countUnmetered(`${op} (content-encoding ${upstream.headers['content-encoding']})`);
      return upstream.body;
    }
    const text = decode(upstream.body, encoding).toString('utf8');
    const response = parseJson(Buffer.from(text));
    if (!response) return upstream.body;
    if (upstream.status === 200) {
      addReported(op, request, response);
      if (asked || !('ConsumedCapacity' in response)) return upstream.body;
      return encode(Buffer.from(withoutTopLevelKey(text, 'ConsumedCapacity')), encoding);
    }
    const type = String(response.__type ?? '');
    if (type.endsWith('ConditionalCheckFailedException') && CONDITIONAL_WRITES.has(op))
      await addFailedConditional(op, request, response);
    else if (type.endsWith('TransactionCanceledException') && op === 'TransactWriteItems')
      await addCancelledTransaction(request, response);
    return upstream.body;
  };

  const handle = async (req: IncomingMessage): Promise<Upstream> => {
    const body = await readBody(req);
    const [api, op = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    const metered = api === API && (READS.has(op) || WRITES.has(op));
    const request = api === API ? parseJson(body) : undefined;
    if (api === API && SCHEMA_CHANGES.has(op) && typeof request?.TableName === 'string') {
      keySchemas.delete(request.TableName);
    }
    if (!metered || !request || encodingOf(req.headers) !== 'identity') {
      if (api === API && (metered || PARTIQL.has(op))) countUnmetered(op);
      return forward(req.method ?? 'POST', req.url ?? '/', req.headers, body);
    }
    const asked = request.ReturnConsumedCapacity === 'TOTAL' || request.ReturnConsumedCapacity === 'INDEXES';
    const sent = asked ? body : Buffer.from(JSON.stringify({ ...request, ReturnConsumedCapacity: 'TOTAL' }));
    const upstream = await forward(req.method ?? 'POST', req.url ?? '/', req.headers, sent);
    const answer = await meter(op, request, asked, upstream);
    if (answer === upstream.body) return upstream;
    const headers = { ...upstream.headers };
    // The SDKs that check `x-amz-crc32` (v2 for JavaScript, Java, Go; not v3 for JavaScript) check
    // it against the bytes received.
    if (headers['x-amz-crc32'] !== undefined) headers['x-amz-crc32'] = String(crc32(answer) >>> 0);
    return { ...upstream, headers, body: answer };
  };

  const server = createServer((req, res) => {
    handle(req).then(
      (answer) => {
        res.writeHead(answer.status, {
          ...withoutHopByHop(answer.headers),
          'content-length': String(answer.body.length),
        });
        res.end(answer.body);
      },
      (error: Error) => {
        const body = JSON.stringify({ __type: 'MeterProxyError', message: `DynamoDB meter: ${error.message}` });
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(body);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as { port: number };

  return {
    endpoint: url(port),
    port,
    metrics: () => ({
      ...totals,
      byTable: Object.fromEntries(Object.entries(byTable).map(([table, usage]) => [table, { ...usage }])),
      unmetered: { ...unmetered },
    }),
    reset: () => {
      byTable = {};
      totals = { readUnits: 0, writeUnits: 0, requests: 0 };
      unmetered = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
};
