// The old side of `diff --base REF`: files as they are in a commit, read with git. Git is
// run without a shell, with the revision checked first, so a REF or a path is never
// taken for an option or a command.

import { spawnSync } from 'node:child_process';
import { DEFAULT_LIMITS } from '../model/parse';
import { UsageError } from './io';
import { decodeDesignBytes } from './read-design';

/** A commit to read files from, checked once. */
export class GitRevision {
  private constructor(
    private readonly cwd: string,
    readonly ref: string,
    private readonly commit: string,
  ) {}

  /** Resolves REF in the repository around `cwd`; a UsageError when there is none or no such commit. */
  static resolve(cwd: string, ref: string): GitRevision {
    if (ref.startsWith('-')) throw new UsageError(`invalid --base '${ref}': a revision does not start with '-'`);
    const out = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    if (out.status !== 0) {
      const inRepo = git(cwd, ['rev-parse', '--git-dir']);
      if (inRepo.status !== 0) throw new UsageError(`--base needs a git repository: ${firstLine(inRepo.stderr) || 'git rev-parse failed'}`);
      throw new UsageError(`unknown revision '${ref}' for --base`);
    }
    return new GitRevision(cwd, ref, out.stdout.trim());
  }

  /** The text of `relativePath` (relative to cwd, forward slashes) at this commit; null when it is not there. */
  read(relativePath: string): string | null {
    const spec = `${this.commit}:./${relativePath}`;
    if (git(this.cwd, ['cat-file', '-e', spec]).status !== 0) return null;
    const size = Number(git(this.cwd, ['cat-file', '-s', spec]).stdout.trim());
    if (size > DEFAULT_LIMITS.maxBytes) throw new UsageError(`cannot read ${relativePath} at ${this.ref}: it is over the size limit for a design`);
    const out = git(this.cwd, ['cat-file', 'blob', spec], 'buffer');
    if (out.status !== 0) throw new UsageError(`cannot read ${relativePath} at ${this.ref}: ${firstLine(out.stderr) || 'git cat-file failed'}`);
    return decodeDesignBytes(out.stdout);
  }

  /** Files below `relativeFolder` at this commit, relative to cwd, forward slashes. */
  list(relativeFolder: string): string[] {
    const out = git(this.cwd, ['ls-tree', '-r', '--name-only', '-z', this.commit, '--', relativeFolder]);
    if (out.status !== 0) throw new UsageError(`cannot list ${relativeFolder} at ${this.ref}: ${firstLine(out.stderr) || 'git ls-tree failed'}`);
    return out.stdout.split('\0').filter((p) => p !== '');
  }
}

function git(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string };
function git(cwd: string, args: string[], encoding: 'buffer'): { status: number | null; stdout: Buffer; stderr: string };
function git(cwd: string, args: string[], encoding?: 'buffer'): { status: number | null; stdout: string | Buffer; stderr: string } {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    maxBuffer: DEFAULT_LIMITS.maxBytes + 1024 * 1024,
    encoding: encoding === 'buffer' ? 'buffer' : 'utf8',
    // Nothing a repository configures may run: no pager, no external diff or text conversion.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--base needs git, which is not installed' : `git failed: ${firstLine(result.error.message)}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: String(result.stderr ?? '') };
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/, 1)[0] ?? '';
}
