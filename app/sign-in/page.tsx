import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNextPath } from '@/lib/auth';
import { signInNotice } from '@/lib/auth-routes';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

// A form that starts a session: rendered per request, never cached (Cache-Control: no-store).
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<{
    next?: string | string[];
    email?: string | string[];
    confirmed?: string | string[];
    reset?: string | string[];
  }>;
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const email = Array.isArray(params.email) ? params.email[0] : params.email;
  const next = safeNextPath(params.next);
  return (
    <section className="auth-page" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <SignInForm next={next} email={email} notice={signInNotice(params, next)} />
    </section>
  );
}
