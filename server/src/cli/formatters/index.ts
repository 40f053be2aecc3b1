// The output formats, by the name `--format` takes.

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
