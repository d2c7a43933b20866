/* Product images are plain files (seeded under /products/) or admin-entered URLs on any host; a
   plain <img> shows both with no image optimizer to configure. */

const PLACEHOLDER = '/placeholder.svg';

export function ProductImage({
  images,
  alt,
  size,
  priority = false,
}: {
  images: readonly (string | null)[] | null | undefined;
  alt: string;
  size: number;
  priority?: boolean;
}) {
  const src = images?.find((image): image is string => Boolean(image)) ?? PLACEHOLDER;
  return (
    <img
      className="product-image"
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading={priority ? 'eager' : 'lazy'}
      // The first cards are what a phone paints first: fetched ahead of the page's other images.
      fetchPriority={priority ? 'high' : undefined}
      decoding="async"
    />
  );
}
