import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checks, javaMajor } from './doctor.mjs';

describe('javaMajor', () => {
  it('reads the major version of both version schemes', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajor('java version "1.8.0_402"')).toBe(8);
    expect(javaMajor('bash: java: command not found')).toBeUndefined();
  });
});

describe('the doctor', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("names a busy port, its service and the fix, and passes the other command's ports", async () => {
    server = createServer();
    const busy = await new Promise<number>((resolve) =>
      server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
    );
    const free = busy + 1;
    const results = await checks({
      ports: { start: { storefront: free, appsync: busy }, test: { storefront: free } },
    });
    const [start, test] = results.filter((c) => c.name === 'ports');
    expect(start).toMatchObject({ ok: false, needed: 'start' });
    expect(start.detail).toContain(`${busy} (appsync`);
    expect(start.fix).toMatch(/stop the program/);
    expect(test).toMatchObject({ ok: true, needed: 'test' });
  });
});
