// Applying text edits the way an LSP client does: all against the original text, at once.

import type { Position } from '../model/types';
import type { TextEdit } from './fixes';

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
