import { describe, expect, it } from 'vitest';
import { withoutTopLevelKey } from './json-text';

describe('withoutTopLevelKey', () => {
  it('removes the member wherever it is, leaving the other bytes as they were', () => {
    const capacity = '"ConsumedCapacity":{"TableName":"t","CapacityUnits":4.0}';
    expect(withoutTopLevelKey(`{${capacity},"Item":{"n":{"N":"1.0"}}}`, 'ConsumedCapacity')).toBe(
      '{"Item":{"n":{"N":"1.0"}}}',
    );
    expect(withoutTopLevelKey(`{"Count":2,${capacity},"ScannedCount":2}`, 'ConsumedCapacity')).toBe(
      '{"Count":2,"ScannedCount":2}',
    );
    expect(withoutTopLevelKey(`{"Items":[],${capacity}}`, 'ConsumedCapacity')).toBe('{"Items":[]}');
    expect(withoutTopLevelKey(`{${capacity}}`, 'ConsumedCapacity')).toBe('{}');
    expect(withoutTopLevelKey(`{"ConsumedCapacity":[{"TableName":"a"},{"TableName":"b"}]}`, 'ConsumedCapacity')).toBe(
      '{}',
    );
  });

  it('leaves nested members of the same name, and strings that look like JSON, alone', () => {
    const text = '{"Item":{"ConsumedCapacity":{"S":"}\\",{["}},"x":"ConsumedCapacity"}';
    expect(withoutTopLevelKey(text, 'ConsumedCapacity')).toBe(text);
  });

  it('answers a text without the member unchanged, and copes with whitespace', () => {
    expect(withoutTopLevelKey('{}', 'ConsumedCapacity')).toBe('{}');
    expect(withoutTopLevelKey(' { "a" : 1 , "ConsumedCapacity" : { } } ', 'ConsumedCapacity')).toBe(' {"a" : 1} ');
  });

  it('refuses a text that is not an object', () => {
    expect(() => withoutTopLevelKey('[1]', 'ConsumedCapacity')).toThrow(/not a JSON object/);
  });
});
