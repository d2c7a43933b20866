/**
 * The GraphQL documents the storefront sends, and what it makes of the errors AppSync returns.
 * Kept as plain strings (not `client.models`) so they work with or without the model introspection
 * schema in amplify_outputs.json, and are the same on the server (fetch) and in the browser
 * (aws-amplify's GraphQL client).
 */

const CATALOG_PRODUCT = /* GraphQL */ `sku slug name description category price currency images`;
const ADMIN_PRODUCT = /* GraphQL */ `sku slug name description category price currency images active`;

/**
 * The catalog grid's cards (the ProductCards view, open to guests), with whether each is in stock:
 * the home page, a category, a search; prices in minor units.
 */
export const PRODUCT_CARDS = /* GraphQL */ `
  query ProductCards(
    $text: String
    $category: String
    $minPrice: Int
    $maxPrice: Int
    $sort: ProductSort
    $limit: Int
    $nextToken: String
  ) {
    productCards(
      text: $text
      category: $category
      minPrice: $minPrice
      maxPrice: $maxPrice
      sort: $sort
      limit: $limit
      nextToken: $nextToken
    ) {
      items {
        sku
        slug
        name
        price
        currency
        image
        category
        inStock
      }
      nextToken
      total
    }
  }
`;

export const PRODUCT_BY_SLUG = /* GraphQL */ `
  query ProductBySlug($slug: String!) {
    productBySlug(slug: $slug) { ${CATALOG_PRODUCT} }
  }
`;

export const LIST_CATEGORIES = /* GraphQL */ `
  query ListCategories($limit: Int, $nextToken: String) {
    listCategories(limit: $limit, nextToken: $nextToken) {
      items {
        slug
        name
        description
        position
      }
      nextToken
    }
  }
`;

export const ADMIN_LIST_PRODUCTS = /* GraphQL */ `
  query AdminListProducts($limit: Int, $nextToken: String) {
    listProducts(limit: $limit, nextToken: $nextToken) {
      items { ${ADMIN_PRODUCT} }
      nextToken
    }
  }
`;

export const ADMIN_CREATE_PRODUCT = /* GraphQL */ `
  mutation AdminCreateProduct(
    $sku: String!
    $slug: String!
    $name: String!
    $description: String!
    $category: String!
    $price: Int!
    $currency: String!
    $images: [String]
  ) {
    adminCreateProduct(
      sku: $sku
      slug: $slug
      name: $name
      description: $description
      category: $category
      price: $price
      currency: $currency
      images: $images
    ) { ${ADMIN_PRODUCT} }
  }
`;

/** One product by SKU, active or not (the admins' model read). */
export const ADMIN_GET_PRODUCT = /* GraphQL */ `
  query AdminGetProduct($sku: String!) {
    getProduct(sku: $sku) { ${ADMIN_PRODUCT} }
  }
`;

/** Changes the fields given; an omitted (null) field stays as it is. */
export const ADMIN_UPDATE_PRODUCT = /* GraphQL */ `
  mutation AdminUpdateProduct(
    $sku: String!
    $slug: String
    $name: String
    $description: String
    $category: String
    $price: Int
    $currency: String
    $images: [String]
  ) {
    adminUpdateProduct(
      sku: $sku
      slug: $slug
      name: $name
      description: $description
      category: $category
      price: $price
      currency: $currency
      images: $images
    ) { ${ADMIN_PRODUCT} }
  }
`;

/** Puts a product on sale or takes it off (it stays in the catalog, and in admins' lists). */
export const ADMIN_SET_PRODUCT_ACTIVE = /* GraphQL */ `
  mutation AdminSetProductActive($sku: String!, $active: Boolean!) {
    adminSetProductActive(sku: $sku, active: $active) { ${ADMIN_PRODUCT} }
  }
`;

const STOCK_ITEM = /* GraphQL */ `sku available reserved updatedAt`;

/** Every SKU's stock, or only the ones below `lowStockThreshold` (the StockLow rule). */
export const ADMIN_STOCK = /* GraphQL */ `
  query AdminStock($lowStock: Boolean, $limit: Int, $nextToken: String) {
    adminStock(lowStock: $lowStock, limit: $limit, nextToken: $nextToken) {
      items { ${STOCK_ITEM} }
      nextToken
      lowStockThreshold
    }
  }
`;

/** The SKU now has exactly `available` units for sale; audited with the reason. */
export const ADMIN_SET_STOCK = /* GraphQL */ `
  mutation AdminSetStock($sku: String!, $available: Int!, $reason: String!) {
    adminSetStock(sku: $sku, available: $available, reason: $reason) { ${STOCK_ITEM} }
  }
`;

