// The runtime of one local Lambda "container": a Node.js process that loads the function's handler
// once (the init phase), then runs one invocation at a time for the emulator (local/lambda/emulator.ts)
// over the IPC channel, the way the Lambda Node.js runtime does: same handler resolution, same
// context object, same console format, same error shape. Plain JavaScript so that it starts without
// a loader, and the handler's code runs exactly as bundled.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const END = '\u0000END ';
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerSpec = process.env._HANDLER;

/** @type {{ requestId: string } | undefined} */
let current;

// Lambda's console: `timestamp \t requestId \t LEVEL \t message`.
const writer =
  (level) =>
  (...args) => {
    process.stdout.write(
      `${new Date().toISOString()}\t${current?.requestId ?? 'undefined'}\t${level}\t${format(...args)}\n`,
    );
  };
console.log = writer('INFO');
console.info = writer('INFO');
console.warn = writer('WARN');
console.error = writer('ERROR');
console.debug = writer('DEBUG');
console.trace = writer('TRACE');

/** An error as Lambda reports it (the `FunctionError` payload). */
const toFailure = (error) => {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error && 'stack' in error)) {
    return {
      errorType: error.name || error.constructor?.name || 'Error',
      errorMessage: String(error.message ?? ''),
      trace: String(error.stack ?? '').split('\n'),
    };
  }
  return {
    errorType: typeof error,
    errorMessage: typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)),
    trace: [],
  };
};

const send = (message) => {
  if (process.connected) process.send(message);
};

// A crash (an error nobody caught, a rejection nobody handled) ends the container, as on Lambda.
const crash = (failure) => {
  if (current) process.stdout.write(`${END}${current.requestId}\n`);
  send({ type: 'crash', requestId: current?.requestId, error: failure });
  setTimeout(() => process.exit(129), 20);
};
process.on('uncaughtException', (error) => crash(toFailure(error)));
process.on('unhandledRejection', (reason) => {
  const inner = toFailure(reason);
  crash({
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: `${inner.errorType}: ${inner.errorMessage}`,
    trace: inner.trace,
  });
});
process.on('disconnect', () => process.exit(0));

/** `src/index.handler` → module `src/index`, export path `handler` (Lambda's own split). */
const loadHandler = async () => {
  const match = /^([^.]*)\.(.*)$/.exec(handlerSpec ?? '');
  if (!match) {
    throw Object.assign(new Error(`Bad handler ${handlerSpec}`), { name: 'Runtime.MalformedHandlerName' });
  }
  const [, modulePath, exportPath] = match;
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(taskRoot, modulePath + ext)).find((f) => existsSync(f));
  if (!file) {
    throw Object.assign(new Error(`Error: Cannot find module '${modulePath}'`), { name: 'Runtime.ImportModuleError' });
  }
  let module;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) error.name = 'Runtime.UserCodeSyntaxError';
    throw error;
  }
  const walk = (root) => exportPath.split('.').reduce((value, key) => (value == null ? undefined : value[key]), root);
  const handler = walk(module) ?? walk(module.default);
  if (handler === undefined) {
    throw Object.assign(new Error(`${handlerSpec} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${handlerSpec} is not a function`), { name: 'Runtime.HandlerNotFound' });
  }
  return handler;
};

/**
 * A new X-Ray trace header, as Lambda gives each invocation in `_X_AMZN_TRACE_ID`: the X-Ray SDK
 * (Powertools Tracer) builds the invocation's segment from it and complains when it is missing.
 * Not sampled: nothing is sent to a daemon, and log lines still carry the trace id.
 */
const traceHeader = () =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};` +
  `Parent=${randomBytes(8).toString('hex')};Sampled=0`;

const run = (handler, event, context) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? 'handled');
    try {
      const out = handler(event, context, callback);
      if (out && typeof out.then === 'function')
        out.then(
          (r) => callback(null, r),
          (e) => callback(e ?? new Error('rejected')),
        );
      else if (handler.length < 3) callback(null, out);
    } catch (error) {
      callback(error);
    }
  });

let handler;
try {
  handler = await loadHandler();
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'init-error', error: toFailure(error) });
  setTimeout(() => process.exit(1), 20);
}

process.on('message', async (message) => {
  if (message?.type !== 'invoke' || !handler) return;
  const { requestId, payload, deadline, invokedFunctionArn } = message;
  current = { requestId };
  process.env._X_AMZN_TRACE_ID = traceHeader();
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let response;
  try {
    const result = await run(handler, JSON.parse(payload), context);
    response = { ok: true, payload: JSON.stringify(result === undefined ? null : result) };
  } catch (error) {
    response = { ok: false, error: toFailure(error) };
  }
  // Everything the invocation logged is in the pipe before this marker; the emulator waits for it.
  process.stdout.write(`${END}${requestId}\n`);
  current = undefined;
  send({ type: 'result', requestId, ...response });
});
