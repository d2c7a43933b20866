/**
 * When a SKU is low on stock: fewer than this many units available. The one rule behind the
 * StockLow event (sent as a SKU falls below it) and the admins' low-stock list, so the two never
 * disagree. backend.ts gives it to both functions as LOW_STOCK_THRESHOLD.
 */
export const LOW_STOCK_THRESHOLD = 5;

/** The threshold a function was deployed with; a missing or nonsensical one fails at cold start. */
export const lowStockThresholdOf = (env: Record<string, string | undefined>): number => {
  const threshold = Number(env.LOW_STOCK_THRESHOLD);
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error('LOW_STOCK_THRESHOLD must be a whole number ≥ 1');
  return threshold;
};

/** Whether `available` units are low by `threshold` (the StockLow rule). */
export const isLowStock = (available: number, threshold: number) => available < threshold;
