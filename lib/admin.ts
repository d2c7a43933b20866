/**
 * Admin operations, from the browser with the signed-in user's ID token. The API decides who may run
 * them (the authorizer's `deniedFields`); the storefront never guesses from the token's groups.
 * Client-only (see lib/api.ts).
 */
import { ApiError, request } from './api';
import { signedInToken } from './auth';
import { GUEST_TOKEN } from './constants';
import {
  ADMIN_ADJUST_STOCK,
  ADMIN_CREATE_PRODUCT,
  ADMIN_GET_PRODUCT,
  ADMIN_LIST_PRODUCTS,
  ADMIN_ORDER,
  ADMIN_ORDERS,
  ADMIN_SET_PRODUCT_ACTIVE,
  ADMIN_SET_STOCK,
  ADMIN_STOCK,
  ADMIN_UPDATE_PRODUCT,
  LIST_CATEGORIES,
  SALES_REPORT,
} from './graphql';
import type {
  AdminCreateProductInput,
  AdminOrder,
  AdminProduct,
  AdminUpdateProductInput,
  Category,
  DailySales,
  Order,
  OrderStatus,
  StockItem,
  StockPage,
} from './types';

export { ApiError };

/** The signed-in admin's ID token, or an error saying to sign in again. */
export const adminToken = signedInToken;

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

const present = <T>(items: readonly (T | null)[] | null | undefined): T[] =>
  (items ?? []).filter((item): item is T => item !== null);

export async function listProductsAsAdmin(
  idToken: string,
  nextToken: string | null = null,
  limit = 50,
): Promise<Page<AdminProduct>> {
  const data = await request<{ listProducts: { items: (AdminProduct | null)[]; nextToken: string | null } | null }>(
    ADMIN_LIST_PRODUCTS,
    { limit, nextToken },
    idToken,
  );
  return { items: present(data.listProducts?.items), nextToken: data.listProducts?.nextToken ?? null };
}

/** Every page of a list, in order (the admin lists are a store's worth: hundreds, not millions). */
export async function allPages<T>(read: (nextToken: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page<T> = await read(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** One product, active or not; null if there is none with that SKU. */
export async function productAsAdmin(idToken: string, sku: string): Promise<AdminProduct | null> {
  const data = await request<{ getProduct: AdminProduct | null }>(ADMIN_GET_PRODUCT, { sku }, idToken);
  return data.getProduct;
}

export async function createProductAsAdmin(idToken: string, input: AdminCreateProductInput): Promise<AdminProduct> {
  const data = await request<{ adminCreateProduct: AdminProduct }>(ADMIN_CREATE_PRODUCT, { ...input }, idToken);
  return data.adminCreateProduct;
}

export async function updateProductAsAdmin(idToken: string, input: AdminUpdateProductInput): Promise<AdminProduct> {
  const data = await request<{ adminUpdateProduct: AdminProduct }>(ADMIN_UPDATE_PRODUCT, { ...input }, idToken);
  return data.adminUpdateProduct;
}

export async function setProductActiveAsAdmin(idToken: string, sku: string, active: boolean): Promise<AdminProduct> {
  const data = await request<{ adminSetProductActive: AdminProduct }>(
    ADMIN_SET_PRODUCT_ACTIVE,
    { sku, active },
    idToken,
  );
  return data.adminSetProductActive;
}

/** Categories for the product form: public catalog data, so read as a guest like every catalog read. */
export async function listCategoriesAsGuest(): Promise<Category[]> {
  const data = await request<{ listCategories: { items: (Category | null)[] } | null }>(
    LIST_CATEGORIES,
    { limit: 100 },
    GUEST_TOKEN,
  );
  return present(data.listCategories?.items).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

export async function stockAsAdmin(
  idToken: string,
  { lowStock = false, nextToken = null }: { lowStock?: boolean; nextToken?: string | null } = {},
): Promise<StockPage> {
  const data = await request<{ adminStock: StockPage }>(ADMIN_STOCK, { lowStock, limit: 100, nextToken }, idToken);
  return data.adminStock;
}

export async function setStockAsAdmin(
  idToken: string,
  input: { sku: string; available: number; reason: string },
): Promise<StockItem> {
  const data = await request<{ adminSetStock: StockItem }>(ADMIN_SET_STOCK, input, idToken);
  return data.adminSetStock;
}

export async function adjustStockAsAdmin(
  idToken: string,
  input: { sku: string; delta: number; reason: string },
): Promise<StockItem> {
  const data = await request<{ adminAdjustStock: StockItem }>(ADMIN_ADJUST_STOCK, input, idToken);
  return data.adminAdjustStock;
}

/** An order as the admins' list shows it: the parts of `AdminOrder` that ADMIN_ORDERS selects. */
export interface AdminOrderRow {
  customerId: string;
  customerEmail: string | null;
  order: Pick<Order, 'orderId' | 'status' | 'currency' | 'total' | 'createdAt'> & { lines: { quantity: number }[] };
}

export async function ordersAsAdmin(
  idToken: string,
  status: OrderStatus,
  nextToken: string | null = null,
  limit = 25,
): Promise<Page<AdminOrderRow>> {
  const data = await request<{ adminOrders: Page<AdminOrderRow> }>(ADMIN_ORDERS, { status, limit, nextToken }, idToken);
  return data.adminOrders;
}

export async function orderAsAdmin(idToken: string, orderId: string): Promise<AdminOrder> {
  const data = await request<{ adminOrder: AdminOrder }>(ADMIN_ORDER, { orderId }, idToken);
  return data.adminOrder;
}

export async function salesReportAsAdmin(idToken: string, from: string, to: string): Promise<DailySales[]> {
  const data = await request<{ salesReport: DailySales[] }>(SALES_REPORT, { from, to }, idToken);
  return data.salesReport;
}
