import { afterAll, describe, expect, it } from 'vitest';
import { LambdaEmulator } from './emulator';
import type { LogLevel } from './log-lines';
import { fixtureAssembly } from './testing';

const assembly = fixtureAssembly({
  functions: {
    ordersplacelambda0A1B2C3D: {
      friendlyName: 'orders-place',
      files: {
        'index.mjs': `
          export const handler = async (event) => {
            process.stdout.write(JSON.stringify({ level: 'INFO', message: 'order placed', timestamp: '2026-01-01T12:00:01.234Z', service: 'orders', order_id: event.orderId, user_id: 'u-1' }) + '\\n');
            console.debug('details nobody needs');
            console.log('a plain line');
            if (event.fail) throw new Error('provider down');
            return 'ok';
          };`,
      },
    },
  },
});

const emulators: LambdaEmulator[] = [];
afterAll(async () => {
  for (const e of emulators) await e.stop();
});

/** Invokes the function once at `level` and answers what the terminal got. */
const printed = async (level: LogLevel, event: object): Promise<string[]> => {
  const lines: string[] = [];
  const lambda = LambdaEmulator.fromAssembly(assembly, { logLevel: level, write: (l) => lines.push(l) });
  emulators.push(lambda);
  await lambda.invokeRaw(lambda.functionNamed('orders-place').name, JSON.stringify(event));
  return lines;
};

describe('the terminal log of invocations', () => {
  it('info prints each line readably, one line each, and a failed invocation; not DEBUG', async () => {
    const lines = await printed('info', { orderId: 'o-1', fail: true });
    expect(lines[0]).toBe('12:00:01.234 orders-place INFO order placed order_id=o-1 user_id=u-1');
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} orders-place INFO a plain line$/);
    expect(lines.some((l) => l.includes('details nobody needs'))).toBe(false);
    expect(lines.at(-1)).toMatch(/orders-place ERROR invocation failed: Error: provider down request_id=/);
  });

  it('debug adds DEBUG lines; quiet prints nothing', async () => {
    expect((await printed('debug', { orderId: 'o-2' })).some((l) => / DEBUG details nobody needs$/.test(l))).toBe(true);
    expect(await printed('quiet', { orderId: 'o-3', fail: true })).toEqual([]);
  });
});
