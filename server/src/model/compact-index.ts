// The SourceIndex of `check`: what the SourceMap answers from yaml's tree, answered from a
// mirror of the tree's shape in typed arrays (an entry per mapping pair or sequence item:
// its key's and its value's ranges, and the collection the value is), built chunk by chunk
// while each chunk's tree is dropped. A 40,000-component design's tree costs hundreds of MB;
// this costs about 21 bytes per node. Every answer equals the SourceMap's on the same tree
// (server/test/compact-index.test.ts compares them path by path and offset by offset).

import { isMap, isPair, isScalar, isSeq, Pair } from 'yaml';
import type { Node } from 'yaml';
import type { NodePart } from './findings';
import { findIndexByOffset, TextPositions } from './source-index';
import type { PathAtOffset, SourceIndex } from './source-index';
import { SCANNED_MAP_SIZE } from './source-map';
import type { Path, Range } from './types';

/** One mapping pair or sequence item, before it is written into its collection's block. */
export interface EntryRecord {
  flags: number;
  keyStart: number;
  keyEnd: number;
  /** The key as data when it differs from its source text (`"a b"`, `0x1`); else undefined. */
  key: string | undefined;
  valueStart: number;
  valueEnd: number;
  /** The collection the value is, or -1. */
  collection: number;
}

const HAS_KEY = 1; // a pair with a key node
const KEY_RANGE = 2; // …that has a range
const SCALAR_KEY = 4; // …that is a scalar (its data is a path segment)
const HAS_VALUE = 8; // a value node (a pair may have none; a sequence item always has one)
const VALUE_RANGE = 16;
const MAP = 32; // the value is a mapping
const SEQ = 64; // the value is a sequence

/**
 * What stays in the tree of an item already indexed: its key (the duplicate-key pass of the
 * collection still compares it) and its record; the rest of its subtree is dropped.
 */
export class Settled extends Pair {
  constructor(
    key: unknown,
    readonly record: EntryRecord,
  ) {
    super(key);
  }
}

/** A growable column of integers, in a typed array of the kind `make` makes. */
class Column<T extends Int32Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const ints = (): Column<Int32Array> => new Column((n) => new Int32Array(n));

/**
 * Builds the index bottom-up: a collection's entries are written as one block once all of
 * them are known, so a chunk's items can be indexed, and its tree dropped, as soon as it is read.
 */
export class CompactIndexBuilder {
  private readonly flags = new Column((n) => new Uint8Array(n));
  private readonly keyStarts = ints();
  private readonly keyEnds = ints();
  private readonly valueStarts = ints();
  private readonly valueEnds = ints();
  private readonly collections = ints();
  private readonly keys = new Map<number, string>();
  /** Per collection: its first entry and its entry count. */
  private readonly firstEntries = ints();
  private readonly counts = ints();

  constructor(private readonly text: string) {}

  /** Indexes an item that no later chunk can change; what the tree keeps of it. */
  settle(item: Pair | Node, inSeq: boolean): Settled {
    return item instanceof Settled ? item : new Settled(isPair(item) ? item.key : null, this.item(item, inSeq));
  }

  /** The record of one item of a collection: a mapping's pair, or (`inSeq`) a sequence's item. */
  item(item: unknown, inSeq: boolean): EntryRecord {
    if (item instanceof Settled) return item.record;
    if (inSeq && isPair(item)) {
      // Not made by yaml's composer; in the tree it is a node without a range.
      const record = this.valueRecord(null);
      record.flags |= HAS_VALUE;
      return record;
    }
    if (isPair(item)) {
      const record = this.valueRecord(item.value as Node | null);
      const key = item.key as Node | null;
      if (key) {
        record.flags |= HAS_KEY;
        if (key.range) {
          record.flags |= KEY_RANGE;
          record.keyStart = key.range[0];
          record.keyEnd = key.range[1];
        }
        if (isScalar(key)) {
          record.flags |= SCALAR_KEY;
          const k = String(key.value);
          if (!(record.flags & KEY_RANGE) || this.text.slice(record.keyStart, record.keyEnd) !== k) record.key = k;
        }
      }
      return record;
    }
    return this.valueRecord((item ?? null) as Node | null);
  }

  /** A collection of the records, in order; its id. */
  collection(records: readonly EntryRecord[]): number {
    const first = this.flags.length;
    for (const r of records) {
      const at = this.flags.length;
      this.flags.push(r.flags);
      this.keyStarts.push(r.keyStart);
      this.keyEnds.push(r.keyEnd);
      this.valueStarts.push(r.valueStart);
      this.valueEnds.push(r.valueEnd);
      this.collections.push(r.collection);
      if (r.key !== undefined) this.keys.set(at, r.key);
    }
    this.firstEntries.push(first);
    this.counts.push(records.length);
    return this.counts.length - 1;
  }

