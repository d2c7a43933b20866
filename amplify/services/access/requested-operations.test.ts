import { describe, expect, it } from 'vitest';
import { requestedOperations } from './requested-operations';

describe('requestedOperations', () => {
  it('names the root fields of a query, shorthand or named, by field and not alias', () => {
    expect(requestedOperations('{ me { userId } }')).toEqual(['Query.me']);
    expect(requestedOperations('query Page { mine: me { userId } products { items { sku } } }')).toEqual([
      'Query.me',
      'Query.products',
    ]);
  });

  it('uses the root type of the operation', () => {
    expect(requestedOperations('mutation { adminCreateProduct(sku: "a") { sku } }')).toEqual([
      'Mutation.adminCreateProduct',
    ]);
    expect(requestedOperations('subscription { onCreateCategory { slug } }')).toEqual([
      'Subscription.onCreateCategory',
    ]);
  });

  it('lists a field once however often it is selected', () => {
    expect(requestedOperations('{ a: products { nextToken } b: products { nextToken } }')).toEqual(['Query.products']);
  });

  it('leaves out introspection fields', () => {
    expect(requestedOperations('{ __typename __schema { types { name } } me { userId } }')).toEqual(['Query.me']);
  });

  it('honours operationName, and asks for nothing when the operation cannot be chosen', () => {
    const document = 'query A { products { nextToken } } mutation B { deleteCategory(input: {slug: "x"}) { slug } }';
    expect(requestedOperations(document, 'A')).toEqual(['Query.products']);
    expect(requestedOperations(document, 'B')).toEqual(['Mutation.deleteCategory']);
    expect(requestedOperations(document)).toEqual([]);
    expect(requestedOperations(document, 'C')).toEqual([]);
  });

  it('follows fragments and inline fragments at the root, each once (a cycle cannot loop)', () => {
    const document = `
      query { ...Root ... on Query { me { userId } } }
      fragment Root on Query { products { nextToken } ...More }
      fragment More on Query { listCategories { items { slug } } ...Root }
    `;
    expect(requestedOperations(document).sort()).toEqual(['Query.listCategories', 'Query.me', 'Query.products']);
  });

  it('does not look inside nested selections', () => {
    expect(requestedOperations('{ products { items { me: sku } } }')).toEqual(['Query.products']);
  });

  it('asks for nothing when the document does not parse', () => {
    expect(requestedOperations('')).toEqual([]);
    expect(requestedOperations('query {')).toEqual([]);
    expect(requestedOperations('fragment F on Query { me { userId } }')).toEqual([]);
  });
});
