import { describe, expect, it } from 'vitest';
import { resolveSsmEnvironment } from './lambda/functions';
import { LocalSecrets } from './secrets';

const ssm = (variable: string, name: string) =>
  JSON.stringify({ [variable]: { path: `/amplify/app/branch/${name}`, sharedPath: `/amplify/shared/app/${name}` } });

describe('the local cloud’s secrets', () => {
  it('give a function the run’s value of each secret it names, and the shim nothing to fetch', () => {
    const secrets = new LocalSecrets();
    const env = { OTHER: 'x', HOOK_SECRET: '<value will be resolved during runtime>' };
    const resolved = resolveSsmEnvironment(
      { ...env, AMPLIFY_SSM_ENV_CONFIG: ssm('HOOK_SECRET', 'REVALIDATE') },
      { get: (path) => secrets.parameter(path) },
    );
    expect(resolved).toEqual({
      env: { OTHER: 'x', HOOK_SECRET: secrets.value('REVALIDATE'), AMPLIFY_SSM_ENV_CONFIG: '{}' },
      unresolved: [],
    });
    expect(secrets.value('REVALIDATE')).toMatch(/^[\w-]{40,}$/);
  });

  it('are made per run', () => {
    expect(new LocalSecrets().value('A')).not.toBe(new LocalSecrets().value('A'));
  });

  it('answer only for Amplify secrets’ parameters', () => {
    expect(new LocalSecrets().parameter('/other/thing')).toBeUndefined();
  });
});