  /** A record for a value whose collection (when it is one) is written already. */
  valueRecord(value: Node | null | undefined, collection?: number): EntryRecord {
    const record: EntryRecord = { flags: 0, keyStart: -1, keyEnd: -1, key: undefined, valueStart: -1, valueEnd: -1, collection: -1 };
    if (!value) return record;
    record.flags |= HAS_VALUE;
    if (value.range) {
      record.flags |= VALUE_RANGE;
      record.valueStart = value.range[0];
      record.valueEnd = value.range[1];
    }
    if (isMap(value) || isSeq(value)) {
      record.flags |= isMap(value) ? MAP : SEQ;
      record.collection = collection ?? this.collection((value.items as unknown[]).map((child) => this.item(child, isSeq(value))));
    }
    return record;
  }

  /** The index, with `root` the record of the document's contents. */
  finish(root: EntryRecord, lineStarts: readonly number[]): CompactIndex {
    return new CompactIndex(this.text, lineStarts, {
      root,
      flags: this.flags.trimmed(),
      keyStarts: this.keyStarts.trimmed(),
      keyEnds: this.keyEnds.trimmed(),
      valueStarts: this.valueStarts.trimmed(),
      valueEnds: this.valueEnds.trimmed(),
      collections: this.collections.trimmed(),
      keys: this.keys,
      firstEntries: this.firstEntries.trimmed(),
      counts: this.counts.trimmed(),
    });
  }
}

interface Columns {
  root: EntryRecord;
  flags: Uint8Array;
  keyStarts: Int32Array;
  keyEnds: Int32Array;
  valueStarts: Int32Array;
  valueEnds: Int32Array;
  collections: Int32Array;
  keys: Map<number, string>;
  firstEntries: Int32Array;
  counts: Int32Array;
}

/** The root's place in the walk: not an entry of any collection. */
const ROOT = -1;

/** The SourceMap's walk, over entries: `entry` is the last value reached, `pairEntry` the last pair. */
interface Walk {
  entry: number;
  pairEntry: number;
  depth: number;
}

export class CompactIndex extends TextPositions implements SourceIndex {
  private readonly keyIndex = new Map<number, Map<string, number>>();

  constructor(
    text: string,
    lineStarts: readonly number[],
    private readonly c: Columns,
  ) {
    super(text, lineStarts);
  }

  /** The tree's shape for a whole composed tree (the fallback when the text is read whole). */
  static ofTree(text: string, contents: Node | null, lineStarts: readonly number[]): CompactIndex {
    const builder = new CompactIndexBuilder(text);
    return builder.finish(builder.valueRecord(contents), lineStarts);
  }

  rangeOf(path: Path, part: NodePart = 'key'): Range {
    const w = this.walk(path);
    const pairKey = w.pairEntry !== ROOT && this.flag(w.pairEntry, HAS_KEY);
    if (w.depth < path.length || part === 'key') return pairKey ? this.keyRange(w.pairEntry) : this.valueRange(w.entry);
    if (part === 'node' && pairKey && this.flag(w.pairEntry, KEY_RANGE)) {
      const e = w.pairEntry;
      const end = this.flag(w.entry, VALUE_RANGE) ? this.valueEndOf(w.entry) : this.c.keyEnds[e];
      return this.rangeFromOffsets(this.c.keyStarts[e], end);
    }
    return this.valueRange(w.entry);
  }

  firstKeyRange(path: Path): Range | undefined {
    const entry = path.length === 0 ? ROOT : this.walk(path).entry;
    if (!this.flag(entry, MAP)) return undefined;
    const collection = this.collectionOf(entry);
    if (this.c.counts[collection] === 0) return undefined;
    const first = this.c.firstEntries[collection];
    return this.flag(first, KEY_RANGE) ? this.rangeFromOffsets(this.c.keyStarts[first], this.c.keyEnds[first]) : undefined;
  }

