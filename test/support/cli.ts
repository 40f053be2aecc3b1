// Running the command line in-process, as the CLI tests do: captured output, a chosen folder.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import type { CliIo } from '../../server/src/cli/io';

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], cwd: string, options: { tty?: boolean; env?: Record<string, string> } = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Exactly one line on stderr, and no trace of a stack. */
export function assertOneLineError(outcome: Outcome, pattern: RegExp): void {
  assert.equal(outcome.code, 2, `exit code (stderr: ${outcome.stderr})`);
  const lines = outcome.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${outcome.stderr}`);
  assert.match(lines[0], /^infra-review: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(outcome.stderr, /\n\s+at |Error:/);
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}
