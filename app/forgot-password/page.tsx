import type { Metadata } from 'next';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { safeNextPath } from '@/lib/auth';

export const metadata: Metadata = { title: 'Reset your password', robots: { index: false } };

// A form that changes a password: rendered per request, never cached (Cache-Control: no-store).
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<{ email?: string | string[]; next?: string | string[] }>;
}

export default async function ForgotPasswordPage({ searchParams }: Props) {
  const params = await searchParams;
  const email = Array.isArray(params.email) ? params.email[0] : params.email;
  return (
    <section className="auth-page" aria-labelledby="reset-title">
      <h1 id="reset-title">Reset your password</h1>
      <ResetPasswordForm initialEmail={email} next={safeNextPath(params.next)} />
    </section>
  );
}
