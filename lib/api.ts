/**
 * The browser's GraphQL requests, through aws-amplify's client with a Lambda-authorizer token: the
 * signed-in user's Cognito ID token, or `guest` for what anyone may read. Client-only: configures
 * Amplify on first use from the outputs AmplifyProvider handed over (lib/amplify-client.ts).
 */
import { generateClient } from 'aws-amplify/api';
import { ensureAmplifyConfigured } from './amplify-client';
import { errorsOf, isAccessDenied, isNetworkError, isNotFound, type GraphQLErrorLike } from './graphql';

/** A refused or failed API call, with AppSync's errors. */
export class ApiError extends Error {
  readonly accessDenied: boolean;
  /** The request never got an answer (offline, server down): it may or may not have been carried out. */
  readonly network: boolean;
  readonly notFound: boolean;
  constructor(readonly errors: GraphQLErrorLike[]) {
    super(errors.map((e) => e.message).join('; ') || 'Request failed');
    this.name = 'ApiError';
    this.accessDenied = isAccessDenied(errors);
    this.network = isNetworkError(errors);
    this.notFound = isNotFound(errors);
  }
}

const createClient = () => generateClient();
let client: ReturnType<typeof createClient> | undefined;

/** aws-amplify's `graphql` for an untyped document string (its generics only help generated code). */
type UntypedGraphQL = (
  this: unknown,
  options: { query: string; variables: Record<string, unknown>; authMode: 'lambda'; authToken: string },
) => Promise<{ data?: unknown; errors?: unknown[] }>;

/** Sends `query` with `authToken`; rejects with an ApiError for every failure. */
export async function request<T>(query: string, variables: Record<string, unknown>, authToken: string): Promise<T> {
  ensureAmplifyConfigured();
  client ??= createClient();
  try {
    const graphql = client.graphql as unknown as UntypedGraphQL;
    const result = await graphql.call(client, { query, variables, authMode: 'lambda', authToken });
    if (!result.data) throw { errors: result.errors ?? [{ message: 'No data in the response' }] };
    return result.data as T;
  } catch (thrown) {
    throw new ApiError(errorsOf(thrown));
  }
}
