/**
 * Admin operations, from the browser with the signed-in user's ID token. The API decides who may run
 * them (the authorizer's `deniedFields`); the storefront never guesses from the token's groups.
 * Client-only (see lib/api.ts).
 */
import { ApiError, request } from './api';
import { GUEST_TOKEN } from './constants';
import { ADMIN_CREATE_PRODUCT, ADMIN_LIST_PRODUCTS, LIST_CATEGORIES } from './graphql';
import type { AdminCreateProductInput, AdminProduct, Category } from './types';

export { ApiError };

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
