import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { currentUser, onSessionChange } from '@/lib/auth';
import { AccountMenu } from './account-menu';
import { SessionProvider, useSignedInSession } from './session';

// Cognito at the module that reads it; the router records where a page sends the shopper.
vi.mock('@/lib/auth', () => ({ currentUser: vi.fn(), onSessionChange: vi.fn(), signOutOfStore: vi.fn() }));
let pathname = '/';
const replace = vi.fn();
vi.mock('next/navigation', () => ({
  usePathname: () => pathname,
  useRouter: () => ({ push: vi.fn(), replace }),
}));

const read = vi.mocked(currentUser);
const ada = { email: 'ada@example.com', groups: [], isAdmin: false };
/** What aws-amplify keeps in localStorage once signed in (its keys' prefix is what counts). */
const storeSession = () => localStorage.setItem('CognitoIdentityServiceProvider.client.LastAuthUser', 'ada');

function CheckoutPage() {
  const session = useSignedInSession('/checkout');
  return <p>checkout: {session.status}</p>;
}

const header = (page?: React.ReactNode) => (
  <SessionProvider configured>
    <AccountMenu />
    {page}
  </SessionProvider>
);

beforeEach(() => {
  pathname = '/';
  replace.mockReset();
  read.mockReset().mockResolvedValue(ada);
  vi.mocked(onSessionChange)
    .mockReset()
    .mockReturnValue(() => {});
});

describe('SessionProvider', () => {
  it('shows the way in to a browser that holds no session, without reading Cognito', async () => {
    render(header());
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create account' })).toBeTruthy();
    expect(read).not.toHaveBeenCalled();
  });

  it('shows who is signed in from the stored session', async () => {
    storeSession();
    render(header());
    expect(await screen.findByText('ada@example.com')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('follows a sign-in to the page it moves on to, which does not send the shopper back to sign in', async () => {
    pathname = '/sign-in';
    const { rerender } = render(header());
    await screen.findByRole('link', { name: 'Sign in' });

    storeSession(); // the sign-in page signed in, and moves on to checkout
    pathname = '/checkout';
    rerender(header(<CheckoutPage />));
    expect(await screen.findByText('checkout: signed-in')).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(replace).not.toHaveBeenCalled();
  });

  it('sends a signed-out shopper from a signed-in page to sign in', async () => {
    pathname = '/checkout';
    render(header(<CheckoutPage />));
    expect(await screen.findByText('checkout: signed-out')).toBeTruthy();
    expect(replace).toHaveBeenCalledWith('/sign-in?next=%2Fcheckout');
  });
});
