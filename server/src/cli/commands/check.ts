// `infra-review check`: analyse design files and report, with the exit code CI acts on.

import * as path from 'node:path';
import { RULE_IDS } from '../../analysis/catalogue';
import { availabilityOf } from '../../analysis/availability';
import { analyze } from '../../analysis/engine';
import { formatOptionsFor } from '../../formats';
import { atOrAbove, SEVERITIES } from '../../model/findings';
import type { SeveritySetting } from '../../model/findings';
import { closest } from '../../model/did-you-mean';
import { hasFlag, oneOf, optionValue } from '../args';
import type { OptionSpec, ParsedArgs } from '../args';
import { createTwoFilesPatch } from 'diff';
import { applySafeFixes } from '../../language/apply-fixes';
import { applyBaseline, parseBaseline } from '../baseline';
import { discoverDesignFiles, displayPath } from '../discover';
import { FORMAT_NAMES, FORMATTERS } from '../formatters';
import type { FileReport, FormatContext } from '../formatters';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import type { CliIo, ExitCode } from '../io';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../../project';
import { readDesignText, writeOutputFile } from '../read-design';
import { HELP_OPTION } from './command';
import type { Command } from './command';

/** A baseline lists every finding of every file: it may be larger than one design. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', ...SEVERITIES];

export const RULE_OPTION: OptionSpec = { name: 'rule', value: 'ID=SEVERITY', repeatable: true, help: "set a rule's severity: off, info, warning or error (repeatable)" };
export const FAIL_ON_OPTION: OptionSpec = { name: 'fail-on', value: 'SEVERITY', help: 'lowest severity that makes the exit status 1: error (default), warning or info' };
export const OUTPUT_OPTION: OptionSpec = { name: 'output', short: 'o', value: 'FILE', help: 'write the report to FILE instead of standard output' };
export const COLOR_OPTIONS: readonly OptionSpec[] = [
  { name: 'color', help: 'colour the text output even when not on a terminal' },
  { name: 'no-color', help: 'never colour the output (so does the NO_COLOR variable)' },
];

export const checkCommand: Command = {
  name: 'check',
  summary: 'review design files and report their findings',
  synopsis: 'check [FILES or folders...] [options]',
  description:
    'With no FILES, checks every design below the current folder: infra.yaml, *.infra.yaml\n' +
    'and Compose files (compose.yaml, docker-compose.yml, docker-stack.yml, …)\n' +
    '(skipping node_modules, .git and dist).\n\n' +
    'Exit status: 0 when nothing at or above --fail-on is found, 1 when something is,\n' +
    '2 on a usage or read error.',
  options: [
    { name: 'format', short: 'f', value: 'FORMAT', help: 'output format: text (default), json or sarif' },
    RULE_OPTION,
    FAIL_ON_OPTION,
    OUTPUT_OPTION,
    { name: 'baseline', value: 'FILE', help: 'report only findings not in FILE, an earlier check --format json (matched by rule and target)' },
    { name: 'write-baseline', value: 'FILE', help: 'write every finding to FILE as a baseline, print nothing else, exit 0' },
    { name: 'profile', value: 'NAME', repeatable: true, help: "also review a Compose file's services of profile NAME, as `docker compose --profile NAME` starts them (repeatable)" },
    { name: 'fix', help: 'apply every safe fix to the files (no new hosts, no suppressions), then report what is left' },
    { name: 'fix-dry-run', help: 'print the changes --fix would make, as a unified diff, and write nothing' },
    { name: 'detect', help: 'read only the named files a format claims (by name, or a Kubernetes manifest by its content) and skip the others, as a folder walk does (for pre-commit)' },
    { name: 'quiet', short: 'q', help: 'report errors only (warnings and infos are left out, also for --fail-on)' },
    ...COLOR_OPTIONS,
    HELP_OPTION,
  ],
  run: async (args, io) => runCheck(args, io),
};

function runCheck(args: ParsedArgs, io: CliIo): ExitCode {
  const format = oneOf('format', optionValue(args, 'format') ?? 'text', FORMAT_NAMES);
  const failOn = oneOf('fail-on', optionValue(args, 'fail-on') ?? 'error', SEVERITIES);
  const rules = parseRuleSettings(args.options.get('rule') ?? []);
  const quiet = hasFlag(args, 'quiet');
  const profiles = args.options.get('profile') ?? [];

  const baselineFile = optionValue(args, 'baseline');
  const writeBaselineFile = optionValue(args, 'write-baseline');
  if (baselineFile !== undefined && writeBaselineFile !== undefined) throw new UsageError('--baseline and --write-baseline do not go together: write a new baseline, or check against one');
  const baseline = baselineFile === undefined ? undefined : parseBaseline(readDesignText(path.resolve(io.cwd, baselineFile), baselineFile, MAX_BASELINE_BYTES), baselineFile);

  const fix = hasFlag(args, 'fix');
  const dryRun = hasFlag(args, 'fix-dry-run');
  if (fix && dryRun) throw new UsageError('--fix and --fix-dry-run do not go together: apply the fixes, or print them');
  let patch = '';

  const reports: FileReport[] = [];
  for (const file of discoverDesignFiles(io.cwd, args.positionals, { detectNamed: hasFlag(args, 'detect') })) {
    const shown = displayPath(io.cwd, file);
    let text = readDesignText(file, shown);
    const formatOptions = formatOptionsFor(file, profiles, text);
    if (fix || dryRun) {
      const fixed = applySafeFixes(text, { rules, ...formatOptions });
      if (fixed.text !== text) {
        if (dryRun) patch += createTwoFilesPatch(shown, shown, text, fixed.text, '', '', { context: 3 });
        else writeOutputFile(file, shown, fixed.text);
        io.stderr(`${dryRun ? 'Would fix' : 'Fixed'} ${shown}:\n${fixed.applied.map((a) => `  ${a.title} (${a.rule})\n`).join('')}`);
        text = fixed.text;
      }
    }
    // Without the yaml tree: the report needs only the findings, SPOFs and availability, and
    // the tree of a large file would cost most of the memory (ARCHITECTURE.md, "What check holds").
    const result = analyze(text, { rules, ...formatOptions, sourceIndex: 'compact' });
    const findings = quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    const availability = availabilityOf(result);
    if (baseline) {
      const { fresh, held, fixed } = applyBaseline(baseline, shown, findings);
      reports.push({ path: shown, format: result.format, findings: fresh, spofs: result.spofs, availability, baseline: { held, fixed } });
    } else {
      reports.push({ path: shown, format: result.format, findings, spofs: result.spofs, availability });
    }
  }

  if (dryRun) {
    io.stdout(patch);
    const remaining = reports.some((r) => r.findings.some((f) => atOrAbove(f, failOn)));
    return remaining ? EXIT_FINDINGS : EXIT_OK;
  }

  if (writeBaselineFile !== undefined) {
    writeOutputFile(path.resolve(io.cwd, writeBaselineFile), writeBaselineFile, FORMATTERS.json(reports, formatContext(false)));
    const count = reports.reduce((n, r) => n + r.findings.length, 0);
    io.stdout(`Wrote the baseline ${writeBaselineFile}: ${count} ${count === 1 ? 'finding' : 'findings'} in ${reports.length} ${reports.length === 1 ? 'file' : 'files'}\n`);
    return EXIT_OK;
  }

  writeReport(args, io, (color) => FORMATTERS[format](reports, formatContext(color)));

  const failing = reports.some((r) => r.findings.some((f) => atOrAbove(f, failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

export function formatContext(color: boolean): FormatContext {
  return { toolName: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URL, color };
}

/** The report to --output FILE, or to stdout (coloured when useColor says so). */
export function writeReport(args: ParsedArgs, io: CliIo, render: (color: boolean) => string): void {
  const output = optionValue(args, 'output');
  const report = render(!output && useColor(args, io));
  if (output) writeOutputFile(path.resolve(io.cwd, output), output, report);
  else io.stdout(report);
}

/** `--rule ID=SEVERITY` values, checked against the catalogue. */
export function parseRuleSettings(values: readonly string[]): Record<string, SeveritySetting> {
  const settings: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid --rule '${value}': expected ID=SEVERITY, e.g. --rule spof=warning`);
    const id = value.slice(0, eq);
    if (!RULE_IDS.includes(id)) {
      const guess = closest(id, RULE_IDS);
      throw new UsageError(`unknown rule '${id}' in --rule${guess ? ` (did you mean '${guess}'?)` : ''}`);
    }
    settings[id] = oneOf('rule', value.slice(eq + 1), SEVERITY_SETTINGS);
  }
  return settings;
}

/** Colours only on a terminal, never with --no-color or NO_COLOR; --color forces them. */
function useColor(args: ParsedArgs, io: CliIo): boolean {
  if (hasFlag(args, 'color')) return true;
  if (hasFlag(args, 'no-color') || (io.env.NO_COLOR ?? '') !== '') return false;
  return io.stdoutIsTTY;
}
