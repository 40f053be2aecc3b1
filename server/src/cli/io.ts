// What the command line needs from its surroundings, passed in so that tests can run
// `main` in-process with captured output and a chosen working folder.

export interface CliIo {
  /** Folder that relative arguments and printed paths are relative to. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours are used only then). */
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes (docs/format.md, JSON output): 0 clean, 1 findings at or above --fail-on, 2 usage or read error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_USAGE;

/** An error the user caused (bad option, unreadable file): printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
