import { describe, expect, it } from 'vitest';
import { errorsOf, isAccessDenied, isNetworkError, isNotFound, validationErrorsOf } from './graphql';

const FIELDS = ['sku', 'slug', 'name', 'price', 'category', 'images'] as const;

describe('isAccessDenied', () => {
  it('recognises a field the authorizer denied', () => {
    expect(
      isAccessDenied([{ errorType: 'Unauthorized', message: 'Not Authorized to access listProducts on type Query' }]),
    ).toBe(true);
  });
  it('recognises a request the authorizer refused, as aws-amplify repackages it', () => {
    expect(isAccessDenied(errorsOf({ errors: [{ message: 'Unauthorized' }] }))).toBe(true);
  });
  it('does not mistake a validation error for a refusal', () => {
    expect(isAccessDenied([{ errorType: 'UserInputError', message: 'sku must be 2 to 40 upper-case letters' }])).toBe(
      false,
    );
  });
});

describe('validationErrorsOf', () => {
  it('puts each sentence of a catalog UserInputError beside its field', () => {
    const result = validationErrorsOf(
      [
        {
          errorType: 'UserInputError',
          message:
            'sku must be 2 to 40 upper-case letters, digits or dashes; price must be a positive number of minor units; each image must be a site path or an https URL',
        },
      ],
      FIELDS,
    );
    expect(result.fields).toEqual({
      sku: 'Sku must be 2 to 40 upper-case letters, digits or dashes',
      price: 'Price must be a positive number of minor units',
      images: 'Each image must be a site path or an https URL',
    });
    expect(result.form).toEqual([]);
  });

  it('keeps what names no field for the form', () => {
    const result = validationErrorsOf([{ message: 'category kitchen does not exist; something else broke' }], FIELDS);
    expect(result.fields).toEqual({ category: 'Category kitchen does not exist' });
    expect(result.form).toEqual(['Something else broke']);
  });

  it('honours errorInfo.field', () => {
    expect(validationErrorsOf([{ message: 'already taken', errorInfo: { field: 'slug' } }], FIELDS).fields).toEqual({
      slug: 'Already taken',
    });
  });
});

describe('isNetworkError', () => {
  it('recognises a request that got no answer, as aws-amplify reports it', () => {
    const thrown = { errors: [{ message: 'A network error has occurred.', originalError: { name: 'NetworkError' } }] };
    expect(isNetworkError(errorsOf(thrown))).toBe(true);
    expect(isNetworkError(errorsOf(new TypeError('Failed to fetch')))).toBe(true);
  });
  it('does not mistake an answer for a network failure', () => {
    expect(isNetworkError([{ errorType: 'Lambda:Unhandled', message: 'unknown product SKU-X' }])).toBe(false);
  });
});

describe('isNotFound', () => {
  it('recognises a missing order (or another user’s), however AppSync typed the error', () => {
    expect(isNotFound([{ errorType: 'Lambda:Unhandled', message: 'no order with id 123' }])).toBe(true);
    expect(isNotFound([{ errorType: 'NotFoundError', message: 'gone' }])).toBe(true);
  });
  it('does not mistake other errors for it', () => {
    expect(isNotFound([{ errorType: 'Lambda:Unhandled', message: 'orders table unavailable' }])).toBe(false);
    expect(isNotFound([{ errorType: 'NotFoundException', message: 'No route for POST /nope' }])).toBe(false);
  });
});