  pathAtOffset(offset: number): PathAtOffset {
    const path: (string | number)[] = [];
    let entry = ROOT;
    let part: 'key' | 'value' = 'value';
    for (;;) {
      if (!this.flag(entry, MAP | SEQ)) break;
      const collection = this.collectionOf(entry);
      const first = this.c.firstEntries[collection];
      const count = this.c.counts[collection];
      if (this.flag(entry, MAP)) {
        const i = findIndexByOffset(count, (n) => first + n, offset, (e) => this.pairSpan(e));
        if (i < 0) break;
        const e = first + i;
        if (!this.flag(e, SCALAR_KEY)) break;
        path.push(this.keyOf(e));
        if (this.flag(e, KEY_RANGE) && offset >= this.c.keyStarts[e] && offset <= this.c.keyEnds[e]) {
          part = 'key';
          break;
        }
        part = 'value';
        entry = e;
        if (!this.flag(e, HAS_VALUE)) break;
      } else {
        const i = findIndexByOffset(count, (n) => first + n, offset, (e) => (this.flag(e, VALUE_RANGE) ? [this.c.valueStarts[e], this.c.valueEnds[e]] : null));
        if (i < 0) break;
        path.push(i);
        part = 'value';
        entry = first + i;
      }
    }
    return { path, part };
  }

  private walk(path: Path): Walk {
    let entry = ROOT;
    let pairEntry = ROOT;
    let depth = 0;
    for (const segment of path) {
      if (typeof segment === 'string' && this.flag(entry, MAP)) {
        const e = this.pairOf(this.collectionOf(entry), segment);
        if (e < 0) break;
        pairEntry = e;
        entry = e;
      } else if (typeof segment === 'number' && this.flag(entry, SEQ)) {
        const collection = this.collectionOf(entry);
        if (!Number.isInteger(segment) || segment < 0 || segment >= this.c.counts[collection]) break;
        const e = this.c.firstEntries[collection] + segment;
        if (!this.flag(e, HAS_VALUE)) break;
        // A sequence item has no key: its own range stands for it.
        pairEntry = ROOT;
        entry = e;
      } else {
        break;
      }
      depth++;
    }
    return { entry, pairEntry, depth };
  }

  /** The entry of a mapping's pair by its key (the first occurrence), or -1. */
  private pairOf(collection: number, key: string): number {
    const first = this.c.firstEntries[collection];
    const count = this.c.counts[collection];
    if (count <= SCANNED_MAP_SIZE) {
      for (let e = first; e < first + count; e++) if (this.flag(e, SCALAR_KEY) && this.keyIs(e, key)) return e;
      return -1;
    }
    let index = this.keyIndex.get(collection);
    if (!index) {
      index = new Map();
      for (let e = first; e < first + count; e++) {
        if (!this.flag(e, SCALAR_KEY)) continue;
        const k = this.keyOf(e);
        if (!index.has(k)) index.set(k, e);
      }
      this.keyIndex.set(collection, index);
    }
    return index.get(key) ?? -1;
  }

  private keyIs(e: number, key: string): boolean {
    const own = this.c.keys.get(e);
    if (own !== undefined) return own === key;
    return this.c.keyEnds[e] - this.c.keyStarts[e] === key.length && this.text.startsWith(key, this.c.keyStarts[e]);
  }

  private keyOf(e: number): string {
    return this.c.keys.get(e) ?? this.text.slice(this.c.keyStarts[e], this.c.keyEnds[e]);
  }

  private pairSpan(e: number): [number, number] | null {
    if (!this.flag(e, KEY_RANGE)) return null;
    return [this.c.keyStarts[e], this.flag(e, VALUE_RANGE) ? this.c.valueEnds[e] : this.c.keyEnds[e]];
  }

  private flag(entry: number, bits: number): boolean {
    return ((entry === ROOT ? this.c.root.flags : this.c.flags[entry]) & bits) !== 0;
  }

  private collectionOf(entry: number): number {
    return entry === ROOT ? this.c.root.collection : this.c.collections[entry];
  }

  private valueEndOf(entry: number): number {
    return entry === ROOT ? this.c.root.valueEnd : this.c.valueEnds[entry];
  }

  private keyRange(e: number): Range {
    return this.flag(e, KEY_RANGE) ? this.rangeFromOffsets(this.c.keyStarts[e], this.c.keyEnds[e]) : this.fallbackRange();
  }

  /** The range of the value at `entry`; a value with no range (or none) gives the document's start. */
  private valueRange(entry: number): Range {
    if (!this.flag(entry, VALUE_RANGE)) return this.fallbackRange();
    return entry === ROOT ? this.rangeFromOffsets(this.c.root.valueStart, this.c.root.valueEnd) : this.rangeFromOffsets(this.c.valueStarts[entry], this.c.valueEnds[entry]);
  }

  private fallbackRange(): Range {
    const start = this.flag(ROOT, VALUE_RANGE) ? this.c.root.valueStart : 0;
    return this.rangeFromOffsets(start, start);
  }
}
