'use client';

import { useState } from 'react';
import { ProductImage } from './product-image';

/**
 * A product's images: the chosen one large, and a button per image ("Show image 2 of 3") that
 * shows it. The first image is the one the server renders, so the page is whole without JavaScript.
 */
export function ProductGallery({ images, name }: { images: readonly string[]; name: string }) {
  const [shown, setShown] = useState(0);
  const count = images.length;
  return (
    <div className="gallery">
      <ProductImage
        images={[images[shown] ?? null]}
        alt={count > 1 ? `${name}, image ${shown + 1} of ${count}` : name}
        size={560}
        priority
      />
      {count > 1 && (
        <ul className="gallery__thumbs" aria-label="Images">
          {images.map((image, index) => (
            <li key={`${index}-${image}`}>
              <button
                type="button"
                className="gallery__thumb"
                aria-label={`Show image ${index + 1} of ${count}`}
                aria-pressed={index === shown}
                onClick={() => setShown(index)}
              >
                <ProductImage images={[image]} alt="" size={72} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
