import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="unavailable" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>We couldn’t find what you were looking for. It may have been removed or is no longer for sale.</p>
      <p>
        <Link href="/" className="button">
          Back to the shop
        </Link>
      </p>
    </section>
  );
}
