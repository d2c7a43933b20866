import { describe, expect, it } from 'vitest';
import { Faults } from './faults';

const event = (email: string) =>
  JSON.stringify({ 'detail-type': 'OrderConfirmed.v1', detail: { data: { orderId: 'o-1', email } } });

describe('Faults', () => {
  it('matches nested values as a subset, so a fault can pick one shopper’s events', () => {
    const faults = new Faults();
    faults.add(
      {
        function: 'notifications-send',
        errorType: 'MailerDown',
        errorMessage: 'down',
        when: { 'detail-type': 'OrderConfirmed.v1', detail: { data: { email: 'a@example.com' } } },
      },
      'fn',
    );
    expect(faults.take('fn', event('b@example.com'))).toBeUndefined();
    expect(faults.take('fn', event('a@example.com'))?.failure).toEqual({
      errorType: 'MailerDown',
      errorMessage: 'down',
      trace: [],
    });
  });

  it('still compares top-level values whole', () => {
    const faults = new Faults();
    faults.add({ function: 'f', errorType: 'E', errorMessage: 'm', when: { orderId: 'o-1' }, times: 1 }, 'fn');
    expect(faults.take('fn', JSON.stringify({ orderId: 'o-2' }))).toBeUndefined();
    expect(faults.take('fn', JSON.stringify({ orderId: 'o-1' }))).toBeDefined();
    expect(faults.all()).toEqual([]); // spent
  });
});
