// `infra-review diff OLD NEW` and `infra-review diff --base REF [FILES or folders...]`: what
// a change does to a design. The engine diffs two texts (analysis/diff.ts); this command
// finds the two versions: two files, or each file now and at REF (read with git).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffDesigns } from '../../analysis/diff';
import { atOrAbove, SEVERITIES } from '../../model/findings';
import { oneOf, optionValue } from '../args';
import type { ParsedArgs } from '../args';
import { detectFormat, formatOptionsFor } from '../../formats';
import { designFilesIn, displayPath } from '../discover';
import { DIFF_FORMAT_NAMES, DIFF_FORMATTERS } from '../formatters';
import type { FileDiff } from '../formatters';
import { GitRevision } from '../git';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import type { CliIo, ExitCode } from '../io';
import { readDesignText } from '../read-design';
import { COLOR_OPTIONS, FAIL_ON_OPTION, formatContext, OUTPUT_OPTION, parseRuleSettings, RULE_OPTION, writeReport } from './check';
import { HELP_OPTION } from './command';
import type { Command } from './command';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'say what a change does to a design: findings and SPOFs added and removed',
  synopsis: 'diff OLD NEW | diff --base REF [FILES or folders...] [options]',
  description:
    'Findings are matched by rule and target, never by line, so moving an element is no change.\n' +
    'With --base, each design file is compared with its version at the git revision REF\n' +
    '(a file that REF does not have is new: all its findings are added). With no FILES,\n' +
    'every design file below the current folder, now or at REF.\n\n' +
    'Exit status: 0 when the change adds nothing at or above --fail-on, 1 when it does,\n' +
    '2 on a usage or read error.',
  options: [
    { name: 'base', value: 'REF', help: 'compare each file with its version at the git revision REF' },
    { name: 'format', short: 'f', value: 'FORMAT', help: 'output format: text (default), json or markdown (a pull-request comment)' },
    RULE_OPTION,
    FAIL_ON_OPTION,
    OUTPUT_OPTION,
    ...COLOR_OPTIONS,
    HELP_OPTION,
  ],
  run: async (args, io) => runDiff(args, io),
};

function runDiff(args: ParsedArgs, io: CliIo): ExitCode {
  const format = oneOf('format', optionValue(args, 'format') ?? 'text', DIFF_FORMAT_NAMES);
  const failOn = oneOf('fail-on', optionValue(args, 'fail-on') ?? 'error', SEVERITIES);
  const rules = parseRuleSettings(args.options.get('rule') ?? []);
  const base = optionValue(args, 'base');

  const pairs = base === undefined ? twoFiles(args.positionals, io) : againstRevision(GitRevision.resolve(io.cwd, base), args.positionals, io);
  const diffs: FileDiff[] = pairs.map((p) => ({ path: p.path, against: p.against, diff: diffDesigns(p.before, p.after, { rules, ...formatOptionsFor(p.path, undefined, p.after ?? p.before ?? undefined) }) }));

  writeReport(args, io, (color) => DIFF_FORMATTERS[format](diffs, formatContext(color)));
  const failing = diffs.some((d) => d.diff.addedFindings.some((f) => atOrAbove(f, failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

interface VersionPair {
  path: string;
  against: string;
  before: string | null;
  after: string | null;
}

function twoFiles(positionals: readonly string[], io: CliIo): VersionPair[] {
  if (positionals.length !== 2) {
    throw new UsageError('diff takes two design files (OLD NEW), or --base REF, e.g. infra-review diff --base origin/main');
  }
  const [before, after] = positionals.map((p) => {
    const file = path.resolve(io.cwd, p);
    const shown = displayPath(io.cwd, file);
    return { shown, text: readDesignText(file, shown) };
  });
  return [{ path: after.shown, against: before.shown, before: before.text, after: after.text }];
}

/**
 * Each design file now and at REF: the files and folders named (the working folder when
 * none is), as they are on disk and as REF has them, so a file the change deletes is
 * compared too.
 */
function againstRevision(revision: GitRevision, positionals: readonly string[], io: CliIo): VersionPair[] {
  const roots = positionals.length > 0 ? positionals : ['.'];
  const files = new Set<string>();
  for (const root of roots) {
    const absolute = path.resolve(io.cwd, root);
    const shown = displayPath(io.cwd, absolute);
    const atRef = revision.list(root === '.' ? '.' : shown);
    const exists = fs.existsSync(absolute);
    if (exists && fs.statSync(absolute).isDirectory()) {
      for (const f of atRef) if (isDesignAt(revision, f)) files.add(f);
      for (const f of designFilesIn(absolute)) files.add(displayPath(io.cwd, f));
    } else if (exists) {
      files.add(shown);
    } else if (atRef.length > 0) {
      // Gone from the disk, still at REF: the change deletes it (a file, or a folder of designs).
      for (const f of atRef) if (atRef.length === 1 || isDesignAt(revision, f)) files.add(f);
    } else {
      throw new UsageError(`cannot read ${root}: no such file or directory, now or at ${revision.ref}`);
    }
  }
  if (files.size === 0) throw new UsageError(`no infra.yaml or *.infra.yaml files found, now or at ${revision.ref}`);
  return [...files].sort().map((shown) => {
    const absolute = path.resolve(io.cwd, shown);
    const after = fs.existsSync(absolute) ? readDesignText(absolute, shown) : null;
    return { path: shown, against: `${shown} at ${revision.ref}`, before: revision.read(shown), after };
  });
}


/** Whether a file at the revision is a design: by its name, or a YAML file by its content there. */
function isDesignAt(revision: GitRevision, file: string): boolean {
  return detectFormat(file, () => revision.read(file) ?? undefined) !== undefined;
}
