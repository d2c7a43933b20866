/**
 * What the browser's aws-amplify is configured with, derived from `amplify_outputs.json`.
 *
 * The outputs format has no field for a Cognito endpoint other than AWS's, so the local cloud adds
 * one: `custom.userPoolEndpoint` (or `auth.user_pool_endpoint`), e.g. `http://127.0.0.1:9229`.
 * When present it becomes Amplify's `Auth.Cognito.userPoolEndpoint`; on AWS it is absent.
 */
export function userPoolEndpointOf(outputs: object | null | undefined): string | undefined {
  const o = (outputs ?? {}) as { custom?: { userPoolEndpoint?: unknown }; auth?: { user_pool_endpoint?: unknown } };
  const endpoint = o.custom?.userPoolEndpoint ?? o.auth?.user_pool_endpoint;
  return typeof endpoint === 'string' && /^https?:\/\//.test(endpoint) ? endpoint : undefined;
}

/** The outputs the browser needs: all but the model introspection schema (large, and unused here). */
export function clientOutputsOf<T extends { data?: object }>(outputs: T): T {
  if (!outputs.data) return outputs;
  const { model_introspection: _unused, ...data } = outputs.data as Record<string, unknown>;
  return { ...outputs, data };
}

let browserOutputs: object | null = null;

/**
 * Keeps the outputs the root layout handed to the browser, for `ensureAmplifyConfigured` (see
 * lib/amplify-client.ts) to configure aws-amplify from when auth or the API is first used. This
 * module never imports aws-amplify, so the layout can hand them over on every page for nothing.
 * On the server it does nothing: a server render never configures the browser's Amplify.
 */
export function rememberBrowserOutputs(outputs: object | null): void {
  if (typeof window !== 'undefined') browserOutputs = outputs;
}

/** What `rememberBrowserOutputs` kept: null on the server, and when the store is not configured. */
export function rememberedBrowserOutputs(): object | null {
  return browserOutputs;
}
