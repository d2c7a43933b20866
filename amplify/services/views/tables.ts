import { requiredEnv } from '../shared/environment';

/** The physical names of the view tables (from the function's environment, or found by a script). */
export interface ViewTables {
  productCards: string;
  orderHistory: string;
  dailySales: string;
  contributions: string;
}

export const VIEW_TABLE_VARIABLES: Record<keyof ViewTables, string> = {
  productCards: 'PRODUCT_CARDS_TABLE',
  orderHistory: 'ORDER_HISTORY_TABLE',
  dailySales: 'DAILY_SALES_TABLE',
  contributions: 'DAILY_SALES_CONTRIBUTIONS_TABLE',
};

/** The tables named in the environment; only the ones asked for are required. */
export const viewTablesFromEnvironment = <K extends keyof ViewTables>(
  keys: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): Pick<ViewTables, K> =>
  Object.fromEntries(keys.map((key) => [key, requiredEnv(env, VIEW_TABLE_VARIABLES[key], 'views')])) as Pick<
    ViewTables,
    K
  >;

/** DailySales items are keyed by month and `day#currency`: a year's report is at most 13 queries. */
export const salesKeyOf = (day: string, currency: string) => ({ month: day.slice(0, 7), sk: `${day}#${currency}` });

/** The key attributes of each view table. */
export const VIEW_KEYS: Record<keyof ViewTables, readonly string[]> = {
  productCards: ['sku'],
  orderHistory: ['userId', 'sk'],
  dailySales: ['month', 'sk'],
  contributions: ['orderId'],
};
