// Applying text edits the way an LSP client does: all against the original text, at once.

import type { Change } from '../../src/model/findings';
import { fixToEdits } from '../../src/language/fixes';
import type { TextEdit } from '../../src/language/fixes';
import { parseText } from '../../src/model/parse';
import type { Position } from '../../src/model/types';

/** Offset of an LSP position in `text` (lines end at "\n"; a "\r" before it is part of the line). */
export function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const lf = text.indexOf('\n', offset);
    if (lf < 0) return text.length;
    offset = lf + 1;
  }
  return offset + position.character;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e, order) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`edits overlap: ${JSON.stringify(spans)}`);
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text after the changes, or undefined when no edits were produced. */
export function applyChanges(text: string, changes: Change[]): string | undefined {
  const edits = fixToEdits(parseText(text), { title: 'test', changes });
  return edits.length === 0 ? undefined : applyEdits(text, edits);
}

/**
 * The lines of `before` that no edit touches must all be in `after`, unchanged (line
 * ends included) and in order. Returns the first one missing, or undefined.
 */
export function untouchedLineMissing(before: string, after: string, edits: readonly TextEdit[]): string | undefined {
  const touched = new Set<number>();
  for (const e of edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) touched.add(l);
  const afterLines = splitKeepingEnds(after);
  let j = 0;
  const beforeLines = splitKeepingEnds(before);
  for (let i = 0; i < beforeLines.length; i++) {
    if (touched.has(i)) continue;
    while (j < afterLines.length && afterLines[j] !== beforeLines[i]) j++;
    if (j === afterLines.length) return beforeLines[i];
    j++;
  }
  return undefined;
}

function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
