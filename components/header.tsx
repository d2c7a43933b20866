import Link from 'next/link';
import { Suspense } from 'react';
import { AccountMenu } from './account-menu';
import { CartLink } from './cart/cart-link';
import { SearchForm } from './search-form';

export function Header() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          cloudshop
        </Link>
        <Suspense fallback={<SearchForm.Fallback />}>
          <SearchForm />
        </Suspense>
        <AccountMenu />
        <CartLink />
      </div>
    </header>
  );
}
