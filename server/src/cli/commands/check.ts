// `infra-review check`: analyse design files and report, with the exit code CI acts on.

import * as path from 'node:path';
import { RULE_IDS } from '../../analysis/catalogue';
import { analyze } from '../../analysis/engine';
import { formatOptionsFor } from '../../formats';
import { SEVERITIES, SEVERITY_RANK } from '../../model/findings';
import type { Finding, Severity, SeveritySetting } from '../../model/findings';
import { closest } from '../../model/did-you-mean';
import { hasFlag, oneOf, optionValue } from '../args';
import type { ParsedArgs } from '../args';
import { discoverDesignFiles, displayPath } from '../discover';
import { FORMAT_NAMES, FORMATTERS } from '../formatters';
import type { FileReport } from '../formatters';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import type { CliIo, ExitCode } from '../io';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../../project';
import { readDesignText, writeOutputFile } from '../read-design';
import { HELP_OPTION } from './command';
import type { Command } from './command';

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', ...SEVERITIES];

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
    { name: 'rule', value: 'ID=SEVERITY', repeatable: true, help: "set a rule's severity: off, info, warning or error (repeatable)" },
    { name: 'fail-on', value: 'SEVERITY', help: 'lowest severity that makes the exit status 1: error (default), warning or info' },
    { name: 'output', short: 'o', value: 'FILE', help: 'write the report to FILE instead of standard output' },
    { name: 'quiet', short: 'q', help: 'report errors only (warnings and infos are left out, also for --fail-on)' },
    { name: 'color', help: 'colour the text output even when not on a terminal' },
    { name: 'no-color', help: 'never colour the output (so does the NO_COLOR variable)' },
    HELP_OPTION,
  ],
  run: async (args, io) => runCheck(args, io),
};

function runCheck(args: ParsedArgs, io: CliIo): ExitCode {
  const format = oneOf('format', optionValue(args, 'format') ?? 'text', FORMAT_NAMES);
  const failOn = oneOf('fail-on', optionValue(args, 'fail-on') ?? 'error', SEVERITIES);
  const rules = parseRuleSettings(args.options.get('rule') ?? []);
  const quiet = hasFlag(args, 'quiet');
  const output = optionValue(args, 'output');

  const reports: FileReport[] = [];
  for (const file of discoverDesignFiles(io.cwd, args.positionals)) {
    const shown = displayPath(io.cwd, file);
    const text = readDesignText(file, shown);
    const result = analyze(text, { rules, ...formatOptionsFor(file) });
    const findings = quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    reports.push({ path: shown, format: result.format, findings, spofs: result.spofs });
  }

  const color = !output && useColor(args, io);
  const report = FORMATTERS[format](reports, { toolName: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URL, color });
  if (output) writeOutputFile(path.resolve(io.cwd, output), output, report);
  else io.stdout(report);

  const failing = reports.some((r) => r.findings.some((f) => atOrAbove(f, failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
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

function atOrAbove(f: Finding, threshold: Severity): boolean {
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold];
}

/** Colours only on a terminal, never with --no-color or NO_COLOR; --color forces them. */
function useColor(args: ParsedArgs, io: CliIo): boolean {
  if (hasFlag(args, 'color')) return true;
  if (hasFlag(args, 'no-color') || (io.env.NO_COLOR ?? '') !== '') return false;
  return io.stdoutIsTTY;
}
