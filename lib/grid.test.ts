import { describe, expect, it } from 'vitest';
import { cardOfProduct, cardOfView } from './grid';
import type { CatalogProduct } from './types';

describe('grid cards', () => {
  it('keeps the view’s stock flag and image', () => {
    const card = { sku: 'S', slug: 's', name: 'Mug', price: 1250, currency: 'USD', category: 'c' };
    expect(cardOfView({ ...card, image: '/m.png', inStock: false })).toEqual({
      sku: 'S',
      slug: 's',
      name: 'Mug',
      price: 1250,
      currency: 'USD',
      image: '/m.png',
      inStock: false,
    });
    expect(cardOfView({ ...card, image: null, inStock: true })).toMatchObject({ image: null, inStock: true });
    expect(cardOfView({ ...card, image: '', inStock: true })).toMatchObject({ image: null });
  });

  it('takes a searched product’s first image and does not claim to know its stock', () => {
    const product = {
      sku: 'S',
      slug: 's',
      name: 'Mug',
      description: 'A mug.',
      category: 'c',
      price: 1250,
      currency: 'USD',
      images: [null, '', '/a.png', '/b.png'],
    } as CatalogProduct;
    expect(cardOfProduct(product)).toMatchObject({ image: '/a.png', inStock: null });
    expect(cardOfProduct({ ...product, images: [] })).toMatchObject({ image: null, inStock: null });
  });
});
