import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNextPath } from '@/lib/auth';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

interface Props {
  searchParams: Promise<{ next?: string | string[]; email?: string | string[]; confirmed?: string | string[] }>;
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const email = Array.isArray(params.email) ? params.email[0] : params.email;
  const next = safeNextPath(params.next);
  return (
    <section className="auth-page" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <SignInForm
        next={next}
        email={email}
        notice={
          params.confirmed
            ? 'Your account is confirmed. Sign in to continue.'
            : next === '/checkout'
              ? 'Sign in to check out. Your cart is kept.'
              : next === '/orders'
                ? 'Sign in to see your orders.'
                : undefined
        }
      />
    </section>
  );
}
