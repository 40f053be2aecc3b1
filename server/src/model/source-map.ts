// Maps model paths to YAML nodes and source ranges, and source offsets back to paths, over
// the composed tree (the editor's SourceIndex: hover, completion and fixes need the nodes).

import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type { NodePart } from './findings';
import { findIndexByOffset, TextPositions } from './source-index';
import type { PathAtOffset, SourceIndex } from './source-index';
import type { Path, Range } from './types';

export interface NodeAtOffset extends PathAtOffset {
  node: Node | null;
  /** The mapping or sequence that holds the node (null at the root). */
  parent: Node | null;
}

/** Mappings with at most this many pairs are searched by a scan rather than indexed. */
export const SCANNED_MAP_SIZE = 16;

export class SourceMap extends TextPositions implements SourceIndex {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    text: string,
    readonly doc: Document.Parsed,
    readonly lineCounter: LineCounter,
  ) {
    super(text, lineCounter.lineStarts);
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

  firstKeyRange(path: Path): Range | undefined {
    const node = path.length === 0 ? this.doc.contents : this.nodeAt(path);
    const firstKey = node && 'items' in node && Array.isArray(node.items) ? (node.items[0] as { key?: { range?: number[] } } | undefined)?.key : undefined;
    const r = firstKey?.range;
    return r ? this.rangeFromOffsets(r[0], r[1]) : undefined;
  }

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

  pathAtOffset(offset: number): PathAtOffset {
    const { path, part } = this.nodeAtOffset(offset);
    return { path, part };
  }

  /** The innermost node at a source offset, for hover, completion and the preview. */
  nodeAtOffset(offset: number): NodeAtOffset {
    const path: (string | number)[] = [];
    let node = this.doc.contents as Node | null;
    let parent: Node | null = null;
    let part: 'key' | 'value' = 'value';
    for (;;) {
      if (isMap(node)) {
        const pairs = node.items as Pair[];
        const pair = pairs[findIndexByOffset(pairs.length, (i) => pairs[i], offset, pairSpan)] as Pair | undefined;
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
        const index = findIndexByOffset(items.length, (i) => items[i], offset, (n) => (n?.range ? [n.range[0], n.range[1]] : null));
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
