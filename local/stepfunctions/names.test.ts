import { describe, expect, it } from 'vitest';
import {
  checkExecutionInput,
  checkExecutionName,
  decideStart,
  executionArn,
  parseExecutionArn,
  MAX_PAYLOAD_BYTES,
} from './names';

describe('execution names and inputs', () => {
  it('accepts the names Step Functions accepts', () => {
    for (const name of ['order-1', 'a', 'x'.repeat(80), 'Ünïcode_ok', '0b5e…', 'dots.are.fine'])
      expect(checkExecutionName(name)).toBe(name);
  });

  it('refuses empty or long names, white space, brackets, wildcards, specials and control characters', () => {
    const bad = ['', 'x'.repeat(81), 'a b', 'tab\t', '<x>', '{x}', '[x]', 'a?', 'a*', '"q"', '#', '%', '\\', '^', '|'];
    for (const name of [...bad, '~', '`', '$', '&', ',', ';', 'a:b', 'a/b', 'bell\u0007', 'del\u007f', 'c1\u0085', 7])
      expect(() => checkExecutionName(name), JSON.stringify(name)).toThrow(
        expect.objectContaining({ type: 'InvalidName', status: 400 }),
      );
    expect(() => checkExecutionName('a b')).toThrow("Invalid Name: 'a b'");
  });

  it('takes input as JSON text of at most 256 KiB, `{}` when there is none', () => {
    expect(checkExecutionInput(undefined)).toBe('{}');
    expect(checkExecutionInput('{"a":1}')).toBe('{"a":1}');
    expect(checkExecutionInput('"just a string"')).toBe('"just a string"');
    expect(() => checkExecutionInput('{nope')).toThrow(expect.objectContaining({ type: 'InvalidExecutionInput' }));
    const big = JSON.stringify({ s: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(() => checkExecutionInput(big)).toThrow(/exceeds the maximum of 262144 bytes/);
  });

  it('names executions by state machine and name, and reads such ARNs back', () => {
    const arn = executionArn('CheckoutSaga-abc', 'order-1');
    expect(arn).toBe('arn:aws:states:us-east-1:000000000000:execution:CheckoutSaga-abc:order-1');
    expect(parseExecutionArn(arn)).toEqual({ stateMachineName: 'CheckoutSaga-abc', name: 'order-1' });
    expect(() => parseExecutionArn('arn:aws:states:us-east-1:000000000000:stateMachine:X')).toThrow(
      expect.objectContaining({ type: 'InvalidArn' }),
    );
  });

  it('is idempotent by name only for the same input while the first execution runs', () => {
    expect(decideStart(undefined, '{}')).toBe('start');
    expect(decideStart({ status: 'RUNNING', input: '{"a":1}' }, '{"a":1}')).toBe('return-existing');
    expect(decideStart({ status: 'RUNNING', input: '{"a":1}' }, '{"a":2}')).toBe('already-exists');
    for (const status of ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'])
      expect(decideStart({ status, input: '{"a":1}' }, '{"a":1}')).toBe('already-exists');
  });
});
