'use client';

import { Amplify } from 'aws-amplify';
import type { ReactNode } from 'react';
import { userPoolEndpointOf } from '@/lib/amplify-config';
import { SessionProvider } from './session';

type AmplifyConfig = Parameters<typeof Amplify.configure>[0];

let configuredWith: string | null = null;

/** Configures aws-amplify once per page load (and again only if the outputs change). */
function ensureConfigured(outputs: object | null) {
  if (typeof window === 'undefined' || !outputs) return;
  const key = JSON.stringify(outputs);
  if (key === configuredWith) return;
  Amplify.configure(outputs as AmplifyConfig);
  const userPoolEndpoint = userPoolEndpointOf(outputs);
  if (userPoolEndpoint) {
    // The local cloud's Cognito: the outputs format has no field Amplify reads for it.
    const config = Amplify.getConfig();
    const cognito = config.Auth?.Cognito;
    if (cognito) Amplify.configure({ ...config, Auth: { Cognito: { ...cognito, userPoolEndpoint } } } as AmplifyConfig);
  }
  configuredWith = key;
}

/**
 * Configures aws-amplify in the browser from the `amplify_outputs.json` the root layout read on the
 * server, before any child renders or runs an effect, and provides the session to the tree.
 * `outputs` is null when the file is missing: auth is then reported as unavailable.
 */
export function AmplifyProvider({ outputs, children }: { outputs: object | null; children: ReactNode }) {
  ensureConfigured(outputs);
  return <SessionProvider configured={outputs !== null}>{children}</SessionProvider>;
}
