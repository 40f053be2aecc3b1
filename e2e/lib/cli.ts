import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

/** A finding as `infra-review check --format json` prints it (docs/format.md, JSON output). */
export interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  target: { kind: string; id: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** What the project's own CLI finds in `file`: the reference the editor must agree with. */
export function checkFile(file: string): CliFinding[] {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\``);
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', file], { encoding: 'utf8' });
  // Exit 1 means "findings at or above --fail-on", which is expected here; 2 is a failure.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`infra-review check ${file} exited ${run.status ?? run.signal}: ${run.stderr}`);
  }
  const report = JSON.parse(run.stdout) as { files: Array<{ findings: CliFinding[] }> };
  return report.files.flatMap((f) => f.findings);
}

export function countBySeverity(findings: readonly CliFinding[]): { errors: number; warnings: number; infos: number } {
  const count = (s: CliFinding['severity']): number => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}
