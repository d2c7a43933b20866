import { describe, expect, it } from 'vitest';
import { changeProduct, createProduct, parseNewProduct, parseProductChanges, searchTextOf } from './product';

const valid = {
  sku: 'MUG-001',
  slug: 'stoneware-mug',
  name: 'Stoneware mug',
  description: 'Holds 350 ml.',
  category: 'kitchen',
  price: 1800,
  currency: 'usd',
  images: ['/products/mug.svg'],
};

describe('a new product', () => {
  it('is accepted when every field is valid, with the currency upper-cased', () => {
    expect(parseNewProduct(valid)).toMatchObject({ sku: 'MUG-001', currency: 'USD', price: 1800 });
  });

  it.each([
    [{ price: 0 }, 'price must be a positive number of minor units'],
    [{ price: -5 }, 'price must be a positive number of minor units'],
    [{ price: 12.5 }, 'price must be a whole number of minor units'],
    [{ price: 1e12 }, 'price must be at most'],
    [{ currency: 'XYZ' }, 'currency must be a known ISO 4217 code'],
    [{ name: '   ' }, 'name must not be empty'],
    [{ slug: 'Not A Slug' }, 'slug must be lower-case words joined by dashes'],
    [{ sku: 'x' }, 'sku must be 2 to 40'],
    [{ images: ['javascript:alert(1)'] }, 'each image must be a site path or an https URL'],
  ])('is refused with a message naming the problem: %o', (change, message) => {
    expect(() => parseNewProduct({ ...valid, ...change })).toThrow(message);
  });

  it('starts active, stamped, and searchable without accents or case', () => {
    const product = createProduct(parseNewProduct({ ...valid, name: 'Crème Mug' }), '2026-01-01T00:00:00.000Z');
    expect(product).toMatchObject({
      active: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(product.searchText).toContain('creme mug');
  });
});

describe('changing a product', () => {
  const product = createProduct(parseNewProduct(valid), '2026-01-01T00:00:00.000Z');

  it('treats omitted (null) arguments as unchanged', () => {
    const changes = parseProductChanges({ sku: 'MUG-001', name: 'Big mug', price: null, slug: null });
    const next = changeProduct(product, changes, '2026-02-01T00:00:00.000Z');
    expect(next).toMatchObject({
      name: 'Big mug',
      price: 1800,
      slug: 'stoneware-mug',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(next.searchText).toBe(searchTextOf(next));
  });

  it('refuses an invalid price like a new product would', () => {
    expect(() => parseProductChanges({ sku: 'MUG-001', price: -1 })).toThrow('price must be a positive number');
  });
});
