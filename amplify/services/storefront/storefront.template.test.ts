import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { Assembly } from '../../../local/assembly/assembly';
import { synth } from '../../../local/assembly/synth';

/** The storefront service as the templates declare it: its rule, its secret, what it may read. */
let storefront: Template;
beforeAll(() => {
  const assembly = new Assembly(synth().dir);
  const stack = assembly.stacks.find((s) => s.name.includes('storefront') && s.parent && !s.parent.stack.parent);
  if (!stack) throw new Error('no storefront stack');
  storefront = Template.fromJSON(stack.template as Record<string, unknown>);
}, 180_000);

describe('the storefront service', () => {
  it('hears every ProductChanged, and keeps what it cannot handle in a dead-letter queue', () => {
    storefront.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['cloudshop.catalog'], 'detail-type': ['ProductChanged.v1'] },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
  });

  it('reads the shared secret from SSM when it starts, never from the template', () => {
    const [fn] = Object.values(storefront.findResources('AWS::Lambda::Function')).filter((f) =>
      JSON.stringify(f).includes('storefront-revalidate'),
    );
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.STOREFRONT_REVALIDATE_SECRET).toBe('<value will be resolved during runtime>');
    expect(JSON.parse(variables.AMPLIFY_SSM_ENV_CONFIG as string)).toEqual({
      STOREFRONT_REVALIDATE_SECRET: {
        path: expect.stringMatching(/\/STOREFRONT_REVALIDATE_SECRET$/),
        sharedPath: expect.stringMatching(/\/STOREFRONT_REVALIDATE_SECRET$/),
      },
    });
    expect(variables).toHaveProperty('STOREFRONT_URL');
    expect(variables).toHaveProperty('PRODUCT_CARDS_TABLE');
  });
});
