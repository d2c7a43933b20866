import { describe, expect, it } from 'vitest';
import { UserInputError } from './errors';
import { decodePageToken, encodePageToken } from './page-token';

describe('page tokens', () => {
  it('carry the position opaquely and refuse a token this API did not give', () => {
    const token = encodePageToken({ userId: 'u', sk: 's' })!;
    expect(decodePageToken(token, ['userId', 'sk'])).toEqual({ userId: 'u', sk: 's' });
    expect(encodePageToken(undefined)).toBeNull();
    expect(decodePageToken(undefined, ['userId', 'sk'])).toBeUndefined();
    expect(() => decodePageToken('not-a-token', ['userId', 'sk'])).toThrow('nextToken is not one this API gave');
    expect(() => decodePageToken(encodePageToken({ sku: 'A' })!, ['userId', 'sk'])).toThrow(UserInputError);
  });
});
