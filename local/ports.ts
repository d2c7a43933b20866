import ports from './ports.json' with { type: 'json' };

/**
 * The local cloud's fixed ports and the contracts between its parts. Each service is started by
 * `local/start.ts` and knows the others only through these. The numbers live in `ports.json`, which
 * `npm run doctor` reads too (before anything is installed). `cloud` serves the outbox API, the
 * console and the AWS-protocol endpoints the local cloud emulates itself (SNS, Lambda, Step
 * Functions, EventBridge, SQS).
 */
export const PORTS = ports.start;

export type Ports = { -readonly [K in keyof typeof PORTS]: number };

/**
 * `npm test` runs its own fresh local cloud beside a developer's `npm start`, on these. Two test runs
 * side by side (two worktrees, say) give one of them others with `CLOUDSHOP_TEST_PORTS`: the five
 * ports in this order, comma-separated.
 */
export const TEST_PORTS: Ports = portsFrom(process.env.CLOUDSHOP_TEST_PORTS) ?? { ...ports.test };

/** The benchmarks' own local cloud, clear of `npm start` and `npm test`. */
export const BENCH_PORTS: Ports = { ...ports.bench };

function portsFrom(list: string | undefined): Ports | undefined {
  if (!list) return undefined;
  const numbers = list.split(',').map(Number);
  const names = Object.keys(PORTS) as (keyof Ports)[];
  if (numbers.length !== names.length || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) {
    throw new Error(`CLOUDSHOP_TEST_PORTS must be ${names.length} ports (${names.join(',')}), got "${list}"`);
  }
  return Object.fromEntries(names.map((name, i) => [name, numbers[i]])) as Ports;
}

export const HOST = '127.0.0.1';
export const url = (port: number, path = '') => `http://${HOST}:${port}${path}`;

/** Where an AWS SDK client reaches a local endpoint: its region, and credentials nothing checks. */
export const localSdkConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** How a Lambda invocation failed, as Lambda reports it (the `FunctionError` payload). */
export interface LambdaFailure {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export class LambdaError extends Error {
  constructor(readonly failure: LambdaFailure) {
    super(failure.errorMessage);
    this.name = failure.errorType;
  }
}

/** Invokes a function of the templates by its name or ARN; rejects with a `LambdaError`. */
export interface Invoker {
  invoke(functionNameOrArn: string, event: unknown): Promise<unknown>;
}

export interface OutboxEmail {
  to: string;
  subject: string;
  body: string;
  /** The one-time code in the message, when it carries one. */
  code?: string;
  sentAt: string;
}

export interface OutboxSnsMessage {
  topicArn: string;
  subject?: string;
  message: string;
  attributes: Record<string, string>;
  sentAt: string;
}

/** Every email and SNS message the system would have sent. */
export interface Outbox {
  recordEmail(email: Omit<OutboxEmail, 'sentAt'>): void;
  recordSns(message: Omit<OutboxSnsMessage, 'sentAt'>): void;
  emails(filter?: { to?: string }): OutboxEmail[];
  sns(filter?: { topicArn?: string; userId?: string }): OutboxSnsMessage[];
}
