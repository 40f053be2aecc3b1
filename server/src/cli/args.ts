// A small argument parser: long options (`--name value`, `--name=value`), short aliases,
// repeatable options, flags, `--` to end options. Every mistake is a UsageError with a
// one-line message (and a "did you mean" for a misspelled option).

import { closest } from '../model/did-you-mean';
import { UsageError } from './io';

export interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  short?: string;
  /** The value's placeholder in help (`FORMAT`); absent for a flag. */
  value?: string;
  /** Whether it may be given more than once (values accumulate). */
  repeatable?: boolean;
  help: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** Values by long name, in the order given; a flag maps to `[]`. */
  options: Map<string, string[]>;
}

export function parseArgv(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const positionals: string[] = [];
  const options = new Map<string, string[]>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = written.startsWith('--') ? byLong.get(written.slice(2)) : byShort.get(written.slice(1));
    if (!spec) throw new UsageError(unknownOptionMessage(written, specs));

    const seen = options.get(spec.name);
    if (seen && !spec.repeatable) throw new UsageError(`option '--${spec.name}' given more than once`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`option '--${spec.name}' takes no value`);
      options.set(spec.name, []);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && (argv[i + 1] === '-' || !argv[i + 1].startsWith('-'))) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option '--${spec.name}' needs a value (${spec.value})`);
    options.set(spec.name, [...(seen ?? []), value]);
  }
  return { positionals, options };
}

/** The single value of an option, or undefined when it was not given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** Checks a value against a closed set, with a "did you mean". */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const guess = closest(value, allowed);
  const hint = guess ? ` (did you mean '${guess}'?)` : '';
  throw new UsageError(`invalid value '${value}' for --${option}${hint}: expected ${allowed.join(', ')}`);
}

function unknownOptionMessage(written: string, specs: readonly OptionSpec[]): string {
  const guess = written.startsWith('--') ? closest(written.slice(2), specs.map((s) => s.name)) : undefined;
  return `unknown option '${written}'${guess ? ` (did you mean '--${guess}'?)` : ''}`;
}
