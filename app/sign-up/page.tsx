import type { Metadata } from 'next';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { safeNextPath } from '@/lib/auth';

export const metadata: Metadata = { title: 'Create an account', robots: { index: false } };

// A form that starts a session: rendered per request, never cached (Cache-Control: no-store).
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<{ email?: string | string[]; confirm?: string | string[]; next?: string | string[] }>;
}

export default async function SignUpPage({ searchParams }: Props) {
  const params = await searchParams;
  const email = Array.isArray(params.email) ? params.email[0] : params.email;
  return (
    <section className="auth-page" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create an account</h1>
      <SignUpForm initialEmail={email} startAtConfirm={Boolean(params.confirm)} next={safeNextPath(params.next)} />
    </section>
  );
}
