// The command line's entry point: picks the command, parses its arguments, and turns every
// failure into an exit code and one line on stderr (never a stack trace). The commands
// live in cli/commands/, the output formats in cli/formatters/.

import { hasFlag, parseArgv } from './cli/args';
import { checkCommand } from './cli/commands/check';
import type { Command } from './cli/commands/command';
import { convertCommand } from './cli/commands/convert';
import { diagramCommand } from './cli/commands/diagram';
import { diffCommand } from './cli/commands/diff';
import { explainCommand } from './cli/commands/explain';
import { lspCommand } from './cli/commands/lsp';
import { commandHelp, mainHelp } from './cli/help';
import { EXIT_OK, EXIT_USAGE, processIo, UsageError } from './cli/io';
import type { CliIo, ExitCode } from './cli/io';
import { closest } from './model/did-you-mean';
import { TOOL_VERSION } from './project';

export const COMMANDS: readonly Command[] = [checkCommand, diffCommand, explainCommand, diagramCommand, convertCommand, lspCommand];

/** Runs the command line; resolves to the exit code, or null when the command keeps running. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode | null> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    io.stderr(`infra-review: ${errorLine(err)}\n`);
    return EXIT_USAGE;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<ExitCode | null> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout(mainHelp(COMMANDS));
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  if (first === 'help') return dispatch(rest.length > 0 ? [rest[0], '--help'] : ['--help'], io);

  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const names = COMMANDS.map((c) => c.name);
    const guess = first.startsWith('-') ? undefined : closest(first, names);
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    throw new UsageError(`${what}${guess ? ` (did you mean '${guess}'?)` : ''}; commands: ${names.join(', ')}`);
  }
  const args = parseArgv(rest, command.options);
  if (hasFlag(args, 'help')) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  return command.run(args, io);
}

function errorLine(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `internal error: ${message.split(/\r?\n/, 1)[0]}`;
}

/** Runs as the process: `node dist/cli.js ...` or bin/infra-review. */
export function run(): void {
  // A closed pipe (`infra-review check | head`) ends the output, not with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== null) process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_USAGE;
    },
  );
}

if (require.main === module) run();
