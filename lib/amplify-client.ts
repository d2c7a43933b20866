/**
 * aws-amplify, configured on first use. Client-only. Amplify and its Cognito session code are large,
 * and a catalog page needs neither to render: so nothing on every page imports this module
 * statically. lib/auth.ts and lib/api.ts call `ensureAmplifyConfigured` before each use, and the
 * header loads lib/auth.ts after hydration (components/session.tsx).
 */
import { Amplify } from 'aws-amplify';
import { rememberedBrowserOutputs, userPoolEndpointOf } from './amplify-config';

type AmplifyConfig = Parameters<typeof Amplify.configure>[0];

let configuredWith: string | null = null;

/**
 * Configures aws-amplify from the outputs the root layout read (once, and again only if they
 * change). False when the store has no outputs: auth calls then fail with Amplify's own
 * not-configured errors, which lib/auth.ts words for the shopper.
 */
export function ensureAmplifyConfigured(): boolean {
  const outputs = rememberedBrowserOutputs();
  if (!outputs) return false;
  const key = JSON.stringify(outputs);
  if (key === configuredWith) return true;
  Amplify.configure(outputs as AmplifyConfig);
  const userPoolEndpoint = userPoolEndpointOf(outputs);
  if (userPoolEndpoint) {
    // The local cloud's Cognito: the outputs format has no field Amplify reads for it.
    const config = Amplify.getConfig();
    const cognito = config.Auth?.Cognito;
    if (cognito) Amplify.configure({ ...config, Auth: { Cognito: { ...cognito, userPoolEndpoint } } } as AmplifyConfig);
  }
  configuredWith = key;
  return true;
}
