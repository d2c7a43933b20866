/**
 * Store set-up for the journeys, through the public API as the store's admin (the way the seed
 * works): products of their own, with the stock a journey needs, so that parallel journeys never
 * share a product and a journey never depends on the seed catalog's stock.
 *
 * Where the API and Cognito are comes from the test environment (GRAPHQL_URL, COGNITO_ENDPOINT,
 * USER_POOL_CLIENT_ID, as `npm test` sets them) or else from amplify_outputs.json.
 */
import { readOutputs } from './outputs';

const config = () => {
  const o = readOutputs();
  const graphqlUrl = process.env.GRAPHQL_URL ?? o.data?.url;
  const clientId = process.env.USER_POOL_CLIENT_ID ?? o.auth?.user_pool_client_id;
  const cognito =
    process.env.COGNITO_ENDPOINT ??
    o.custom?.userPoolEndpoint ??
    o.auth?.user_pool_endpoint ??
    `https://cognito-idp.${o.auth?.aws_region ?? 'us-east-1'}.amazonaws.com`;
  const email = process.env.ADMIN_EMAIL ?? 'admin@cloudshop.local';
  const password = process.env.ADMIN_PASSWORD;
  if (!graphqlUrl || !clientId) throw new Error('Set GRAPHQL_URL and USER_POOL_CLIENT_ID (or AMPLIFY_OUTPUTS_PATH).');
  if (!password) throw new Error('Set ADMIN_PASSWORD (and ADMIN_EMAIL) to the seeded admin account.');
  return { graphqlUrl, clientId, cognito: cognito.replace(/\/+$/, ''), email, password };
};

let adminToken: Promise<string> | undefined;

/** The admin's ID token, by USER_PASSWORD_AUTH (the storefront's flow). */
const signInAdmin = async (): Promise<string> => {
  const { cognito, clientId, email, password } = config();
  const response = await fetch(`${cognito}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string }; message?: string };
  const token = body.AuthenticationResult?.IdToken;
  if (!response.ok || !token) throw new Error(`admin sign-in failed (HTTP ${response.status}): ${body.message ?? ''}`);
  return token;
};

async function asAdmin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  adminToken ??= signInAdmin();
  const response = await fetch(config().graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await adminToken },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`admin request failed: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
  }
  return body.data;
}

export interface TestProduct {
  sku: string;
  slug: string;
  name: string;
  /** Minor units of USD. */
  price: number;
  /** The slug of the category it is in. */
  category: string;
}

let created = 0;

/** A new active product of the journey's own, with `stock` units for sale. */
export async function createProduct({
  label,
  price,
  stock,
  images = [],
  category: inCategory,
}: {
  label: string;
  price: number;
  stock: number;
  /** Site paths or https URLs, the first one shown first. */
  images?: string[];
  /** Its category's slug (default: the store's first category). */
  category?: string;
}): Promise<TestProduct> {
  const run = `${Date.now().toString(36)}${(++created).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const product = {
    sku: `E2E-${run}`.toUpperCase(),
    slug: `e2e-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${run}`,
    name: `${label} ${run}`,
    price,
  };
  const category = inCategory ?? (await categorySlugs(1))[0];
  if (!category) throw new Error('the store has no category to put a test product in');
  await asAdmin(
    `mutation ($sku: String!, $slug: String!, $name: String!, $price: Int!, $category: String!, $images: [String]) {
      adminCreateProduct(sku: $sku, slug: $slug, name: $name, description: "Made by the end-to-end tests.",
        category: $category, price: $price, currency: "USD", images: $images) { sku }
    }`,
    { ...product, category, images },
  );
  await setStock(product.sku, stock);
  return { ...product, category };
}

/** The slugs of the store's first `limit` categories. */
export async function categorySlugs(limit = 100): Promise<string[]> {
  const { listCategories } = await asAdmin<{ listCategories: { items: { slug: string }[] } }>(
    'query ($limit: Int) { listCategories(limit: $limit) { items { slug } } }',
    { limit },
  );
  return listCategories.items.map((c) => c.slug);
}

/** The admin changes the product's price (minor units). */
export async function setPrice(sku: string, price: number): Promise<void> {
  await asAdmin(`mutation ($sku: String!, $price: Int!) { adminUpdateProduct(sku: $sku, price: $price) { sku } }`, {
    sku,
    price,
  });
}

/** The SKU now has exactly `available` units for sale. */
export async function setStock(sku: string, available: number): Promise<void> {
  await asAdmin(
    `mutation ($sku: String!, $available: Int!) {
      adminSetStock(sku: $sku, available: $available, reason: "end-to-end test") { sku }
    }`,
    { sku, available },
  );
}

/** Takes the product off sale (it stays in carts, where the quote reports it unavailable). */
export async function withdrawProduct(sku: string): Promise<void> {
  await asAdmin(`mutation ($sku: String!) { adminSetProductActive(sku: $sku, active: false) { sku } }`, { sku });
}