/** Adds (or with a negative delta removes) units; audited with the reason. */
export const ADMIN_ADJUST_STOCK = /* GraphQL */ `
  mutation AdminAdjustStock($sku: String!, $delta: Int!, $reason: String!) {
    adminAdjustStock(sku: $sku, delta: $delta, reason: $reason) { ${STOCK_ITEM} }
  }
`;

/** Any customer's orders in one status, newest first. */
export const ADMIN_ORDERS = /* GraphQL */ `
  query AdminOrders($status: OrderStatus!, $limit: Int, $nextToken: String) {
    adminOrders(status: $status, limit: $limit, nextToken: $nextToken) {
      items {
        customerId
        customerEmail
        order {
          orderId
          status
          currency
          total
          lines {
            quantity
          }
          createdAt
        }
      }
      nextToken
    }
  }
`;

/** Every day from `from` to `to`: confirmed orders, units and revenue per currency. */
export const SALES_REPORT = /* GraphQL */ `
  query SalesReport($from: AWSDate!, $to: AWSDate!) {
    salesReport(from: $from, to: $to) {
      day
      orders
      units
      revenue {
        currency
        amount
      }
    }
  }
`;

const ORDER_LINE = /* GraphQL */ `sku name unitPrice quantity lineTotal`;
/** An order's status change and its refund, as every order read (and the live update) selects them. */
export const STATUS_CHANGE = /* GraphQL */ `status at reason`;
export const REFUND = /* GraphQL */ `amount currency at`;
const ORDER = /* GraphQL */ `
  orderId
  status
  lines { ${ORDER_LINE} }
  currency
  subtotal
  shipping
  tax
  total
  shippingAddress { name line1 line2 city region postalCode country }
  statusHistory { ${STATUS_CHANGE} }
  failureReason
  refund { ${REFUND} }
  createdAt
  updatedAt
`;

/** The cart priced by the server (open to guests); `tax` comes once `country` is known. */
export const QUOTE = /* GraphQL */ `
  query Quote($lines: [CartLineInput!]!, $country: String) {
    quote(lines: $lines, country: $country) {
      lines { ${ORDER_LINE} }
      unavailable { sku reason }
      currency
      subtotal
      shipping
      tax
      total
    }
  }
`;

/** Units for sale per SKU (open to guests). */
export const STOCK_LEVELS = /* GraphQL */ `
  query StockLevels($skus: [String!]!) {
    stockLevels(skus: $skus) {
      sku
      available
    }
  }
`;

/** Places a PENDING order for the signed-in customer; the same idempotency key answers the same order. */
export const PLACE_ORDER = /* GraphQL */ `
  mutation PlaceOrder(
    $lines: [CartLineInput!]!
    $shippingAddress: ShippingAddressInput!
    $paymentToken: String!
    $idempotencyKey: String!
  ) {
    placeOrder(
      lines: $lines
      shippingAddress: $shippingAddress
      paymentToken: $paymentToken
      idempotencyKey: $idempotencyKey
    ) { ${ORDER} }
  }
`;

/** The signed-in customer's own order (anyone else's is NotFound). */
export const ORDER_BY_ID = /* GraphQL */ `
  query Order($orderId: ID!) {
    order(orderId: $orderId) { ${ORDER} }
  }
`;

/** The signed-in customer's own orders, newest first (the OrderHistory view). */
export const MY_ORDERS = /* GraphQL */ `
  query MyOrders($limit: Int, $nextToken: String) {
    myOrders(limit: $limit, nextToken: $nextToken) {
      items {
        orderId
        status
        total
        currency
        lineCount
        lines {
          sku
          name
          quantity
        }
        timeline { ${STATUS_CHANGE} }
        refund { ${REFUND} }
        createdAt
      }
      nextToken
    }
  }
`;

/** The owner cancels a CONFIRMED order; any other status is refused with the reason in the error. */
export const CANCEL_ORDER = /* GraphQL */ `
  mutation CancelOrder($orderId: ID!) {
    cancelOrder(orderId: $orderId) { ${ORDER} }
  }
`;

/** Any customer's order, with their email, for admins. */
export const ADMIN_ORDER = /* GraphQL */ `
  query AdminOrder($orderId: ID!) {
    adminOrder(orderId: $orderId) {
      customerId
      customerEmail
      order { ${ORDER} }
    }
  }
`;

