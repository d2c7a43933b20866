/**
 * What the admin forms make of what an admin typed, before anything is sent: image URLs, stock
 * changes and their reasons, a price shown back for editing. Each answers a value or the message
 * to show beside its field. Pure, for server and client.
 */
import { fractionDigits } from './money';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The most images a product may have (the catalog's limit). */
export const MAX_IMAGES = 10;
/** Seeded and uploaded product images live on the site under this path. */
export const PRODUCT_IMAGE_PATH = '/products/';

/**
 * Why `url` cannot be a product image, or null if it can: an https URL, or a file on this site under
 * /products/ (such as /products/espresso-cup.svg).
 */
export function imageUrlProblem(url: string): string | null {
  const text = url.trim();
  if (!text) return 'Enter an image URL, or remove this image.';
  if (/\s/.test(text)) return 'An image URL has no spaces.';
  if (text.startsWith('/')) {
    if (!text.startsWith(PRODUCT_IMAGE_PATH) || text.length === PRODUCT_IMAGE_PATH.length || text.includes('..'))
      return `A site image must be a file under ${PRODUCT_IMAGE_PATH}, like /products/espresso-cup.svg.`;
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'Enter an https URL (https://…) or a path under /products/.';
  }
  if (parsed.protocol !== 'https:') return 'Image URLs must use https.';
  if (!parsed.hostname) return 'Enter an https URL (https://…) or a path under /products/.';
  return null;
}

/**
 * The image URLs of a product form, trimmed, blank entries dropped, or a message for each entry that
 * is wrong (by its position).
 */
export function parseImageUrls(
  entries: readonly string[],
): { ok: true; value: string[] } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const value: string[] = [];
  entries.forEach((entry, index) => {
    if (!entry.trim()) return;
    const problem = imageUrlProblem(entry);
    if (problem) errors[index] = problem;
    else value.push(entry.trim());
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (value.length > MAX_IMAGES)
    return { ok: false, errors: { [MAX_IMAGES]: `A product has at most ${MAX_IMAGES} images.` } };
  if (new Set(value).size !== value.length) {
    const index = value.findIndex((v, i) => value.indexOf(v) !== i);
    return {
      ok: false,
      errors: { [entries.findLastIndex((e) => e.trim() === value[index])]: 'This image is listed twice.' },
    };
  }
  return { ok: true, value };
}

/** The inventory's limit on one change (amplify/services/inventory: MAX_STOCK). */
export const MAX_STOCK_CHANGE = 1_000_000;

const wholeNumber = /^[+-]?\d+$/;

/** "Change by": a whole number of units to add (+3, 3) or remove (-2); never 0. */
export function parseStockDelta(text: string): Parsed<number> {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (!wholeNumber.test(trimmed)) return { ok: false, error: 'Enter a whole number of units, like 5 or -2.' };
  const value = Number(trimmed);
  if (value === 0) return { ok: false, error: 'Enter a change other than 0.' };
  if (Math.abs(value) > MAX_STOCK_CHANGE)
    return { ok: false, error: `Change stock by at most ${MAX_STOCK_CHANGE.toLocaleString('en-US')} units at once.` };
  return { ok: true, value };
}

/** "Set stock to": the whole number of units for sale, from 0. */
export function parseStockLevel(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'Enter a whole number of units, 0 or more.' };
  const value = Number(trimmed);
  if (value > MAX_STOCK_CHANGE)
    return { ok: false, error: `Stock can be at most ${MAX_STOCK_CHANGE.toLocaleString('en-US')} units.` };
  return { ok: true, value };
}

/** Every stock change is audited with why it was made. */
export function parseReason(text: string): Parsed<string> {
  const value = text.trim();
  if (!value) return { ok: false, error: 'Say why the stock changes (for the audit).' };
  if (value.length > 500) return { ok: false, error: 'Keep the reason to 500 characters.' };
  return { ok: true, value };
}

/** Integer minor units as the decimal an admin edits (`1250, 'USD'` → `12.50`), exactly: no float. */
export function decimalOf(minorUnits: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minorUnits);
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  return `${minorUnits < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
