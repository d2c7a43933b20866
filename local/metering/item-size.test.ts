import { describe, expect, it } from 'vitest';
import { failedConditionalWriteUnits, itemSize, numberSize, readUnits, valueSize, writeUnits } from './item-size';

/** Hand-computed; each boundary was checked against DynamoDB Local's 1 KB write-unit boundary. */
describe('DynamoDB item sizes', () => {
  it('sizes numbers by digit pairs from the decimal point, plus one byte, plus one when negative', () => {
    expect(numberSize('0')).toBe(1);
    expect(numberSize('7')).toBe(2);
    expect(numberSize('12345')).toBe(4); // 1|23|45
    expect(numberSize('-12345')).toBe(5);
    expect(numberSize('100000')).toBe(2); // 10|00|00, trailing zero pairs trimmed
    expect(numberSize('1.5')).toBe(3); // 01.50: two pairs
    expect(numberSize('1.50')).toBe(3);
    expect(numberSize('0.15')).toBe(2); // .15
    expect(numberSize('0.001')).toBe(2); // .00|10
    expect(numberSize('123.456')).toBe(5); // 01|23.45|60
    expect(numberSize('1E+5')).toBe(2); // as 100000
    expect(numberSize('00120.0')).toBe(3); // 01|20
    expect(numberSize('12345678901234567890123456789012345678')).toBe(20);
  });

  it('sizes strings and binaries by their bytes, and names by their UTF-8 bytes', () => {
    expect(valueSize({ S: 'héllo' })).toBe(6);
    expect(valueSize({ B: Buffer.alloc(10).toString('base64') })).toBe(10);
    expect(itemSize({ é: { S: '€' } })).toBe(2 + 3);
  });

  it('sizes sets as the sum of their elements, booleans and nulls as one byte', () => {
    expect(valueSize({ SS: ['a', 'bcd'] })).toBe(4);
    expect(valueSize({ NS: ['1', '-22', '333'] })).toBe(2 + 3 + 3);
    expect(valueSize({ BS: [Buffer.alloc(3).toString('base64'), Buffer.alloc(5).toString('base64')] })).toBe(8);
    expect(valueSize({ BOOL: false })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
  });

  it('gives maps and lists 3 bytes, and each element 1 more', () => {
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [] })).toBe(3);
    // 3 + (a: 1 + 2 + 1) + (bb: 2 + 2 + 1)
    expect(valueSize({ M: { a: { S: 'xy' }, bb: { N: '7' } } })).toBe(12);
    // 3 + (1 + 1) + (2 + 1) + (1 + 1)
    expect(valueSize({ L: [{ S: 'a' }, { N: '1' }, { BOOL: false }] })).toBe(10);
  });

  it('adds up an item, and an absent item is 0 bytes', () => {
    expect(itemSize({ pk: { S: 'order-1' }, body: { S: 'x'.repeat(1500) } })).toBe(2 + 7 + 4 + 1500);
    expect(itemSize(undefined)).toBe(0);
  });
});

describe('request units', () => {
  it('rounds writes up to 1 KB, with a minimum of 1', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(failedConditionalWriteUnits(0)).toBe(1);
    expect(failedConditionalWriteUnits(3000)).toBe(3);
  });

  it('rounds reads up to 4 KB, halves eventually consistent ones, and charges a missing item', () => {
    expect(readUnits(0, true)).toBe(1);
    expect(readUnits(0, false)).toBe(0.5);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(9000, true)).toBe(3);
    expect(readUnits(9000, false)).toBe(1.5);
  });
});
