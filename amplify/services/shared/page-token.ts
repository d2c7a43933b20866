import { UserInputError } from './errors';

/**
 * A page position as a client carries it: DynamoDB's LastEvaluatedKey, opaque (base64url JSON),
 * and checked on the way back so that a made-up token is refused rather than half-used.
 */
export const encodePageToken = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

/** The key `token` carries, if it holds a string for each of `keys` (and nothing else). */
export const decodePageToken = (
  token: string | undefined,
  keys: readonly string[],
): Record<string, string> | undefined => {
  if (!token) return undefined;
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (
      key &&
      typeof key === 'object' &&
      Object.keys(key).length === keys.length &&
      keys.every((k) => typeof (key as Record<string, unknown>)[k] === 'string')
    )
      return key as Record<string, string>;
  } catch {
    // reported below
  }
  throw new UserInputError('nextToken is not one this API gave');
};
