'use client';

import { useId, useState, type FormEvent } from 'react';
import { ApiError, adminToken, createProductAsAdmin, updateProductAsAdmin } from '@/lib/admin';
import { decimalOf, parseImageUrls } from '@/lib/admin-forms';
import { validationErrorsOf } from '@/lib/graphql';
import { toMinorUnits } from '@/lib/money';
import type { AdminProduct, Category } from '@/lib/types';
import { ImageListField } from './image-list-field';

const FIELD_NAMES = ['sku', 'slug', 'name', 'description', 'category', 'price', 'currency', 'images'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

interface Errors {
  fields: Partial<Record<FieldName, string>>;
  images: Record<number, string>;
  form: string[];
}

const NO_ERRORS: Errors = { fields: {}, images: {}, form: [] };

/**
 * Creates a product (`adminCreateProduct`) or edits one (`adminUpdateProduct`; its SKU is fixed).
 * The price is typed in major units and sent as integer minor units of the currency; image URLs
 * are checked here first (https, or a file under /products/). The API validates everything again;
 * its errors are shown beside the field each one names, the rest above the button.
 */
export function ProductForm({
  product,
  categories,
  onSaved,
}: {
  /** The product to edit; none to create one. */
  product?: AdminProduct;
  categories: Category[] | null;
  onSaved: (product: AdminProduct) => void;
}) {
  const id = useId();
  const editing = product !== undefined;
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const [images, setImages] = useState<string[]>(() =>
    (product?.images?.length ? [...product.images] : ['']).map(String),
  );
  const [left, setLeft] = useState<ReadonlySet<number>>(new Set());
  const [formKey, setFormKey] = useState(0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: FieldName) => String(form.get(name) ?? '').trim();

    const currency = text('currency').toUpperCase();
    const price = toMinorUnits(text('price'), currency);
    const parsedImages = parseImageUrls(images);
    if (!price.ok || !parsedImages.ok) {
      setErrors({
        fields: price.ok ? {} : { [price.field]: price.error },
        images: parsedImages.ok ? {} : parsedImages.errors,
        form: [],
      });
      return;
    }
    const fields = {
      slug: text('slug'),
      name: text('name'),
      description: text('description'),
      category: text('category'),
      price: price.value,
      currency,
      images: parsedImages.value,
    };

    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      const token = await adminToken();
      const saved = editing
        ? await updateProductAsAdmin(token, { sku: product.sku, ...fields })
        : await createProductAsAdmin(token, { sku: text('sku'), ...fields });
      onSaved(saved);
      if (!editing) {
        // A fresh form for the next product.
        setImages(['']);
        setLeft(new Set());
        setFormKey((k) => k + 1);
      }
    } catch (error) {
      if (error instanceof ApiError && error.accessDenied) {
        setErrors({ ...NO_ERRORS, form: ['You don’t have access to change products.'] });
      } else if (error instanceof ApiError && !error.network) {
        setErrors({ images: {}, ...validationErrorsOf(error.errors, FIELD_NAMES) });
      } else {
        setErrors({ ...NO_ERRORS, form: [(error as Error).message || 'The product was not saved.'] });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const field = (name: FieldName) => {
    const message = errors.fields[name];
    return {
      id: `${id}-${name}`,
      name,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${id}-${name}-error` : undefined,
    } as const;
  };
  const fieldError = (name: FieldName) =>
    errors.fields[name] ? (
      <p id={`${id}-${name}-error`} className="field__error">
        {errors.fields[name]}
      </p>
    ) : null;
  const label = (name: FieldName, text: string) => <label htmlFor={`${id}-${name}`}>{text}</label>;

  return (
    <form key={formKey} className="form" onSubmit={onSubmit} aria-describedby={`${id}-errors`}>
      <div className="field-row">
        <div className="field">
          {label('sku', 'SKU')}
          {editing ? (
            <input {...field('sku')} value={product.sku} readOnly aria-readonly />
          ) : (
            <input {...field('sku')} required autoComplete="off" placeholder="CUP-ESPRESSO" />
          )}
          {fieldError('sku')}
        </div>
        <div className="field">
          {label('slug', 'Slug')}
          <input
            {...field('slug')}
            required
            autoComplete="off"
            placeholder="espresso-cup"
            defaultValue={product?.slug}
          />
          {fieldError('slug')}
        </div>
      </div>
      <div className="field">
        {label('name', 'Name')}
        <input {...field('name')} required autoComplete="off" defaultValue={product?.name} />
        {fieldError('name')}
      </div>
      <div className="field">
        {label('description', 'Description')}
        <textarea {...field('description')} rows={4} required defaultValue={product?.description} />
        {fieldError('description')}
      </div>
      <div className="field">
        {label('category', 'Category')}
        <select {...field('category')} required defaultValue={product?.category ?? ''}>
          <option value="" disabled>
            {categories === null ? 'Loading categories…' : 'Choose a category'}
          </option>
          {/* A product's category is kept even if the list has not loaded (or no longer has it). */}
          {product && !categories?.some((c) => c.slug === product.category) && (
            <option value={product.category}>{product.category}</option>
          )}
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
          {label('price', 'Price')}
          <input
            {...field('price')}
            inputMode="decimal"
            required
            placeholder="12.50"
            autoComplete="off"
            defaultValue={product ? decimalOf(product.price, product.currency) : undefined}
          />
          {fieldError('price')}
        </div>
        <div className="field">
          {label('currency', 'Currency')}
          <input
            {...field('currency')}
            required
            defaultValue={product?.currency ?? 'USD'}
            maxLength={3}
            autoComplete="off"
            className="input--short"
          />
          {fieldError('currency')}
        </div>
      </div>
      <ImageListField
        urls={images}
        onChange={(urls) => {
          setImages(urls);
          setErrors((current) => ({ ...current, images: {} }));
        }}
        errors={errors.images}
        shown={left}
        onLeave={(index) => setLeft((current) => new Set(current).add(index))}
      />
      {errors.fields.images && <p className="field__error">{errors.fields.images}</p>}
      <div id={`${id}-errors`}>
        {errors.form.length > 0 && (
          <div className="notice notice--error" role="alert">
            <p>The product was not saved:</p>
            <ul>
              {errors.form.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <button type="submit" className="button" disabled={submitting}>
        {editing ? (submitting ? 'Saving…' : 'Save changes') : submitting ? 'Creating…' : 'Create product'}
      </button>
    </form>
  );
}
