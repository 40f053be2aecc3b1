// The README shows infra-review at work: each `$ ./bin/infra-review check ...` line of a `sh`
// block, and the lines under it up to the next `$` line or the block's end, are what that
// command prints. This runs each such command with the built CLI (dist/, built for the run)
// and compares its output byte for byte, so that a change to a sample, a rule or the text
// report that alters what the README shows fails here until the README says it again.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const COMMAND = /^\$ \.\/bin\/infra-review (check .*)$/;

interface ShownRun {
  /** The line of the `$` in README.md, counted from 1. */
  line: number;
  args: string[];
  shown: string;
}

/** The `check` commands of the README's `sh` blocks, with the output shown under each. */
function shownRuns(markdown: string): ShownRun[] {
  const lines = markdown.split('\n');
  const runs: ShownRun[] = [];
  let inSh = false;
  let current: { line: number; args: string[]; output: string[] } | undefined;
  const close = () => {
    if (current) runs.push({ line: current.line, args: current.args, shown: current.output.map((l) => `${l}\n`).join('') });
    current = undefined;
  };
  lines.forEach((text, i) => {
    if (!inSh) {
      inSh = text === '```sh';
      return;
    }
    if (text === '```') {
      close();
      inSh = false;
      return;
    }
    if (text.startsWith('$ ')) {
      close();
      const m = COMMAND.exec(text);
      // Arguments are words: a quoted argument would need a shell, which this does not run.
      if (m) current = { line: i + 1, args: m[1].split(/\s+/), output: [] };
      return;
    }
    current?.output.push(text);
  });
  return runs;
}

describe('README: the output it shows is what the commands print', () => {
  const runs = shownRuns(fs.readFileSync(README, 'utf8'));

  it('finds the shown runs: the Compose and the Kubernetes review', () => {
    assert.deepEqual(runs.map((r) => r.args.join(' ')), ['check samples/compose/one-server.compose.yaml', 'check samples/kubernetes/shop.yaml']);
  });

  it('reads a block as the command and the lines under it', () => {
    const parsed = shownRuns(['text', '```sh', '$ ./bin/infra-review check a.yaml', '', 'a.yaml', '```', '```sh', '$ ls', 'x', '```', ''].join('\n'));
    assert.deepEqual(parsed, [{ line: 3, args: ['check', 'a.yaml'], shown: '\na.yaml\n' }]);
  });

  for (const run of runs) {
    it(`README.md:${run.line}: ./bin/infra-review ${run.args.join(' ')}`, () => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.FORCE_COLOR;
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'infra-review'), ...run.args], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, run.shown, `README.md:${run.line} shows other output than the command prints; paste the command's output under it`);
    });
  }
});
