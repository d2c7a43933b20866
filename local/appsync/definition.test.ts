import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../amplify/data/appsync-schema';
import { AUTHORIZER_CACHE_TTL_SECONDS } from '../../amplify/data/resource';
import { readApi, type ModelPlan } from './definition';
import { loadAssembly } from './test-support';

describe('the API read from the assembly', () => {
  const assembly = loadAssembly();
  const api = readApi(assembly);

  it('has the Lambda authorizer of the templates, with its cache TTL', () => {
    const authorizer = assembly.resources('AWS::Lambda::Function').find((f) => /accessauthorizer/i.test(f.logicalId))!;
    expect(api.authenticationType).toBe('AWS_LAMBDA');
    expect(api.authorizer).toEqual({
      functionArn: assembly.attribute(authorizer, 'Arn'),
      ttlSeconds: AUTHORIZER_CACHE_TTL_SECONDS,
    });
  });

  it('has a resolver the local AppSync can run for every operation of the schema', () => {
    const operations = operationsOf(api.sdl);
    expect([...api.resolvers.keys()].sort()).toEqual(operations);
    const unsupported = [...api.resolvers.values()].filter((p) => p.kind === 'unsupported');
    expect(unsupported).toEqual([]);
  });

  it('recognizes each model operation, its table and index from the generated templates', () => {
    const model = (field: string) => {
      const p = api.resolvers.get(field) as ModelPlan;
      return { op: p.operation, table: p.table.name, index: p.index, keys: p.keys };
    };
    expect(model('Query.getProduct')).toEqual({
      op: 'get',
      table: 'Product-amplifyData-NONE',
      index: undefined,
      keys: { hashKey: 'sku' },
    });
    expect(model('Query.listProducts')).toMatchObject({ op: 'list', table: 'Product-amplifyData-NONE' });
    expect(model('Query.listProductsByCategory')).toEqual({
      op: 'query',
      table: 'Product-amplifyData-NONE',
      index: 'byCategory',
      keys: { hashKey: 'category', rangeKey: 'name' },
    });
    expect(model('Query.listProductsBySlug')).toMatchObject({
      op: 'query',
      index: 'bySlug',
      keys: { hashKey: 'slug' },
    });
    expect(model('Query.getProductSlug')).toMatchObject({
      op: 'get',
      table: 'ProductSlug-amplifyData-NONE',
      keys: { hashKey: 'slug' },
    });
    expect(model('Mutation.createCategory')).toMatchObject({
      op: 'create',
      table: 'Category-amplifyData-NONE',
      keys: { hashKey: 'slug' },
    });
    expect(model('Mutation.updateCategory').op).toBe('update');
    expect(model('Mutation.deleteCategory').op).toBe('delete');
    expect((api.resolvers.get('Mutation.createCategory') as ModelPlan).modelType).toBe('Category');
    expect((api.resolvers.get('Query.listProducts') as ModelPlan).rejectsSortDirection).toBe(true);
    expect((api.resolvers.get('Query.listProductsByCategory') as ModelPlan).rejectsSortDirection).toBe(false);
  });

  it("points each function-directive resolver at its data source's function", () => {
    const fn = (pattern: RegExp) =>
      assembly.attribute(
        assembly.resources('AWS::Lambda::Function').find((f) => pattern.test(f.logicalId))!,
        'Arn',
      );
    for (const field of ['Query.products', 'Query.productBySlug', 'Mutation.adminCreateProduct']) {
      expect(api.resolvers.get(field)).toMatchObject({ kind: 'lambda', functionArn: fn(/^catalog/i) });
    }
    expect(api.resolvers.get('Query.me')).toMatchObject({ kind: 'lambda', functionArn: fn(/identityme/i) });
    // Amplify's custom handlers: JavaScript pipelines on the NONE data source.
    for (const field of ['Mutation.publishOrderUpdate', 'Subscription.onOrderUpdated'])
      expect(api.resolvers.get(field)).toMatchObject({ kind: 'js', functions: [{ dataSourceType: 'NONE' }] });
    expect(api.additionalAuthenticationTypes).toContain('AWS_IAM');
  });
});