/** The signed-in customer's own profile (who they are comes from their token, never an argument). */
export const ME = /* GraphQL */ `
  query Me {
    me {
      email
      policyId
      createdAt
    }
  }
`;

/** An error in an AppSync response's `errors` array. */
export interface GraphQLErrorLike {
  message: string;
  errorType?: string | null;
  errorInfo?: unknown;
  path?: readonly (string | number)[] | null;
}

/**
 * Whether AppSync refused the caller: a field in the authorizer's `deniedFields` ("Not Authorized to
 * access listProducts on type Query", errorType `Unauthorized`), or the whole request refused by the
 * authorizer (HTTP 401, `UnauthorizedException`).
 */
export function isAccessDenied(errors: readonly GraphQLErrorLike[]): boolean {
  return errors.some(
    (e) =>
      e.errorType === 'Unauthorized' ||
      e.errorType === 'UnauthorizedException' ||
      /not authori[sz]ed|unauthori[sz]ed/i.test(e.message ?? ''),
  );
}

/**
 * Whether the request never got an answer: aws-amplify reports a failed `fetch` as `NetworkError`
 * ("A network error has occurred."). The operation may or may not have run on the server.
 */
export function isNetworkError(errors: readonly GraphQLErrorLike[]): boolean {
  return errors.some(
    (e) =>
      e.errorType === 'NetworkError' ||
      (e.errorType === 'TypeError' && /fetch|network/i.test(e.message ?? '')) ||
      /^a network error has occurred/i.test(e.message ?? ''),
  );
}

/**
 * Whether the API said the thing asked for does not exist or is not the caller's. A resolver's
 * `NotFoundError` reaches the client as AppSync reports Lambda errors (`Lambda:Unhandled`), so its
 * message ("no order with id …") is what tells.
 */
export function isNotFound(errors: readonly GraphQLErrorLike[]): boolean {
  return errors.some((e) => /^NotFound(Error)?$/.test(e.errorType ?? '') || /^no \w+ with id\b/i.test(e.message ?? ''));
}

/**
 * Sorts an API's validation errors into messages per form field and the rest. The catalog reports
 * every problem in one `UserInputError` whose message joins sentences that each start with the
 * field's name ("sku must be …; price must be a positive number …"); an `errorInfo.field` or
 * `errorInfo.fields` (`{ field: message }`) is honoured too.
 */
export function validationErrorsOf<F extends string>(
  errors: readonly GraphQLErrorLike[],
  fieldNames: readonly F[],
): { fields: Partial<Record<F, string>>; form: string[] } {
  const fields: Partial<Record<F, string>> = {};
  const form: string[] = [];
  const known = new Set<string>(fieldNames);
  const add = (field: string, message: string) => {
    if (!known.has(field)) return false;
    const key = field as F;
    fields[key] = fields[key] ? `${fields[key]} ${capitalise(message)}` : capitalise(message);
    return true;
  };
  for (const error of errors) {
    const info =
      error.errorInfo && typeof error.errorInfo === 'object' ? (error.errorInfo as Record<string, unknown>) : {};
    if (typeof info.field === 'string' && add(info.field, error.message)) continue;
    if (info.fields && typeof info.fields === 'object') {
      for (const [field, message] of Object.entries(info.fields)) if (typeof message === 'string') add(field, message);
      continue;
    }
    for (const sentence of error.message.split(/;\s+/).filter(Boolean)) {
      const first = /^(?:each\s+|at most \d+\s+)?([a-z]+)/i.exec(sentence)?.[1]?.toLowerCase() ?? '';
      const field = known.has(first) ? first : known.has(`${first}s`) ? `${first}s` : null;
      if (!field || !add(field, sentence)) form.push(capitalise(sentence));
    }
  }
  return { fields, form };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The `errors` of a rejected aws-amplify GraphQL call (it rejects with `{ data, errors }`), or of anything else thrown. */
export function errorsOf(thrown: unknown): GraphQLErrorLike[] {
  if (thrown && typeof thrown === 'object' && Array.isArray((thrown as { errors?: unknown }).errors)) {
    return (thrown as { errors: unknown[] }).errors.map((e) => {
      const error = (e ?? {}) as Partial<GraphQLErrorLike> & { originalError?: { name?: string } };
      return {
        message: typeof error.message === 'string' ? error.message : 'Unknown error',
        errorType: error.errorType ?? error.originalError?.name ?? null,
        errorInfo: error.errorInfo ?? null,
        path: error.path ?? null,
      };
    });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const name = thrown instanceof Error ? thrown.name : undefined;
  return [{ message, errorType: name ?? null }];
}
