import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas';

describe('the published event schemas', () => {
  it.each(jsonSchemas())('$file is up to date (npm run events:schemas)', ({ file, text }) => {
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
