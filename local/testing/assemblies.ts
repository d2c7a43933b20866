import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Assembly } from '../assembly/assembly';
import { HOSTED_BRANCH } from '../assembly/synth';

const builds = { sandbox: {}, branch: { ...HOSTED_BRANCH, dir: join(process.cwd(), HOSTED_BRANCH.dir) } };
const made = new Map<keyof typeof builds, Promise<Assembly>>();

/**
 * The synthesized backend for the template tests: the local sandbox's, or a hosted branch's
 * (production settings). `npm test` synthesizes both before the template tests, so this reuses
 * them; otherwise it synthesizes in a child process, since a synchronous synthesis in a vitest
 * worker stalls it past vitest's RPC timeout.
 */
export const synthesized = (which: keyof typeof builds): Promise<Assembly> => {
  let assembly = made.get(which);
  if (!assembly) {
    const code = `const { synth } = await import('./local/assembly/synth.ts');
      console.log(JSON.stringify(synth(process.cwd(), ${JSON.stringify(builds[which])})));`;
    assembly = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: process.cwd(),
      maxBuffer: 64 << 20,
    }).then(({ stdout }) => new Assembly((JSON.parse(stdout.trim().split('\n').pop()!) as { dir: string }).dir));
    made.set(which, assembly);
  }
  return assembly;
};
