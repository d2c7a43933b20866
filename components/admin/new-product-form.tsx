'use client';

import Link from 'next/link';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, createProductAsAdmin } from '@/lib/admin';
import { currentIdToken } from '@/lib/auth';
import { validationErrorsOf } from '@/lib/graphql';
import { toMinorUnits } from '@/lib/money';
import type { AdminCreateProductInput, AdminProduct, Category } from '@/lib/types';

const FIELD_NAMES = ['sku', 'slug', 'name', 'description', 'category', 'price', 'currency', 'images'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

interface Errors {
  fields: Partial<Record<FieldName, string>>;
  form: string[];
}

const NO_ERRORS: Errors = { fields: {}, form: [] };

/**
 * Creates a product with `adminCreateProduct`. The price is typed in major units and sent as integer
 * minor units of the chosen currency. The API validates everything; its errors are shown inline,
 * beside the field each one names, the rest above the button.
 */
export function NewProductForm({
  categories,
  onCreated,
}: {
  categories: Category[] | null;
  onCreated: (product: AdminProduct) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [created, setCreated] = useState<AdminProduct | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: FieldName | 'imageUrl') => String(form.get(name) ?? '').trim();
    setCreated(null);

    const currency = text('currency').toUpperCase();
    const price = toMinorUnits(text('price'), currency);
    if (!price.ok) {
      setErrors({ fields: { [price.field]: price.error }, form: [] });
      return;
    }
    const imageUrl = text('imageUrl');
    const input: AdminCreateProductInput = {
      sku: text('sku'),
      slug: text('slug'),
      name: text('name'),
      description: text('description'),
      category: text('category'),
      price: price.value,
      currency,
      images: imageUrl ? [imageUrl] : [],
    };

    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      const token = await currentIdToken();
      if (!token) throw new Error('Your session has expired. Sign in again.');
      const product = await createProductAsAdmin(token, input);
      setCreated(product);
      onCreated(product);
      formRef.current?.reset();
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.accessDenied) {
          setErrors({ fields: {}, form: ['You don’t have access to create products.'] });
        } else {
          setErrors(validationErrorsOf(error.errors, FIELD_NAMES));
        }
      } else {
        setErrors({ fields: {}, form: [(error as Error).message || 'The product could not be created.'] });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const field = (name: FieldName) => {
    const message = errors.fields[name];
    return {
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `new-product-${name}-error` : undefined,
    } as const;
  };
  const fieldError = (name: FieldName) =>
    errors.fields[name] ? (
      <p id={`new-product-${name}-error`} className="field__error">
        {errors.fields[name]}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} aria-describedby="new-product-errors">
      {created && (
        <p className="notice notice--success" role="status">
          Created “{created.name}”.{' '}
          {created.active && <Link href={`/product/${encodeURIComponent(created.slug)}`}>View it in the shop</Link>}
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="new-product-sku">SKU</label>
          <input id="new-product-sku" name="sku" required autoComplete="off" {...field('sku')} />
          {fieldError('sku')}
        </div>
        <div className="field">
          <label htmlFor="new-product-slug">Slug</label>
          <input
            id="new-product-slug"
            name="slug"
            required
            autoComplete="off"
            placeholder="espresso-cup"
            {...field('slug')}
          />
          {fieldError('slug')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="new-product-name">Name</label>
        <input id="new-product-name" name="name" required autoComplete="off" {...field('name')} />
        {fieldError('name')}
      </div>
      <div className="field">
        <label htmlFor="new-product-description">Description</label>
        <textarea id="new-product-description" name="description" rows={4} required {...field('description')} />
        {fieldError('description')}
      </div>
      <div className="field">
        <label htmlFor="new-product-category">Category</label>
        <select id="new-product-category" name="category" required defaultValue="" {...field('category')}>
          <option value="" disabled>
            {categories === null ? 'Loading categories…' : 'Choose a category'}
          </option>
          {categories?.map((category) => (
            <option key={category.slug} value={category.slug}>
              {category.name}
            </option>
          ))}
        </select>
        {fieldError('category')}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="new-product-price">Price</label>
          <input
            id="new-product-price"
            name="price"
            inputMode="decimal"
            required
            placeholder="12.50"
            autoComplete="off"
            {...field('price')}
          />
          {fieldError('price')}
        </div>
        <div className="field">
          <label htmlFor="new-product-currency">Currency</label>
          <input
            id="new-product-currency"
            name="currency"
            required
            defaultValue="USD"
            maxLength={3}
            autoComplete="off"
            className="input--short"
            {...field('currency')}
          />
          {fieldError('currency')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="new-product-image">Image URL</label>
        <input
          id="new-product-image"
          name="imageUrl"
          placeholder="/products/espresso-cup.svg"
          autoComplete="off"
          {...field('images')}
        />
        {fieldError('images')}
      </div>
      <div id="new-product-errors">
        {errors.form.length > 0 && (
          <div className="notice notice--error" role="alert">
            <p>The product was not created:</p>
            <ul>
              {errors.form.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Creating…' : 'Create product'}
      </button>
    </form>
  );
}
