/**
 * The functions' log lines, read as structured entries: Powertools Logger's JSON lines (`level`,
 * `message`, `timestamp`, `service`, `function_request_id`, `order_id`, ...), the runtime's console
 * format (`timestamp \t requestId \t LEVEL \t message`, whose message may itself be JSON), or plain
 * text. The console shows them; the terminal prints them one line each.
 */

export type LogLevel = 'quiet' | 'info' | 'debug';

export interface LogEntry {
  /** ISO time of the line (the invocation's start when the line has none). */
  time: string;
  /** Upper case: DEBUG, INFO, WARN, ERROR, ... */
  level: string;
  message: string;
  /** Every other key of a JSON line (`order_id`, `user_id`, `function_request_id`, ...). */
  fields: Record<string, unknown>;
  /** The invocation's request id, from the line or the invocation. */
  requestId?: string;
  /** Set when the line was not JSON. */
  plain?: true;
}

const CONSOLE_LINE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\t(\S+)\t([A-Z]+)\t([\s\S]*)$/;

const jsonObject = (text: string): Record<string, unknown> | undefined => {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** Powertools Metrics' embedded metric format: `{ _aws: { Timestamp, CloudWatchMetrics: [{ Metrics: [{ Name }] }] }, Name: value }`. */
const metricsOf = (object: Record<string, unknown>, fallback: { time: string; requestId?: string }): LogEntry => {
  const aws = object._aws as { Timestamp?: unknown; CloudWatchMetrics?: { Metrics?: { Name?: unknown }[] }[] };
  const names = (aws.CloudWatchMetrics ?? []).flatMap((m) => m.Metrics ?? []).map((m) => String(m.Name));
  const time = typeof aws.Timestamp === 'number' ? new Date(aws.Timestamp).toISOString() : fallback.time;
  return {
    time,
    level: 'METRIC',
    message: names.map((name) => `${name}=${JSON.stringify(object[name])}`).join(' '),
    fields: {},
    ...(fallback.requestId ? { requestId: fallback.requestId } : {}),
  };
};

const fromJson = (
  object: Record<string, unknown>,
  fallback: { time: string; level: string; requestId?: string },
): LogEntry => {
  if (object._aws && typeof object._aws === 'object' && object.message === undefined)
    return metricsOf(object, fallback);
  const { level, message, timestamp, ...fields } = object;
  const requestId = typeof fields.function_request_id === 'string' ? fields.function_request_id : fallback.requestId;
  return {
    time: typeof timestamp === 'string' && !Number.isNaN(Date.parse(timestamp)) ? timestamp : fallback.time,
    level: typeof level === 'string' ? level.toUpperCase() : fallback.level,
    message: typeof message === 'string' ? message : message === undefined ? '' : JSON.stringify(message),
    fields,
    ...(requestId ? { requestId } : {}),
  };
};

/** One line a function wrote, as an entry; `context` fills in what a plain line lacks. */
export const parseLogLine = (line: string, context: { time: string; requestId?: string }): LogEntry => {
  const fallback = { time: context.time, level: 'INFO', requestId: context.requestId };
  const object = jsonObject(line);
  if (object) return fromJson(object, fallback);
  const m = CONSOLE_LINE.exec(line);
  if (m) {
    const [, time, id, level, message] = m;
    const requestId = id === 'undefined' ? context.requestId : id;
    const inner = jsonObject(message);
    if (inner) return fromJson(inner, { time, level, requestId });
    return { time, level, message, fields: {}, ...(requestId ? { requestId } : {}), plain: true };
  }
  return {
    time: context.time,
    level: 'INFO',
    message: line,
    fields: {},
    ...(context.requestId ? { requestId: context.requestId } : {}),
    plain: true,
  };
};

/**
 * An invocation's lines as entries: a line that is neither JSON nor the console format continues
 * the console-format entry before it (a stack trace, a multi-line message), as Lambda keeps it.
 */
export const parseLogLines = (lines: readonly string[], context: { time: string; requestId?: string }): LogEntry[] => {
  const entries: LogEntry[] = [];
  let open: LogEntry | undefined;
  for (const line of lines) {
    const entry = parseLogLine(line, context);
    if (open && entry.plain && !CONSOLE_LINE.test(line)) {
      open.message += `\n${line}`;
      continue;
    }
    entries.push(entry);
    open = entry.plain && CONSOLE_LINE.test(line) ? entry : undefined;
  }
  return entries;
};

/** The id of the order an entry is about: Powertools' `order_id`, or an `orderId` key. */
export const orderIdOf = (entry: LogEntry): string | undefined => {
  const id = entry.fields.order_id ?? entry.fields.orderId;
  return typeof id === 'string' ? id : undefined;
};

/** Keys every Powertools line carries: the terminal leaves them out. */
const NOISE = new Set([
  'service',
  'function_request_id',
  'function_name',
  'function_arn',
  'function_memory_size',
  'cold_start',
  'sampling_rate',
  'xray_trace_id',
  'timestamp',
]);

const valueText = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const quoted = typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : text;
  return quoted.length > 120 ? `${quoted.slice(0, 119)}…` : quoted;
};

/** `12:00:01.234 orders-place INFO order placed order_id=… user_id=…`: one line, for the terminal. */
export const formatLogEntry = (label: string, entry: LogEntry): string => {
  const time = entry.time.slice(11, 23);
  const fields = Object.entries(entry.fields)
    .filter(([key, value]) => !NOISE.has(key) && value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${valueText(value)}`);
  const message = entry.message.replace(/\s*\n\s*/g, ' ⏎ ');
  return [time, label, entry.level, message, ...fields].join(' ');
};

const RANK: Record<string, number> = {
  TRACE: 0,
  DEBUG: 1,
  METRIC: 1,
  INFO: 2,
  WARN: 3,
  WARNING: 3,
  ERROR: 4,
  CRITICAL: 5,
  FATAL: 5,
};

/** Whether `level` prints an entry: `info` prints INFO and above, `debug` everything (metrics too), `quiet` nothing. */
export const printsAt = (level: LogLevel, entry: Pick<LogEntry, 'level'>): boolean =>
  level === 'debug' || (level === 'info' && (RANK[entry.level] ?? 2) >= RANK.INFO);

/** `LOCAL_LOG`: `quiet` (the default), `info` or `debug`; anything else is refused by name. */
export const logLevelOf = (value: string | undefined): LogLevel => {
  if (value === undefined || value === '') return 'quiet';
  if (value === 'quiet' || value === 'info' || value === 'debug') return value;
  throw new Error(`LOCAL_LOG=${value} is not a log level: use quiet, info or debug`);
};
