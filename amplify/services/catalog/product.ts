import { z } from 'zod';
import { parseInput } from '../shared/errors';

/** A product as the catalog stores it (the `Product` model). Prices are integer minor units. */
export interface Product {
  sku: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  price: number;
  currency: string;
  images: string[];
  active: boolean;
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

/** What shoppers see of a product (the `CatalogProduct` type). */
export type CatalogProduct = Pick<
  Product,
  'sku' | 'slug' | 'name' | 'description' | 'category' | 'price' | 'currency' | 'images'
>;

/** Only the fields a shopper sees, from a product or anything shaped like one. */
export const toCatalogProduct = ({
  sku,
  slug,
  name,
  description,
  category,
  price,
  currency,
  images,
}: CatalogProduct): CatalogProduct => ({
  sku,
  slug,
  name,
  description,
  category,
  price,
  currency,
  images,
});

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** The largest price accepted, in minor units: far above any real product, far below float trouble. */
export const MAX_PRICE = 100_000_000;

const fields = {
  sku: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'sku must be 2 to 40 upper-case letters, digits or dashes'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lower-case words joined by dashes')
    .max(80, 'slug must be at most 80 characters'),
  name: z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
  description: z.string().trim().max(5000, 'description must be at most 5000 characters'),
  category: z.string().trim().min(1, 'category must not be empty'),
  price: z
    .number()
    .int('price must be a whole number of minor units (cents for USD)')
    .positive('price must be a positive number of minor units')
    .max(MAX_PRICE, `price must be at most ${MAX_PRICE} minor units`),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), 'currency must be a known ISO 4217 code such as USD or EUR'),
  images: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(\/|https:\/\/)\S+$/, 'each image must be a site path or an https URL'),
    )
    .max(10, 'at most 10 images'),
};

const newProduct = z.object({ ...fields, images: fields.images.default([]) });
const productChanges = z.object(fields).partial().extend({ sku: fields.sku });

export type NewProduct = z.infer<typeof newProduct>;
export type ProductChanges = z.infer<typeof productChanges>;

export const parseNewProduct = (input: unknown): NewProduct => parseInput(newProduct, stripNulls(input));
export const parseProductChanges = (input: unknown): ProductChanges => parseInput(productChanges, stripNulls(input));

/** GraphQL sends omitted optional arguments as null; they mean "unchanged". */
const stripNulls = (input: unknown) =>
  Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));

export const searchTextOf = (p: Pick<Product, 'name' | 'description' | 'category' | 'sku'>) =>
  normalize(`${p.name} ${p.description} ${p.category} ${p.sku}`);

/** Lower case without accents, so "Crème" is found by "creme". */
export const normalize = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** A new active product, stamped now. */
export const createProduct = (input: NewProduct, now: string): Product => ({
  ...input,
  active: true,
  searchText: searchTextOf(input),
  createdAt: now,
  updatedAt: now,
});

/** The product after the changes; the caller writes it only if the stored one is still `current`. */
export const changeProduct = (current: Product, changes: ProductChanges, now: string): Product => {
  const next = { ...current, ...changes, updatedAt: now };
  return { ...next, searchText: searchTextOf(next) };
};
