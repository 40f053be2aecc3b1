// What a subcommand is: its name, its help and its options, and what it does.

import type { OptionSpec, ParsedArgs } from '../args';
import type { CliIo, ExitCode } from '../io';

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The synopsis after `infra-review `, e.g. `check [FILES or folders...] [options]`. */
  synopsis: string;
  /** Paragraphs printed under the synopsis in the command's own help. */
  description?: string;
  options: readonly OptionSpec[];
  /** The exit code, or null for a command that keeps running (the language server). */
  run(args: ParsedArgs, io: CliIo): Promise<ExitCode | null>;
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'show this help' };
