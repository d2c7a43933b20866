/**
 * Admin operations, from the browser with the signed-in user's ID token. The API decides who may run
 * them (the authorizer's `deniedFields`); the storefront never guesses from the token's groups.
 * Client-only: uses the Amplify configuration set by AmplifyProvider.
 */
import { generateClient } from 'aws-amplify/api';
import { GUEST_TOKEN } from './constants';
import {
  ADMIN_CREATE_PRODUCT,
  ADMIN_LIST_PRODUCTS,
  LIST_CATEGORIES,
  errorsOf,
  isAccessDenied,
  type GraphQLErrorLike,
} from './graphql';
import type { AdminCreateProductInput, AdminProduct, Category } from './types';

/** A refused or failed API call, with AppSync's errors. */
export class ApiError extends Error {
  readonly accessDenied: boolean;
  constructor(readonly errors: GraphQLErrorLike[]) {
    super(errors.map((e) => e.message).join('; ') || 'Request failed');
    this.name = 'ApiError';
    this.accessDenied = isAccessDenied(errors);
  }
}

const createClient = () => generateClient();
let client: ReturnType<typeof createClient> | undefined;

/** aws-amplify's `graphql` for an untyped document string (its generics only help generated code). */
type UntypedGraphQL = (
  this: unknown,
  options: { query: string; variables: Record<string, unknown>; authMode: 'lambda'; authToken: string },
) => Promise<{ data?: unknown; errors?: unknown[] }>;

async function request<T>(query: string, variables: Record<string, unknown>, authToken: string): Promise<T> {
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

export async function listProductsAsAdmin(
  idToken: string,
  nextToken: string | null = null,
): Promise<{ items: AdminProduct[]; nextToken: string | null }> {
  const data = await request<{ listProducts: { items: (AdminProduct | null)[]; nextToken: string | null } | null }>(
    ADMIN_LIST_PRODUCTS,
    { limit: 50, nextToken },
    idToken,
  );
  return {
    items: (data.listProducts?.items ?? []).filter((p): p is AdminProduct => p !== null),
    nextToken: data.listProducts?.nextToken ?? null,
  };
}

export async function createProductAsAdmin(idToken: string, input: AdminCreateProductInput): Promise<AdminProduct> {
  const data = await request<{ adminCreateProduct: AdminProduct }>(ADMIN_CREATE_PRODUCT, { ...input }, idToken);
  return data.adminCreateProduct;
}

/** Categories for the product form: public catalog data, so read as a guest like every catalog read. */
export async function listCategoriesAsGuest(): Promise<Category[]> {
  const data = await request<{ listCategories: { items: (Category | null)[] } | null }>(
    LIST_CATEGORIES,
    { limit: 100 },
    GUEST_TOKEN,
  );
  return (data.listCategories?.items ?? [])
    .filter((c): c is Category => c !== null)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}
