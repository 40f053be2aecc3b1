// Cursor markers for feature tests: `|` in the YAML marks where the cursor is; `at()` takes
// it out and gives the text, the LSP position and the analysis of the text without it.

import { analyze } from '../../server/src/analysis/engine';
import type { AnalysisResult, AnalyzeOptions } from '../../server/src/analysis/engine';
import type { Position } from '../../server/src/model/types';

export interface AtCursor {
  text: string;
  offset: number;
  position: Position;
  result: AnalysisResult;
}

export const CURSOR = '|';

/** `options` say how the text is read (`{ format: 'compose' }`); infra.yaml by default. */
export function at(marked: string, options?: AnalyzeOptions): AtCursor {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const position = { line, character: offset - (before.lastIndexOf('\n') + 1) };
  return { text, offset, position, result: analyze(text, options) };
}

/** Lines joined into a YAML text. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** The first line of the text that contains `needle`, and the character where it starts. */
export function find(text: string, needle: string, nth = 0): Position {
  let from = 0;
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, from);
    if (index < 0) throw new Error(`"${needle}" not found`);
    from = index + 1;
  }
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - (before.lastIndexOf('\n') + 1) };
}
