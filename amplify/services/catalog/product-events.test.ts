import { describe, expect, it } from 'vitest';
import { productChangedEvents } from './product-events';

const product = (extra: Partial<{ slug: string; category: string; active: boolean; updatedAt: string }> = {}) => ({
  sku: 'MUG-1',
  slug: 'mug',
  category: 'kitchen',
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const change = (before: ReturnType<typeof product> | undefined, after: ReturnType<typeof product> | undefined) =>
  productChangedEvents(before, after).map((e) => e.detail.data);

describe('ProductChanged', () => {
  it('names what happened to the product', () => {
    expect(change(undefined, product())).toEqual([expect.objectContaining({ change: 'CREATED' })]);
    expect(change(product(), product({ active: false }))).toEqual([expect.objectContaining({ change: 'DEACTIVATED' })]);
    expect(change(product({ active: false }), product())).toEqual([expect.objectContaining({ change: 'ACTIVATED' })]);
    expect(change(product(), product({ updatedAt: '2026-01-02T00:00:00.000Z' }))).toEqual([
      expect.objectContaining({ change: 'UPDATED' }),
    ]);
  });

  it('carries the old slug when the slug changed, so its pages can go too', () => {
    expect(change(product(), product({ slug: 'big-mug' }))).toEqual([
      expect.objectContaining({ slug: 'big-mug', previousSlug: 'mug' }),
    ]);
  });

  it('carries the old category when the category changed, so its page can go too', () => {
    expect(change(product(), product({ category: 'home' }))).toEqual([
      expect.objectContaining({ category: 'home', previousCategory: 'kitchen' }),
    ]);
    expect(change(product(), product({ slug: 'big-mug' }))[0]).not.toHaveProperty('previousCategory');
  });

  it('announces nothing for a deleted item', () => {
    expect(change(product(), undefined)).toEqual([]);
  });
});
