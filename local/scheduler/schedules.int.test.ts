import { expect, it } from 'vitest';
import { realAssembly } from '../lambda/testing';
import { schedulesOf } from './scheduler';

it('finds the reservation sweeper’s schedule in the real templates, targeting its function', async () => {
  const schedules = schedulesOf(await realAssembly());
  expect(schedules).toEqual([
    expect.objectContaining({
      expression: 'cron(*/5 * * * ? *)',
      timezone: 'UTC',
      targetArn: expect.stringMatching(/^arn:aws:lambda:us-east-1:\d+:function:.*inventoryreleaseexpired/),
      input: {},
    }),
  ]);
}, 120_000);
