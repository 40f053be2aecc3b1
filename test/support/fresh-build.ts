// The one build-or-source choice of a mocha run, made once: before any suite loads, this
// global setup builds dist/ from the sources in the work tree (`scripts/build.mjs`), so the
// suites that start `node dist/cli.js` test exactly the code beside them, whether the run is
// `npm test` or `npx mocha one.test.ts`. A failed build stops the run before the first test.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function mochaGlobalSetup(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`the build for this test run failed (node scripts/build.mjs, exit ${build.status ?? build.signal}):\n${build.stdout}${build.stderr}`);
  }
  // stderr: stdout belongs to the reporter (a JSON reporter must print nothing else).
  process.stderr.write(`dist/ built for this run: ${build.stdout.trim().split('\n').at(-1)}\n`);
}
