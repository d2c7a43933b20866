import type { Metadata } from 'next';
import { AccountView } from '@/components/account/account-view';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

// One customer's own details: never prerendered, never cached (Cache-Control: no-store).
export const dynamic = 'force-dynamic';

export default function AccountPage() {
  return (
    <section className="account-page" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <AccountView />
    </section>
  );
}
