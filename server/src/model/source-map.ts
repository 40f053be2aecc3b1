// Maps model paths to YAML nodes and source ranges, and source offsets back to paths.
// All position maths lives here: offsets are UTF-16 indexes into the text (what both
// JavaScript strings and LSP use), lines and characters are 0-based.

import { isMap, isPair, isScalar, isSeq, LineCounter } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { NodePart } from './findings';
import type { Path, Position, Range } from './types';

export interface NodeAtOffset {
  /** Path of the innermost node whose key or value contains the offset. */
  path: (string | number)[];
  /** Whether the offset is on the key of the last path segment, or in its value. */
  part: 'key' | 'value';
  node: Node | null;
  /** The mapping or sequence that holds the node (null at the root). */
  parent: Node | null;
}

/** Mappings with at most this many pairs are searched by a scan rather than indexed. */
const SCANNED_MAP_SIZE = 16;

export class SourceMap {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
    readonly lineCounter: LineCounter,
  ) {}

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // LineCounter.linePos's binary search, without its intermediate object (this runs for
    // every finding and every related location).
    const starts = this.lineCounter.lineStarts;
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
    const starts = this.lineCounter.lineStarts;
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
    return this.lineCounter.lineStarts.length;
  }

  /** The pair of a mapping by its key, in O(1) after the first look-up of that mapping. */
  pairOf(map: YAMLMap, key: string): Pair | undefined {
    if (map.items.length <= SCANNED_MAP_SIZE) {
      // A short mapping (most of them) is scanned: an index would cost more than it saves.
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair;
      }
      return undefined;
    }
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : null;
        // The first occurrence wins, as in the data the model was built from.
        if (k !== null && !index.has(k)) index.set(k, item as Pair);
      }
      this.keyIndex.set(map, index);
    }
    return index.get(key);
  }

  /** The node at `path`, or undefined when some segment does not exist. */
  nodeAt(path: Path): Node | undefined {
    return this.walk(path).node ?? undefined;
  }

  /** The mapping pair whose key is the last segment of `path`, when there is one. */
  pairAt(path: Path): Pair | undefined {
    const w = this.walk(path);
    return w.depth === path.length ? w.pair ?? undefined : undefined;
  }

  /**
   * The range of the key, the value, or the whole node at `path`. When the path does not
   * exist in full, the range of its deepest existing ancestor's key is used, so a finding
   * about a missing field points at the element that lacks it, never at line 0.
   */
  rangeOf(path: Path, part: NodePart = 'key'): Range {
    const w = this.walk(path);
    if (w.depth < path.length) {
      return w.pair?.key ? this.nodeRange(w.pair.key as Node, 'value') : this.nodeRange(w.node, 'value');
    }
    if (part === 'key') {
      if (w.pair?.key) return this.nodeRange(w.pair.key as Node, 'value');
      return this.nodeRange(w.node, 'value');
    }
    if (part === 'node' && w.pair?.key) {
      const keyRange = (w.pair.key as Node).range;
      const valueRange = w.node?.range;
      if (keyRange) return this.rangeFromOffsets(keyRange[0], valueRange ? valueRange[1] : keyRange[1]);
    }
    return this.nodeRange(w.node, 'value');
  }

  private nodeRange(node: Node | null | undefined, _part: 'value'): Range {
    if (!node?.range) {
      const contents = this.doc.contents as Node | null;
      if (contents?.range) return this.rangeFromOffsets(contents.range[0], contents.range[0]);
      return this.rangeFromOffsets(0, 0);
    }
    return this.rangeFromOffsets(node.range[0], node.range[1]);
  }

  private walk(path: Path): { node: Node | null; pair: Pair | null; depth: number } {
    let node = this.doc.contents as Node | null;
    let pair: Pair | null = null;
    let depth = 0;
    for (const segment of path) {
      if (typeof segment === 'string' && isMap(node)) {
        const p = this.pairOf(node, segment);
        if (!p) break;
        pair = p;
        node = (p.value as Node | null) ?? null;
      } else if (typeof segment === 'number' && isSeq(node)) {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        // A sequence item has no key: its own range stands for it.
        pair = null;
        node = item;
      } else {
        break;
      }
      depth++;
    }
    if (depth < path.length && pair === null && depth > 0) {
      // Keep the item itself as the fallback anchor.
      return { node, pair: null, depth };
    }
    return { node, pair, depth };
  }

  /** The innermost node at a source offset, for hover, completion and the preview. */
  nodeAtOffset(offset: number): NodeAtOffset {
    const path: (string | number)[] = [];
    let node = this.doc.contents as Node | null;
    let parent: Node | null = null;
    let part: 'key' | 'value' = 'value';
    for (;;) {
      if (isMap(node)) {
        const pair = findByOffset(node.items as Pair[], offset, (p) => pairSpan(p));
        if (!pair) break;
        const key = pair.key as Node | null;
        const k = isScalar(key) ? String(key.value) : null;
        if (k === null) break;
        path.push(k);
        parent = node;
        if (key?.range && offset >= key.range[0] && offset <= key.range[1]) {
          part = 'key';
          node = (pair.value as Node | null) ?? null;
          break;
        }
        part = 'value';
        node = (pair.value as Node | null) ?? null;
        if (!node) break;
      } else if (isSeq(node)) {
        const items = node.items as Node[];
        const index = findIndexByOffset(items, offset, (n) => (n?.range ? [n.range[0], n.range[1]] : null));
        if (index < 0) break;
        path.push(index);
        parent = node;
        part = 'value';
        node = items[index];
      } else {
        break;
      }
    }
    return { path, part, node, parent };
  }
}

function pairSpan(p: Pair): [number, number] | null {
  const k = (p.key as Node | null)?.range;
  const v = (p.value as Node | null)?.range;
  if (!k) return null;
  return [k[0], v ? v[1] : k[1]];
}

function findByOffset<T>(items: T[], offset: number, span: (t: T) => [number, number] | null): T | undefined {
  const i = findIndexByOffset(items, offset, span);
  return i >= 0 ? items[i] : undefined;
}

/** Binary search over items in source order; the end of a span counts as inside it. */
function findIndexByOffset<T>(items: T[], offset: number, span: (t: T) => [number, number] | null): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = span(items[mid]);
    if (!s) return items.findIndex((t) => {
      const r = span(t);
      return r !== null && offset >= r[0] && offset <= r[1];
    });
    if (offset < s[0]) hi = mid - 1;
    else if (offset > s[1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}
