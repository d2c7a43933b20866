import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '@/lib/api';
import { CART_STORAGE_KEY } from '@/lib/cart';
import type { CartLine, Quote } from '@/lib/types';
import { CartView } from './cart-view';
import { cart } from './use-cart';

// The API at its module: the cart is priced by a fake `quote` that knows two products.
vi.mock('@/lib/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/api')>()),
  request: vi.fn(),
}));

const CATALOG: Record<string, { name: string; unitPrice: number }> = {
  'MUG-1': { name: 'Blue mug', unitPrice: 1250 },
  'TEAPOT-2': { name: 'Cast-iron teapot', unitPrice: 4500 },
};

/** What the server's `quote` would answer: its own prices, free shipping from $50, unknown SKUs refused. */
const quoteOf = (lines: CartLine[]): Quote => {
  const known = lines.filter((line) => CATALOG[line.sku]);
  const priced = known.map(({ sku, quantity }) => ({
    sku,
    quantity,
    name: CATALOG[sku].name,
    unitPrice: CATALOG[sku].unitPrice,
    lineTotal: CATALOG[sku].unitPrice * quantity,
  }));
  const subtotal = priced.reduce((sum, line) => sum + line.lineTotal, 0);
  const shipping = subtotal >= 5000 ? 0 : 500;
  return {
    lines: priced,
    unavailable: lines
      .filter((line) => !CATALOG[line.sku])
      .map(({ sku }) => ({ sku, reason: 'This product is no longer sold.' })),
    currency: 'USD',
    subtotal,
    shipping,
    tax: null,
    total: subtotal + shipping,
  } as Quote;
};

const api = vi.mocked(request);
const quotedLines = () => api.mock.calls.map(([, variables]) => variables.lines);

beforeEach(() => {
  cart.clear();
  api.mockReset();
  api.mockImplementation(async (_query, variables) => ({ quote: quoteOf(variables.lines as CartLine[]) }) as never);
});

const item = (name: string) =>
  within(screen.getByRole('list', { name: 'Items in your cart' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(name))!;
const summary = () => screen.getByRole('region', { name: 'Order summary' });
const total = () => within(summary()).getByText('Total before tax').nextElementSibling!.textContent;

describe('CartView', () => {
  it('says the cart is empty and offers a way back to the shop', async () => {
    render(<CartView />);
    expect(await screen.findByText('Your cart is empty.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue shopping' }).getAttribute('href')).toBe('/');
    expect(api).not.toHaveBeenCalled();
  });

  it('shows each line priced by the server, with the totals of its quote', async () => {
    cart.add('MUG-1', 2);
    cart.add('TEAPOT-2', 1);
    render(<CartView />);

    await waitFor(() => expect(total()).toBe('$70.00'));
    expect(item('Blue mug').textContent).toContain('$12.50 each');
    expect(item('Blue mug').textContent).toContain('$25.00');
    expect(item('Cast-iron teapot').textContent).toContain('$45.00');
    expect(within(summary()).getByText('Subtotal').nextElementSibling!.textContent).toBe('$70.00');
    expect(within(summary()).getByText('Shipping').nextElementSibling!.textContent).toBe('Free');
    expect(screen.getByRole('link', { name: 'Check out' }).getAttribute('href')).toBe('/checkout');
    expect(quotedLines()).toEqual([
      [
        { sku: 'MUG-1', quantity: 2 },
        { sku: 'TEAPOT-2', quantity: 1 },
      ],
    ]);
  });

  it('shows the quote’s total even when it is not the sum of the prices the page has seen', async () => {
    cart.add('MUG-1', 1);
    api.mockImplementation(
      async () => ({ quote: { ...quoteOf([{ sku: 'MUG-1', quantity: 1 }]), total: 999 } }) as never,
    );
    render(<CartView />);
    await waitFor(() => expect(total()).toBe('$9.99'));
  });

  it('changes a quantity with + and −, prices it again and keeps it in this browser', async () => {
    const user = userEvent.setup();
    cart.add('MUG-1', 1);
    render(<CartView />);
    await waitFor(() => expect(total()).toBe('$17.50')); // $12.50 and $5.00 shipping

    await user.click(screen.getByRole('button', { name: 'One more Blue mug' }));
    expect((screen.getByLabelText('Quantity of Blue mug') as HTMLInputElement).value).toBe('2');
    await waitFor(() => expect(total()).toBe('$30.00'));
    expect(item('Blue mug').textContent).toContain('$25.00');
    expect(JSON.parse(localStorage.getItem(CART_STORAGE_KEY)!)).toEqual([{ sku: 'MUG-1', quantity: 2 }]);

    await user.click(screen.getByRole('button', { name: 'One fewer Blue mug' }));
    await waitFor(() => expect(total()).toBe('$17.50'));
    expect((screen.getByRole('button', { name: 'One fewer Blue mug' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('takes a typed quantity, and refuses one out of range with a message tied to the field', async () => {
    const user = userEvent.setup();
    cart.add('MUG-1', 3);
    render(<CartView />);
    await waitFor(() => expect(total()).toBe('$42.50')); // $37.50 and $5.00 shipping
    const quantity = screen.getByLabelText('Quantity of Blue mug') as HTMLInputElement;

    await user.clear(quantity);
    await user.type(quantity, '4');
    await waitFor(() => expect(total()).toBe('$50.00'));

    await user.clear(quantity);
    await user.type(quantity, '0');
    const error = screen.getByRole('alert');
    expect(error.textContent).toBe('Enter a quantity from 1 to 99. Your cart keeps 4.');
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(quantity.getAttribute('aria-describedby')).toBe(error.id);
    expect(cart.getSnapshot()).toEqual([{ sku: 'MUG-1', quantity: 4 }]);
  });

  it('removes a line, and shows the empty cart once the last one is gone', async () => {
    const user = userEvent.setup();
    cart.add('MUG-1', 1);
    cart.add('TEAPOT-2', 1);
    render(<CartView />);
    await waitFor(() => expect(total()).toBe('$57.50'));

    await user.click(screen.getByRole('button', { name: 'Remove Cast-iron teapot' }));
    expect(screen.queryByText('Cast-iron teapot')).toBeNull();
    await waitFor(() => expect(total()).toBe('$17.50'));

    await user.click(screen.getByRole('button', { name: 'Remove Blue mug' }));
    expect(await screen.findByText('Your cart is empty.')).toBeTruthy();
    expect(localStorage.getItem(CART_STORAGE_KEY)).toBeNull();
  });

  it('shows the lines that can’t be ordered with the reason, and blocks checkout until they are removed', async () => {
    const user = userEvent.setup();
    cart.add('MUG-1', 1);
    cart.add('GONE-9', 1);
    render(<CartView />);

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'Some items can’t be ordered' })).toBeTruthy();
    expect(notice.textContent).toContain('GONE-9: This product is no longer sold.');
    expect(screen.queryByRole('link', { name: 'Check out' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Check out' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Remove the items that can’t be ordered to check out.')).toBeTruthy();

    await user.click(within(notice).getByRole('button', { name: 'Remove GONE-9' }));
    expect(await screen.findByRole('link', { name: 'Check out' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the cart could not be priced, with the server’s words and a way to try again', async () => {
    const user = userEvent.setup();
    cart.add('MUG-1', 1);
    api.mockRejectedValueOnce(new ApiError([{ message: 'The catalog is being updated.' }]));
    render(<CartView />);

    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('We couldn’t price your cart.');
    expect(failed.textContent).toContain('The catalog is being updated.');
    expect((screen.getByRole('button', { name: 'Check out' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(failed).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(total()).toBe('$17.50'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
