'use client';

import { useId } from 'react';
import { imageUrlProblem, MAX_IMAGES } from '@/lib/admin-forms';

/**
 * A product's image URLs, one input each, with a live preview of every valid one. An entry's
 * problem shows once the admin leaves it (`shown`), or as the form's submit found it (`errors`).
 * Uploads are not offered: images are https URLs or files deployed under /products/.
 */
export function ImageListField({
  urls,
  onChange,
  errors,
  shown,
  onLeave,
}: {
  urls: string[];
  onChange: (urls: string[]) => void;
  /** Problems by position, from the last submit (the form's or the API's). */
  errors: Record<number, string>;
  /** Positions the admin has left, whose problems show while typing. */
  shown: ReadonlySet<number>;
  onLeave: (index: number) => void;
}) {
  const id = useId();
  const set = (index: number, value: string) => onChange(urls.map((u, i) => (i === index ? value : u)));
  return (
    <fieldset className="fieldset image-list">
      <legend>Images</legend>
      <p className="hint" id={`${id}-hint`}>
        An https URL, or a file on this site under /products/ (like /products/espresso-cup.svg). The first is the one
        shoppers see in the catalog.
      </p>
      <ol className="image-list__items">
        {urls.map((url, index) => {
          const problem = errors[index] ?? (shown.has(index) && url.trim() ? imageUrlProblem(url) : null);
          const previewable = url.trim() !== '' && imageUrlProblem(url) === null;
          const inputId = `${id}-${index}`;
          return (
            <li key={index} className="image-list__item">
              <div className="field">
                <label htmlFor={inputId}>Image URL {index + 1}</label>
                <input
                  id={inputId}
                  type="text"
                  inputMode="url"
                  value={url}
                  placeholder="/products/espresso-cup.svg"
                  autoComplete="off"
                  onChange={(event) => set(index, event.target.value)}
                  onBlur={() => onLeave(index)}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${inputId}-error` : `${id}-hint`}
                />
                {problem && (
                  <p id={`${inputId}-error`} className="field__error">
                    {problem}
                  </p>
                )}
              </div>
              <div className="image-list__preview" aria-live="polite">
                {previewable ? (
                  <img src={url.trim()} alt={`Preview of image ${index + 1}`} width={64} height={64} />
                ) : (
                  <span className="hint">No preview</span>
                )}
              </div>
              <button
                type="button"
                className="button button--link"
                onClick={() => onChange(urls.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> image {index + 1}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {urls.length < MAX_IMAGES && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...urls, ''])}
        >
          Add image
        </button>
      )}
    </fieldset>
  );
}
