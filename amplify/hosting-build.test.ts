import { readFileSync } from 'node:fs';
// The YAML parser aws-cdk-lib and the Amplify CLI already bring (no dependency of our own).
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';

/** amplify.yml, the build Amplify Hosting runs on every push (docs/deploy.md). */
interface Phase {
  commands: string[];
}
interface BuildSpec {
  version: number;
  backend: { phases: Record<string, Phase> };
  frontend: {
    phases: Record<string, Phase>;
    artifacts: { baseDirectory: string; files: string[] };
    cache: { paths: string[] };
  };
}

const spec = YAML.parse(readFileSync(new URL('../amplify.yml', import.meta.url), 'utf8')) as BuildSpec;
const commands = (phases: Record<string, Phase>) => ['preBuild', 'build'].flatMap((p) => phases[p]?.commands ?? []);

describe('the Amplify Hosting build (amplify.yml)', () => {
  it('deploys the branch backend with ampx pipeline-deploy after installing the locked dependencies', () => {
    expect(spec.version).toBe(1);
    const backend = commands(spec.backend.phases);
    expect(spec.backend.phases.build.commands).toContain(
      'npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID',
    );
    const install = backend.findIndex((c) => /^npm ci\b/.test(c));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(backend.findIndex((c) => c.includes('ampx pipeline-deploy')));
  });

  it('builds the Next.js storefront and publishes .next', () => {
    expect(spec.frontend.phases.build.commands).toEqual(['npm run build']);
    expect(spec.frontend.artifacts).toEqual({ baseDirectory: '.next', files: ['**/*'] });
  });

  it('runs every phase on Node 22, the version the functions and the server runtime use', () => {
    for (const phases of [spec.backend.phases, spec.frontend.phases]) {
      const all = commands(phases);
      const nvm = all.findIndex((c) => c === 'nvm use 22');
      expect(nvm, JSON.stringify(all)).toBe(phases.preBuild.commands.indexOf('nvm use 22'));
      expect(nvm).toBeLessThan(all.findIndex((c) => /^(npm|npx) /.test(c)));
    }
    expect(spec.backend.phases.preBuild.commands[0]).toBe('nvm install 22');
  });

  it('caches the npm cache, node_modules and the Next.js build cache between builds', () => {
    expect([...spec.frontend.cache.paths].sort()).toEqual(['.next/cache/**/*', '.npm/**/*', 'node_modules/**/*']);
    expect(commands(spec.backend.phases)).toContain('npm ci --cache .npm --prefer-offline');
  });
});
