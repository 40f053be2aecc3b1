// The output formats, by the name `--format` takes.

import { formatJsonDiff } from './diff-json';
import { formatMarkdownDiff } from './diff-markdown';
import { formatTextDiff } from './diff-text';
import type { DiffFormatter } from './diff-types';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Formatter } from './types';

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

export type { FileReport, FormatContext, Formatter } from './types';

/** The formats of `diff`, by the name `--format` takes. */
export const DIFF_FORMATTERS = {
  text: formatTextDiff,
  json: formatJsonDiff,
  markdown: formatMarkdownDiff,
} as const satisfies Record<string, DiffFormatter>;

export type DiffFormatName = keyof typeof DIFF_FORMATTERS;
export const DIFF_FORMAT_NAMES = Object.keys(DIFF_FORMATTERS) as DiffFormatName[];

export type { FileDiff } from './diff-types';
