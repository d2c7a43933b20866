/**
 * Where the local cloud under test is: its `testEnvironment()` in `process.env`, put there by the
 * cloud test project's setup file (cloud-setup.ts), by `npm test`, or by a bench. No vitest import
 * here, so benches and the soak can use these helpers outside the test runner.
 */
export const cloudEnv = (): Record<string, string> => {
  if (!process.env.GRAPHQL_URL) throw new Error('no local cloud: run the cloud project (vitest run --project cloud)');
  return process.env as Record<string, string>;
};

/** A GraphQL request as the storefront sends it, with the raw `Authorization` header. */
export const graphql = async (
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; errorType?: string }[];
}> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = token;
  const response = await fetch(cloudEnv().GRAPHQL_URL, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
};
