import { createHash } from 'node:crypto';

/** A message attribute as the SQS API carries it (JSON protocol: binary values are base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export const md5OfBody = (body: string): string => createHash('md5').update(body, 'utf8').digest('hex');

const lengthPrefixed = (bytes: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/**
 * `MD5OfMessageAttributes` as SQS computes it: the attributes sorted by name, each encoded as
 * name, data type (both length-prefixed), a transport byte (1 string/number, 2 binary) and the
 * length-prefixed value. Undefined when there are no attributes.
 */
export const md5OfAttributes = (attributes: Record<string, MessageAttributeValue> | undefined): string | undefined => {
  const names = Object.keys(attributes ?? {}).sort();
  if (!names.length) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const { DataType, StringValue, BinaryValue } = attributes![name];
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(DataType, 'utf8')));
    const binary = DataType.startsWith('Binary');
    hash.update(Buffer.from([binary ? 2 : 1]));
    hash.update(
      lengthPrefixed(binary ? Buffer.from(BinaryValue ?? '', 'base64') : Buffer.from(StringValue ?? '', 'utf8')),
    );
  }
  return hash.digest('hex');
};
