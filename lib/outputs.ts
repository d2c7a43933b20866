import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { connection } from 'next/server';
import { cache } from 'react';

/**
 * The parts of `amplify_outputs.json` the storefront reads itself. The whole document is handed to
 * `Amplify.configure`, which knows the rest.
 */
export interface AmplifyOutputs {
  version: string;
  auth?: { user_pool_id: string; user_pool_client_id: string; aws_region: string };
  data?: { url: string; aws_region: string; default_authorization_type: string };
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Reads `amplify_outputs.json` when a page renders: at request time for dynamic pages, at build or
 * revalidation time for the cached catalog pages (whose content is the catalog, read with it then).
 * The file is written by the local cloud or `ampx sandbox`, possibly after the storefront was built,
 * and is git-ignored: when it is absent the page is made dynamic (`connection()`), so a build without
 * a backend never bakes "unavailable" into a cached page. `AMPLIFY_OUTPUTS_PATH` points elsewhere
 * when set; relative paths are from the working directory. Returns `null` when the file is absent or
 * unreadable, so pages can say the store is unavailable. Read once per server render (React `cache`):
 * the layout and every catalog query of a page share it.
 */
export const readAmplifyOutputs = cache(async (): Promise<AmplifyOutputs | null> => {
  const configured = process.env.AMPLIFY_OUTPUTS_PATH;
  // turbopackIgnore: a file chosen at run time, not a module for the build to trace.
  const path = configured
    ? isAbsolute(configured)
      ? configured
      : join(/*turbopackIgnore: true*/ process.cwd(), configured)
    : join(/*turbopackIgnore: true*/ process.cwd(), 'amplify_outputs.json');
  try {
    return JSON.parse(await readFile(path, 'utf8')) as AmplifyOutputs;
  } catch {
    await connection(); // no backend (yet): render at request time, never cache its absence
    return null;
  }
});
