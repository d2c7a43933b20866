import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '@/lib/api';
import { PLACE_ORDER, QUOTE } from '@/lib/graphql';
import type { CartLine, Quote } from '@/lib/types';
import { CheckoutForm } from './checkout-form';

// The API and the session at their modules: a signed-in shopper, a fake `quote` and `placeOrder`.
vi.mock('@/lib/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/api')>()),
  request: vi.fn(),
}));
vi.mock('@/lib/auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth')>()),
  currentIdToken: vi.fn(async () => 'id-token'),
}));

const LINES: CartLine[] = [{ sku: 'MUG-1', quantity: 2 }];

const quote = (country: string | null): Quote =>
  ({
    lines: [{ sku: 'MUG-1', name: 'Blue mug', unitPrice: 1250, quantity: 2, lineTotal: 2500 }],
    unavailable: [],
    currency: 'USD',
    subtotal: 2500,
    shipping: 500,
    tax: country ? 200 : null,
    total: country ? 3200 : 3000,
  }) as Quote;

const api = vi.mocked(request);
const placeOrderCalls = () => api.mock.calls.filter(([query]) => query === PLACE_ORDER);

beforeEach(() => {
  api.mockReset();
  api.mockImplementation(async (query, variables) => {
    if (query === QUOTE) return { quote: quote(variables.country as string | null) } as never;
    if (query === PLACE_ORDER) return { placeOrder: { orderId: 'order-1', status: 'PENDING' } } as never;
    throw new Error(`unexpected request ${query}`);
  });
});

const placeOrderButton = () => screen.getByRole('button', { name: 'Place order' });

/** The message a field points at with aria-describedby (what a screen reader reads with it). */
const describedBy = (field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : undefined;
};

const fillAddress = async (user: UserEvent, overrides: { postalCode?: string; country?: string } = {}) => {
  await user.type(screen.getByLabelText('Full name'), 'Ada Lovelace');
  await user.type(screen.getByLabelText('Address line 1'), '12 Analytical Row');
  await user.type(screen.getByLabelText('City'), 'Springfield');
  await user.type(screen.getByLabelText('Postal code'), overrides.postalCode ?? '62701');
  if (overrides.country !== '') await user.selectOptions(screen.getByLabelText('Country'), overrides.country ?? 'US');
};

describe('CheckoutForm', () => {
  it('blocks an empty form: a summary of what is missing, a message beside each field, focus on the first', async () => {
    const user = userEvent.setup();
    const onPlaced = vi.fn();
    render(<CheckoutForm lines={LINES} onPlaced={onPlaced} />);

    await user.click(placeOrderButton());

    const summary = screen.getByRole('alert');
    expect(within(summary).getByText('5 fields need your attention:')).toBeTruthy();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Enter the name of the person receiving the order.', '#checkout-name'],
      ['Enter the street address.', '#checkout-line1'],
      ['Enter the city or town.', '#checkout-city'],
      ['Enter the postal code.', '#checkout-postalCode'],
      ['Choose a country.', '#checkout-country'],
    ]);
    for (const [label, message] of [
      ['Full name', 'Enter the name of the person receiving the order.'],
      ['Address line 1', 'Enter the street address.'],
      ['City', 'Enter the city or town.'],
      ['Postal code', 'Enter the postal code.'],
      ['Country', 'Choose a country.'],
    ]) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('aria-invalid'), label).toBe('true');
      expect(describedBy(field), label).toBe(message);
    }
    // Optional fields are not flagged.
    expect(screen.getByLabelText(/Address line 2/).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Full name'));
    expect(placeOrderCalls()).toEqual([]);
    expect(onPlaced).not.toHaveBeenCalled();
  });

  it('refuses a postal code with symbols and a missing country, each beside its field', async () => {
    const user = userEvent.setup();
    render(<CheckoutForm lines={LINES} onPlaced={vi.fn()} />);
    await fillAddress(user, { postalCode: '627#01', country: '' });

    await user.click(placeOrderButton());

    expect(within(screen.getByRole('alert')).getByText('2 fields need your attention:')).toBeTruthy();
    const postalCode = screen.getByLabelText('Postal code');
    expect(describedBy(postalCode)).toBe('Enter a postal code of up to 16 letters, digits, spaces or dashes.');
    expect(postalCode.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(screen.getByLabelText('Country'))).toBe('Choose a country.');
    expect(screen.getByLabelText('Full name').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(postalCode);
    expect(placeOrderCalls()).toEqual([]);
  });

  it('clears a field’s message as soon as the shopper corrects it', async () => {
    const user = userEvent.setup();
    render(<CheckoutForm lines={LINES} onPlaced={vi.fn()} />);
    await user.click(placeOrderButton());
    expect(describedBy(screen.getByLabelText('City'))).toBe('Enter the city or town.');

    await user.type(screen.getByLabelText('City'), 'Springfield');

    expect(screen.getByLabelText('City').getAttribute('aria-invalid')).toBeNull();
    expect(describedBy(screen.getByLabelText('City'))).toBeUndefined();
    expect(within(screen.getByRole('alert')).getByText('4 fields need your attention:')).toBeTruthy();
  });

  it('places the order with the trimmed address, the chosen card and the priced total on screen', async () => {
    const user = userEvent.setup();
    const onPlaced = vi.fn();
    render(<CheckoutForm lines={LINES} onPlaced={onPlaced} />);
    await fillAddress(user, { postalCode: ' 62701 ' });
    await user.click(screen.getByRole('radio', { name: /Declined card/ }));

    const summary = screen.getByRole('region', { name: 'Order summary' });
    await waitFor(() => expect(within(summary).getByText('Total').nextElementSibling!.textContent).toBe('$32.00'));
    expect(within(summary).getByText('Tax for delivery to United States.')).toBeTruthy();

    await user.click(placeOrderButton());

    await waitFor(() => expect(onPlaced).toHaveBeenCalledWith('order-1'));
    expect(screen.queryByRole('alert')).toBeNull();
    const [[, variables, token]] = placeOrderCalls();
    expect(token).toBe('id-token');
    expect(variables).toMatchObject({
      lines: [{ sku: 'MUG-1', quantity: 2 }],
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '12 Analytical Row',
        city: 'Springfield',
        postalCode: '62701',
        country: 'US',
      },
      paymentToken: 'tok_declined',
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
  });

  it('puts what the API refuses about a field beside that field', async () => {
    const user = userEvent.setup();
    const onPlaced = vi.fn();
    api.mockImplementation(async (query, variables) => {
      if (query === QUOTE) return { quote: quote(variables.country as string | null) } as never;
      throw new ApiError([
        { message: 'shippingAddress.postalCode must be a postal code of Japan', errorType: 'UserInputError' },
      ]);
    });
    render(<CheckoutForm lines={LINES} onPlaced={onPlaced} />);
    await fillAddress(user, { country: 'JP' });

    await user.click(placeOrderButton());

    const postalCode = screen.getByLabelText('Postal code');
    await waitFor(() => expect(describedBy(postalCode)).toBe('Postal code must be a postal code of Japan'));
    expect(postalCode.getAttribute('aria-invalid')).toBe('true');
    const problem = screen.getByRole('alert');
    expect(problem.textContent).toContain('Your order was not placed.');
    expect(problem.textContent).toContain('Check the highlighted fields.');
    expect(onPlaced).not.toHaveBeenCalled();
  });
});
