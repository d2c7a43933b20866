import { passwordSignIn } from '../cognito/password-sign-in';
import { categories, products } from './catalog';

export interface SeedTarget {
  graphqlUrl: string;
  cognitoEndpoint: string;
  clientId: string;
  admin: { email: string; password: string };
}

const gql = async (url: string, token: string, query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`seeding failed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
};

/** Units of each seeded product for sale when the store opens. */
export const OPENING_STOCK = 20;

/**
 * Opens the store with its seed catalog and its opening stock, through the public API as the admin, so that seeding
 * takes the same path (authorizer, validation, slug claims) as an admin's edits. Does nothing when
 * the store already has products. Returns how many products it added.
 */
export const seedCatalog = async ({ graphqlUrl, cognitoEndpoint, clientId, admin }: SeedTarget): Promise<number> => {
  const existing = await gql(graphqlUrl, 'guest', 'query { products(limit: 1) { items { sku } } }');
  if ((existing.products as { items: unknown[] }).items.length > 0) return 0;

  const { idToken: token } = await passwordSignIn({ endpoint: cognitoEndpoint, clientId, ...admin });

  const existingCategories = await gql(graphqlUrl, token, 'query { listCategories(limit: 100) { items { slug } } }');
  const known = new Set((existingCategories.listCategories as { items: { slug: string }[] }).items.map((c) => c.slug));
  for (const category of categories.filter((c) => !known.has(c.slug))) {
    await gql(graphqlUrl, token, 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { slug } }', {
      input: category,
    });
  }
  for (const product of products) {
    await gql(
      graphqlUrl,
      token,
      `mutation ($sku: String!, $slug: String!, $name: String!, $description: String!, $category: String!, $price: Int!, $currency: String!, $images: [String]) {
        adminCreateProduct(sku: $sku, slug: $slug, name: $name, description: $description, category: $category, price: $price, currency: $currency, images: $images) { sku }
      }`,
      { ...product },
    );
    // Without stock every seeded product would show "Out of stock" and could not be bought.
    await gql(
      graphqlUrl,
      token,
      `mutation ($sku: String!, $available: Int!) { adminSetStock(sku: $sku, available: $available, reason: "opening stock") { sku } }`,
      { sku: product.sku, available: OPENING_STOCK },
    );
  }
  return products.length;
};
