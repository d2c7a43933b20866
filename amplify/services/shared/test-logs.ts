import { vi } from 'vitest';

/**
 * For tests: everything the handler writes to stdout and stderr (Powertools' log lines, warnings,
 * EMF metrics), parsed one JSON document a line, until `vi.restoreAllMocks()`.
 */
export const captureJsonLines = (): Record<string, unknown>[] => {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
};
