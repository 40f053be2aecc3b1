// What the analysis needs of a document's source to place what it finds: positions ↔ offsets,
// the range of a model path, and the path at an offset. Two implementations answer it alike:
// the tree-backed `SourceMap` (the editor, which also needs yaml's nodes) and the
// `CompactIndex` (`check`, which keeps no tree). All position maths lives in `TextPositions`:
// offsets are UTF-16 indexes into the text (what both JavaScript strings and LSP use), lines
// and characters are 0-based.

import type { NodePart } from './findings';
import type { Path, Position, Range } from './types';

export interface PathAtOffset {
  /** Path of the innermost node whose key or value contains the offset. */
  path: (string | number)[];
  /** Whether the offset is on the key of the last path segment, or in its value. */
  part: 'key' | 'value';
}

export interface SourceIndex {
  readonly text: string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeFromOffsets(start: number, end: number): Range;
  lineCount(): number;
  /**
   * The range of the key, the value, or the whole node at `path`. When the path does not
   * exist in full, the range of its deepest existing ancestor's key is used, so a finding
   * about a missing field points at the element that lacks it, never at line 0.
   */
  rangeOf(path: Path, part?: NodePart): Range;
  /** The innermost key or value at a source offset. */
  pathAtOffset(offset: number): PathAtOffset;
  /**
   * The range of the first key of the mapping at `path` (or at its deepest existing ancestor);
   * undefined when that is not a mapping with a first key.
   */
  firstKeyRange(path: Path): Range | undefined;
}

/** Offsets ↔ positions over a text's line starts. */
export class TextPositions {
  constructor(
    readonly text: string,
    /** The offset where each line starts, ascending, the first 0. */
    private readonly lineStarts: readonly number[],
  ) {}

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // LineCounter.linePos's binary search, without its intermediate object (this runs for
    // every finding and every related location).
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] < clamped) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === clamped) return { line: low, character: 0 };
    if (low === 0) return { line: -1, character: clamped - 1 };
    return { line: low - 1, character: clamped - starts[low - 1] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line];
    const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), nextLineStart);
  }

  rangeFromOffsets(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  lineCount(): number {
    return this.lineStarts.length;
  }
}

/** Binary search over items in source order; the end of a span counts as inside it. */
export function findIndexByOffset<T>(count: number, at: (i: number) => T, offset: number, span: (t: T) => [number, number] | null): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = span(at(mid));
    if (!s) {
      // A span that cannot be told (a pair without a key range): a scan, as before.
      for (let i = 0; i < count; i++) {
        const r = span(at(i));
        if (r !== null && offset >= r[0] && offset <= r[1]) return i;
      }
      return -1;
    }
    if (offset < s[0]) hi = mid - 1;
    else if (offset > s[1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}
