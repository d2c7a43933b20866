import { describe, expect, it } from 'vitest';
import { cardOfView } from './grid';

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
});
