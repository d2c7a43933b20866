import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsCode, JsResolverError, runJsPipeline, type JsContext } from './js-runtime';

/** The pipeline resolver code Amplify puts around every custom handler. */
const AMPLIFY_PIPELINE = new JsCode(
  'pipeline',
  `export const request = (ctx) => { ctx.stash.awsAppsyncApiId = 'api'; return {}; };
   export const response = (ctx) => ctx.prev.result;`,
);
const handler = (file: string) => ({
  code: new JsCode(file, readFileSync(`amplify/data/${file}`, 'utf8')),
  dataSourceType: 'NONE',
});

const context = (
  fieldName: string,
  parentTypeName: string,
  args: Record<string, unknown>,
  identity: Record<string, unknown> | null,
): JsContext => ({
  arguments: args,
  identity,
  source: null,
  request: { headers: {}, domainName: null },
  info: { fieldName, parentTypeName, variables: {} },
});

describe('the onOrderUpdated resolver', () => {
  const subscribe = (resolverContext: Record<string, string>) =>
    runJsPipeline(AMPLIFY_PIPELINE, [handler('on-order-updated.js')], 'Lambda Authorization', {
      ...context('onOrderUpdated', 'Subscription', { orderId: 'o-1' }, { resolverContext }),
    });

  it('filters on the order and on its owner being the caller from the authorizer', () => {
    expect(subscribe({ userId: 'u-1', policyId: 'customers' }).subscriptionFilter).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'orderId', operator: 'eq', value: 'o-1' },
            { fieldName: 'userId', operator: 'eq', value: 'u-1' },
          ],
        },
      ],
    });
  });

  it('refuses a guest as AppSync words it', () => {
    expect(() => subscribe({ userId: 'guest', policyId: 'guest' })).toThrow(
      new JsResolverError('Not Authorized to access onOrderUpdated on type Subscription', 'Unauthorized'),
    );
  });
});

describe('the publishOrderUpdate resolver', () => {
  const update = { orderId: 'o-1', userId: 'u-1', status: 'SHIPPED', version: 4 };
  const publish = (authType: 'IAM Authorization' | 'Lambda Authorization') =>
    runJsPipeline(AMPLIFY_PIPELINE, [handler('publish-order-update.js')], authType, {
      ...context('publishOrderUpdate', 'Mutation', update, null),
    });

  it('hands an IAM caller’s arguments through the NONE data source as the result', () => {
    expect(publish('IAM Authorization').result).toEqual(update);
  });

  it('refuses a caller authorized by the Lambda authorizer', () => {
    expect(() => publish('Lambda Authorization')).toThrow(/Not Authorized to access publishOrderUpdate/);
  });
});

describe('the runtime', () => {
  it('names a utility it does not have instead of behaving differently from AppSync', () => {
    const code = new JsCode(
      'dynamic',
      `import { util } from '@aws-appsync/utils'; export const request = () => ({ payload: util.dynamodb.toMapValues({}) });`,
    );
    expect(() =>
      runJsPipeline(
        AMPLIFY_PIPELINE,
        [{ code, dataSourceType: 'NONE' }],
        'IAM Authorization',
        context('f', 'Query', {}, null),
      ),
    ).toThrow(/util\.dynamodb is not supported/);
  });

  it('refuses imports other than @aws-appsync/utils and data sources other than NONE', () => {
    const imports = new JsCode('imports', `import fs from 'fs'; export const request = () => fs;`);
    expect(() =>
      runJsPipeline(
        AMPLIFY_PIPELINE,
        [{ code: imports, dataSourceType: 'NONE' }],
        'IAM Authorization',
        context('f', 'Query', {}, null),
      ),
    ).toThrow(/imports fs/);
    const plain = new JsCode('plain', `export const request = () => ({});`);
    expect(() =>
      runJsPipeline(
        AMPLIFY_PIPELINE,
        [{ code: plain, dataSourceType: 'AMAZON_DYNAMODB' }],
        'IAM Authorization',
        context('f', 'Query', {}, null),
      ),
    ).toThrow(/NONE only/);
  });
});
