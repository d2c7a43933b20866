import { describe, expect, it } from 'vitest';
import { formatLogEntry, logLevelOf, parseLogLine, parseLogLines, printsAt } from './log-lines';

const context = { time: '2026-01-01T00:00:00.000Z', requestId: 'req-1' };

describe('parseLogLine', () => {
  it('reads a Powertools JSON line: level, message, time and the other keys as fields', () => {
    const line = JSON.stringify({
      level: 'INFO',
      message: 'order placed',
      timestamp: '2026-01-01T12:00:01.234Z',
      service: 'orders',
      function_request_id: 'req-9',
      order_id: 'o-1',
      user_id: 'u-1',
    });
    expect(parseLogLine(line, context)).toEqual({
      time: '2026-01-01T12:00:01.234Z',
      level: 'INFO',
      message: 'order placed',
      fields: { service: 'orders', function_request_id: 'req-9', order_id: 'o-1', user_id: 'u-1' },
      requestId: 'req-9',
    });
  });

  it("reads the runtime's console format, with or without JSON inside", () => {
    expect(parseLogLine('2026-01-01T12:00:02.000Z\treq-2\tWARN\tslow provider', context)).toEqual({
      time: '2026-01-01T12:00:02.000Z',
      level: 'WARN',
      message: 'slow provider',
      fields: {},
      requestId: 'req-2',
      plain: true,
    });
    const inner = parseLogLine('2026-01-01T12:00:02.000Z\treq-2\tINFO\t{"message":"hi","order_id":"o-2"}', context);
    expect(inner).toMatchObject({ level: 'INFO', message: 'hi', fields: { order_id: 'o-2' }, requestId: 'req-2' });
  });

  it('reads an embedded-metric line as the metrics it records', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1767268801234,
        CloudWatchMetrics: [{ Namespace: 'cloudshop', Metrics: [{ Name: 'OrdersPlaced' }] }],
      },
      service: 'orders',
      OrdersPlaced: 1,
    });
    expect(parseLogLine(line, context)).toEqual({
      time: '2026-01-01T12:00:01.234Z',
      level: 'METRIC',
      message: 'OrdersPlaced=1',
      fields: {},
      requestId: 'req-1',
    });
    expect(printsAt('info', { level: 'METRIC' })).toBe(false);
  });

  it('keeps any other line as the message, at the invocation’s time', () => {
    expect(parseLogLine('plain words {not json', context)).toEqual({
      time: context.time,
      level: 'INFO',
      message: 'plain words {not json',
      fields: {},
      requestId: 'req-1',
      plain: true,
    });
  });
});

describe('parseLogLines', () => {
  it('joins a stack trace to the console line it belongs to, and keeps JSON lines apart', () => {
    const entries = parseLogLines(
      [
        '2026-01-01T12:00:02.000Z\treq-2\tERROR\tTypeError: fetch failed',
        '    at a (index.mjs:1:1)',
        '{"level":"INFO","message":"next"}',
        'plain after JSON',
      ],
      context,
    );
    expect(entries.map((e) => [e.level, e.message])).toEqual([
      ['ERROR', 'TypeError: fetch failed\n    at a (index.mjs:1:1)'],
      ['INFO', 'next'],
      ['INFO', 'plain after JSON'],
    ]);
  });
});

describe('formatLogEntry', () => {
  it('prints one line: time, function, level, message, the telling fields', () => {
    const entry = parseLogLine(
      JSON.stringify({
        level: 'INFO',
        message: 'order placed',
        timestamp: '2026-01-01T12:00:01.234Z',
        service: 'orders',
        cold_start: true,
        function_request_id: 'r',
        order_id: 'o-1',
        user_id: 'u-1',
        lines: [{ sku: 'MUG' }],
      }),
      context,
    );
    expect(formatLogEntry('orders-place', entry)).toBe(
      '12:00:01.234 orders-place INFO order placed order_id=o-1 user_id=u-1 lines=[{"sku":"MUG"}]',
    );
  });
});

describe('levels', () => {
  it('LOCAL_LOG picks quiet (default), info or debug, and names a wrong value', () => {
    expect(logLevelOf(undefined)).toBe('quiet');
    expect(logLevelOf('debug')).toBe('debug');
    expect(() => logLevelOf('verbose')).toThrow('LOCAL_LOG=verbose is not a log level: use quiet, info or debug');
  });

  it('info prints INFO and above, debug everything, quiet nothing', () => {
    expect(printsAt('info', { level: 'DEBUG' })).toBe(false);
    expect(printsAt('info', { level: 'ERROR' })).toBe(true);
    expect(printsAt('debug', { level: 'DEBUG' })).toBe(true);
    expect(printsAt('quiet', { level: 'ERROR' })).toBe(false);
  });
});
