'use client';

import type { ReactNode } from 'react';
import { rememberBrowserOutputs } from '@/lib/amplify-config';
import { SessionProvider } from './session';

/**
 * Hands the browser the `amplify_outputs.json` the root layout read on the server (before any child
 * renders or runs an effect), and provides the session to the tree. aws-amplify itself is configured
 * only when auth or the API is first used (lib/amplify-client.ts), so a catalog page does not load
 * it to render. `outputs` is null when the file is missing: auth is then reported as unavailable.
 */
export function AmplifyProvider({ outputs, children }: { outputs: object | null; children: ReactNode }) {
  rememberBrowserOutputs(outputs);
  return <SessionProvider configured={outputs !== null}>{children}</SessionProvider>;
}
