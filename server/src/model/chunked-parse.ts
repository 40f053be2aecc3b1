// Incremental composition of a large design: the text is cut into chunks that yaml would
// compose independently anyway (each top-level section, and each entry of a block section
// such as `components` or `dns`), each chunk is composed alone and cached by its text, and
// the pieces are assembled into one Document whose nodes and ranges are those a whole parse
// gives. After a one-line edit only the edited chunk is composed again.
//
// It answers null, and the caller parses the whole text, whenever the cut is not provably
// harmless: anchors, aliases or tags, document markers or directives, a line at column 0
// that may belong to the line above (`?`, a quote) or a first line that is not `key:`, an
// empty value before a comment at a cut, a clean chunk that composes to something other
// than entries, or a chunk nested too deep.
//
// A chunk with YAML errors or warnings is kept, with its problems: each problem stays in the
// entry where it is, and the other entries are read as if it were not there (yaml's own
// recovery lets one mis-indented line turn the rest of the file into errors). This never changes the result for a valid text: a construct that crosses a cut
// (an open quote or bracket, a scalar continued at the entry's own indentation) is itself a
// YAML error in the whole text, because the line after the cut is not indented enough to
// continue it. So a text is read exactly as yaml reads it when it has no problem, and entry
// by entry when it has one; `parseText` gives the same answer with or without a cache.

import { Composer, Document, isNode, isPair, LineCounter, Pair, Parser, Scalar, YAMLMap, YAMLParseError, YAMLSeq, YAMLWarning } from 'yaml';
import type { DocumentOptions, Node, ParseOptions, SchemaOptions } from 'yaml';
import { findDuplicatePairKeys, inspectBelowItems } from './tree-shape';
import type { TreeShape } from './tree-shape';
import { findTooDeep, withoutStackTraces } from './yaml-guards';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Valid documents with fewer lines than this are parsed whole: a few milliseconds. Past it, an
 * edit re-composes one entry instead of every line (measured at 1,000 lines: 5 ms per edit
 * against 36 ms for a whole parse; a first parse costs the same either way).
 */
export const DEFAULT_MIN_CHUNKED_LINES = 200;

type Range3 = [number, number, number];
type Item = Pair | Node;

/** One chunk composed alone: the items of its root collection, ranges absolute at `offset`. */
interface ComposedChunk {
  offset: number;
  /** Whether the chunk composed cleanly into one root collection of the expected kind. */
  usable: boolean;
  items: Item[];
  range: Range3;
  /** Where yaml starts and ends the chunk's document (after a leading comment block, before trailing trivia). */
  docStart: number;
  docEnd: number;
  /** yaml's errors and warnings for the chunk composed alone, positions absolute at `offset`. */
  errors: YAMLParseError[];
  warnings: YAMLWarning[];
  /** What `inspectTree` finds below the chunk's items (ranges absolute at `offset`). */
  shape: TreeShape;
  /**
   * The items as data (an object, or an array for a sequence's entries), made when first asked
   * for; null when yaml could not convert them. It does not depend on the offset, so moved
   * copies share the box: the data of an unchanged entry is the same object from one parse to the next.
   */
  converted: { data?: { value: unknown } | null };
}

/**
 * Composed chunks of one open document, by chunk text. Each parse keeps only the chunks of
 * the text it parsed, so the cache never holds more than one version's worth.
 */
export class ChunkCache {
  private entries = new Map<string, ComposedChunk>();
  /** What the last parse did, for tests and benchmarks. */
  lastRun: ChunkStats = noRun();

  constructor(readonly minLines = DEFAULT_MIN_CHUNKED_LINES) {}

  get size(): number {
    return this.entries.size;
  }

  /** @internal */
  swap(next: Map<string, ComposedChunk>): Map<string, ComposedChunk> {
    const previous = this.entries;
    this.entries = next;
    return previous;
  }
}

export interface ChunkStats {
  /** Whether the text was large enough to be cut (and could be cut). */
  attempted: boolean;
  /** Whether the last parse was assembled from chunks (false: the text was parsed whole). */
  chunked: boolean;
  /** The chunks with YAML problems, as [start, end) offsets: each was read on its own. */
  broken: [number, number][];
  /** Chunks composed from their text. */
  composed: number;
  /** Chunks taken from the cache as they were. */
  reused: number;
  /** Chunks taken from the cache and copied to a new offset. */
  moved: number;
  /**
   * Why the text that was cut was then parsed whole, when it was: `refused` when a chunk could
   * not be placed as yaml would place it (expected, and always safe), `failed` with the error
   * when composing the chunks threw (a defect in this module: the fuzz summary counts them).
   */
  fallback: ChunkFallback | null;
}

export type ChunkFallback = { kind: 'refused' } | { kind: 'failed'; error: string };

export function noRun(): ChunkStats {
  return { attempted: false, chunked: false, broken: [], composed: 0, reused: 0, moved: 0, fallback: null };
}

export interface ChunkedOptions {
  yamlOptions: YamlOptions;
  /** Collections nested deeper than this make the whole parse (which refuses them) run instead. */
  maxDepth: number;
  /** Cut texts of this many lines and more (default: the cache's threshold). */
  minLines?: number;
}

export interface ChunkedResult {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** `inspectTree` of the document, from the chunks' own; null when the caller must inspect the tree. */
  shape: TreeShape | null;
  /**
   * `doc.toJS()`, assembled from the chunks' data; null when some chunk could not be converted
   * (the caller converts the document, and reports why).
   */
  data(): { value: unknown } | null;
}

/** The composed document, or null when the text must be parsed whole. */
export function composeChunked(text: string, cache: ChunkCache, options: ChunkedOptions): ChunkedResult | null {
  cache.lastRun = noRun();
  const lineStarts = lineStartsOf(text);
  if (lineStarts.length < (options.minLines ?? cache.minLines)) return null;
  const sections = splitSections(text, lineStarts);
  if (!sections) return null;
  cache.lastRun.attempted = true;

  const doc = new Document(null, options.yamlOptions) as Document.Parsed;
  const next = new Map<string, ComposedChunk>();
  const composer = new ChunkComposer(text, cache.swap(next), next, doc.schema, options, cache.lastRun);
  const root = assembleRecorded(composer, sections, cache.lastRun);
  if (!root) {
    composer.carryOver(sections);
    return null;
  }

  cache.lastRun.chunked = true;
  cache.lastRun.broken = composer.broken.map((c) => c.span);
  for (const chunk of composer.broken) {
    doc.errors.push(...chunk.errors);
    doc.warnings.push(...chunk.warnings);
  }
  doc.contents = root as Document.Parsed['contents'];
  // As composeDoc sets it: from the document start to the end of its contents.
  doc.range = [composer.docStart, root.range![2], composer.docEnd];
  const lineCounter = new LineCounter();
  for (const start of lineStarts) lineCounter.addNewLine(start);
  return { doc, lineCounter, shape: composer.shape(root), data: () => composer.data() };
}

/** Where a streamed composition hands each item over once no later chunk can change it; what it gives back stays in the tree. */
export interface ItemSink {
  settle(item: Pair | Node, inSeq: boolean): Pair | Node;
}

export interface StreamedResult {
  /** The root mapping, its items and its sections' items as the sink gave them back. */
  root: YAMLMap;
  lineStarts: number[];
  errors: YAMLParseError[];
  warnings: YAMLWarning[];
  shape: TreeShape;
  data: unknown;
  stats: ChunkStats;
}

/**
 * The chunked composition of `composeChunked` (any size, no cache) that keeps no chunk's
 * tree: each item goes to `sink` as soon as it is final, with its data converted first. The
 * answer is the one `parseText` gives without a cache: a text with YAML problems is read entry
 * by entry there too, and a valid one reads the same either way. Null, with `stats.fallback`
 * when the cut was tried, whenever the caller must read the text whole: it cannot be cut, a
 * chunk nests too deep, or some chunk's data cannot be converted (the whole conversion says why).
 */
export function composeStreamed(text: string, options: ChunkedOptions, sink: ItemSink, stats: ChunkStats = noRun()): StreamedResult | null {
  const lineStarts = lineStartsOf(text);
  const sections = splitSections(text, lineStarts);
  if (!sections) return null;
  stats.attempted = true;
  const schema = new Document(null, options.yamlOptions).schema;
  const composer = new ChunkComposer(text, new Map(), new Map(), schema, options, stats, sink);
  const root = assembleRecorded(composer, sections, stats);
  if (!root) return null;
  const shape = composer.shape(root);
  const data = composer.data();
  if (!shape || !data) return null;
  stats.chunked = true;
  stats.broken = composer.broken.map((c) => c.span);
  return {
    root,
    lineStarts,
    errors: composer.broken.flatMap((c) => c.errors),
    warnings: composer.broken.flatMap((c) => c.warnings),
    shape,
    data: data.value,
    stats,
  };
}

/** The composer's root, or null with the reason recorded in `stats`. */
function assembleRecorded(composer: ChunkComposer, sections: readonly Section[], stats: ChunkStats): YAMLMap | null {
  try {
    const root = composer.assemble(sections);
    if (!root) stats.fallback = { kind: 'refused' };
    return root;
  } catch (err) {
    // The whole parse still gives the answer; the error is recorded, never lost.
    stats.fallback = { kind: 'failed', error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    return null;
  }
}

// ---- Cutting the text ----

/** A chunk's place in the text; `depth` is how deep its root collection sits in the document. */
export interface ChunkSpan {
  start: number;
  end: number;
  depth: 0 | 1;
  /** Whether the chunk opens with comment lines (that a whole parse may give to the node before). */
  leadingComments: boolean;
}

/**
 * A top-level section. `whole`: one chunk holding the section. `map` / `seq`: a header chunk
 * (the `key:` line) and one chunk per entry of its block mapping or sequence.
 */
export interface Section {
  kind: 'whole' | 'map' | 'seq';
  header: ChunkSpan;
  entries: ChunkSpan[];
}

const TOP_KEY = /^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \r]|$)/;
const BARE_TOP_KEY = /^[A-Za-z_][A-Za-z0-9_-]*:[ ]*(?:#.*)?\r?$/;
const ENTRY_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*:(?:[ \r]|$)/;
const SEQ_ITEM = /^-(?:[ \r]|$)/;
/**
 * What a line at column 0 that starts a new item of the root mapping can begin with: a plain
 * scalar, `[` or `{` (a flow key, or a multi-line one that yaml reports). Not `?` or `:`
 * (explicit keys and values, and an empty key, whose range yaml puts on the line before:
 * see CONTINUATION), quotes (a quote there may close a scalar opened above), comments,
 * anchors, aliases, tags, block scalars, directives.
 */
const KEY_START = /^[^\s\-?:,\]}#&*!|>'"%@`]/;
/**
 * What may continue, at column 0, what the lines above began: `]`, `}` or `,` in a flow
 * collection, `-` in a sequence under a `key:`, `?` and `:` in an explicit or empty key.
 */
const CONTINUATION = /^[\]},?:-]/;
/** `:` as the first thing on a line: the value of an explicit or empty key. */
const VALUE_INDICATOR = /^:(?:[ \t\r]|$)/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;
/** An anchor, alias or tag where a node can start. */
const NODE_PROPERTY = /(?:^|[\s,[\]{}])[&*!][^\s,[\]{}]/;

interface Line {
  start: number;
  /** Where its content ends (before `\r\n` or `\n`). */
  end: number;
  indent: number;
  trivia: boolean;
  comment: boolean;
  /**
   * A tab ends its indentation. Such a line is never a cut: valid YAML has one only inside a
   * construct begun on an earlier line (a block scalar, a flow collection, a quoted scalar),
   * and anywhere else yaml reports it, so it belongs with the lines before it either way.
   */
  tabbed: boolean;
  /**
   * At column 0, a character that may continue what the lines above began (CONTINUATION):
   * never a cut, and its section is composed as one chunk.
   */
  continuation: boolean;
}

/** The sections of the text, or null when it cannot be cut safely. */
export function splitSections(text: string, lineStarts: readonly number[] = lineStartsOf(text)): Section[] | null {
  if (/\r(?!\n)/.test(text) || NODE_PROPERTY.test(text)) return null;
  const lines: Line[] = [];
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    let end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent < end ? text[start + indent] : '';
    const trivia = first === '' || first === '#';
    lines.push({ start, end, indent, trivia, comment: first === '#', tabbed: first === '\t', continuation: indent === 0 && CONTINUATION.test(first) });
  }

  // Section starts: lines at column 0 that begin a key (`key:`, a plain scalar, a flow
  // collection or `:`, which yaml reads as a key or reports). The first must be a `key:`.
  // Anything else at column 0 is refused.
  const keyLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.continuation && DOCUMENT_MARKER.test(text.slice(line.start, line.start + 4))) return null;
    if (line.trivia || line.indent > 0 || line.tabbed || line.continuation) {
      if (!line.trivia && keyLines.length === 0) return null;
      continue;
    }
    if (!KEY_START.test(text[line.start]) || DOCUMENT_MARKER.test(text.slice(line.start, line.start + 4))) return null;
    if (keyLines.length === 0 && !TOP_KEY.test(text.slice(line.start, Math.min(line.end, line.start + 200)))) return null;
    keyLines.push(i);
  }
  if (keyLines.length === 0) return null;

  const sections: Section[] = [];
  for (let k = 0; k < keyLines.length; k++) {
    const first = k === 0 ? 0 : leadingTriviaStart(lines, keyLines[k], 0);
    const last = k + 1 < keyLines.length ? leadingTriviaStart(lines, keyLines[k + 1], 0) : lines.length;
    sections.push(cutSection(text, lines, keyLines[k], first, last));
  }
  return sections;
}

/**
 * The first line of the comments that belong to the entry starting at line `at`: the run of
 * comment lines (no deeper than the entry) and blank lines just above it, from its first
 * comment. Blank lines above that run stay with the previous chunk: they may end a `|+` scalar.
 */
function leadingTriviaStart(lines: readonly Line[], at: number, indent: number): number {
  let first = at;
  for (let i = at - 1; i >= 0 && lines[i].trivia; i--) {
    if (lines[i].comment) {
      if (lines[i].indent > indent) break;
      first = i;
    }
  }
  return first;
}

function cutSection(text: string, lines: readonly Line[], keyLine: number, first: number, last: number): Section {
  const span = (from: number, to: number, depth: 0 | 1): ChunkSpan => ({
    start: lines[from].start,
    end: to < lines.length ? lines[to].start : text.length,
    depth,
    leadingComments: lines[from].comment,
  });
  const whole: Section = { kind: 'whole', header: span(first, last, 0), entries: [] };
  const key = lines[keyLine];
  if (!BARE_TOP_KEY.test(text.slice(key.start, key.end))) return whole;

  let firstEntry = keyLine + 1;
  while (firstEntry < last && lines[firstEntry].trivia) firstEntry++;
  if (firstEntry >= last) return whole;
  const indent = lines[firstEntry].indent;
  const kind = SEQ_ITEM.test(lineText(text, lines[firstEntry])) ? 'seq' : ENTRY_KEY.test(lineText(text, lines[firstEntry])) ? 'map' : null;
  if (!kind) return whole;
  const isEntry = kind === 'seq' ? SEQ_ITEM : ENTRY_KEY;

  const starts: number[] = [];
  for (let i = firstEntry; i < last; i++) {
    const line = lines[i];
    if (line.continuation) return whole;
    if (line.trivia || line.tabbed) continue;
    if (line.indent < indent) {
      // A line indented less than the entries (but not at column 0) is a YAML error in any
      // text, and stays in the entry above it as tabbed lines do; except a value indicator
      // (`: v`), which yaml gives to the root mapping, under an empty key, without a word.
      if (VALUE_INDICATOR.test(lineText(text, line))) return whole;
      continue;
    }
    if (line.indent !== indent) continue;
    if (isEntry.test(lineText(text, line))) starts.push(i);
    // Beside the items of a sequence, yaml may read such a line (`: value`) as an item of the
    // root mapping: only the section composed whole says so.
    else if (kind === 'seq') return whole;
  }
  if (starts.length < 2) return whole;

  const chunkStarts = starts.map((s, n) => (n === 0 ? s : leadingTriviaStart(lines, s, indent)));
  // The comments between the header and the first entry travel with the first entry.
  chunkStarts[0] = leadingTriviaStart(lines, starts[0], indent);
  const entries = chunkStarts.map((s, n) => span(s, n + 1 < chunkStarts.length ? chunkStarts[n + 1] : last, 1));
  return { kind, header: span(first, chunkStarts[0], 0), entries };
}

function lineText(text: string, line: Line): string {
  return text.slice(line.start + line.indent, Math.min(line.end, line.start + line.indent + 200));
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

// ---- Composing and assembling ----

class ChunkComposer {
  constructor(
    private readonly text: string,
    private readonly previous: Map<string, ComposedChunk>,
    private readonly next: Map<string, ComposedChunk>,
    private readonly schema: Document['schema'],
    private readonly options: ChunkedOptions,
    private readonly stats: ChunkStats,
    /** Streamed (`composeStreamed`): each item is handed over once final, and no chunk is kept. */
    private readonly sink: ItemSink | null = null,
  ) {}

  docStart = 0;
  docEnd = 0;
  /** The chunks placed so far that have YAML problems, in text order: where they are, and their problems. */
  readonly broken: { span: [number, number]; errors: YAMLParseError[]; warnings: YAMLWarning[] }[] = [];
  /** The sections assembled, with their chunks, in text order (for `shape` and `data`). */
  private readonly placed: { kind: Section['kind']; header: ComposedChunk; value?: YAMLMap | YAMLSeq; entries: ComposedChunk[] }[] = [];
  /** A document to convert chunks to data in, made once per parse. */
  private holder?: Document;
  /** Where the items of the chunk just placed went, and where that chunk ends (see `join`). */
  private before: { into: Item[]; end: number; endsWithComment?: boolean; inSeq?: boolean } | null = null;
  /** Streamed: how many items of each collection were handed to the sink already. */
  private readonly settled = new WeakMap<Item[], number>();

  /** The whole document's root mapping, or null when some chunk is unusable. */
  assemble(sections: readonly Section[]): YAMLMap | null {
    const items: Item[] = [];
    let range: Range3 | null = null;
    for (const section of sections) {
      const header = this.chunk(section.header, 'map');
      if (!header.usable || !this.joined(section.header)) return null;
      if (section === sections[0]) this.docStart = header.docStart;
      let sectionRange: Range3;
      if (section.kind === 'whole') {
        // A broken section that composed to nothing usable adds nothing (and ends nothing open).
        this.before = null;
        if (header.items.length === 0) continue;
        this.placed.push({ kind: 'whole', header: this.kept(header, 'map'), entries: [] });
        items.push(...header.items);
        sectionRange = header.range;
        this.before = { into: items, end: section.header.end };
      } else {
        if (header.items.length !== 1 || isBroken(header)) return null;
        const pair = header.items[0] as Pair;
        // The header's empty value is replaced by the entries: nothing ends empty before them.
        this.before = null;
        const entries: ComposedChunk[] = [];
        const value = this.assembleValue(section, pair, entries);
        if (!value) return null;
        this.placed.push({ kind: section.kind, header: this.kept(header, 'map'), value, entries });
        items.push(new Pair(pair.key, value));
        sectionRange = [header.range[0], value.range![2], value.range![2]];
      }
      range = range ? [range[0], sectionRange[1], sectionRange[2]] : sectionRange;
    }
    this.settleBefore();
    // Every section broken to nothing: there is no tree to assemble.
    if (!range) return null;
    const map = new YAMLMap(this.schema);
    map.items = items as Pair[];
    map.range = range;
    return map;
  }

  /** Chunks of the sections that were not reached keep their cached composition for the next edit. */
  carryOver(sections: readonly Section[]): void {
    for (const section of sections) {
      for (const span of [section.header, ...section.entries]) {
        const key = this.text.slice(span.start, span.end);
        const hit = this.previous.get(key);
        if (hit && !this.next.has(key)) this.next.set(key, hit);
      }
    }
  }

  /**
   * What `inspectTree` gives for the assembled root: the keys of the root and of each section
   * compared here, everything below them taken from the chunks. Null when something nests too
   * deep (which chunk comes first is then the whole walk's to say).
   */
  shape(root: YAMLMap): TreeShape | null {
    const shape: TreeShape = { duplicateKeys: [], tooDeep: null };
    findDuplicatePairKeys(root.items, shape);
    for (const section of this.placed) {
      if (section.value instanceof YAMLMap) findDuplicatePairKeys(section.value.items, shape);
      for (const chunk of section.kind === 'whole' ? [section.header] : section.entries) {
        if (chunk.shape.tooDeep) return null;
        shape.duplicateKeys.push(...chunk.shape.duplicateKeys);
      }
    }
    shape.duplicateKeys.sort((a, b) => a.range[0] - b.range[0]);
    return shape;
  }

  /** The document's data from its chunks', key by key as yaml's own conversion adds them. */
  data(): { value: unknown } | null {
    const root: Record<string, unknown> = {};
    for (const section of this.placed) {
      const header = this.dataOf(section.header, 'map');
      if (!header) return null;
      const own = header.value as Record<string, unknown>;
      if (section.kind === 'whole') {
        for (const key of Object.keys(own)) addKey(root, key, own[key]);
        continue;
      }
      let value: unknown;
      if (section.kind === 'map') {
        const map: Record<string, unknown> = {};
        for (const entry of section.entries) {
          const data = this.dataOf(entry, 'map');
          if (!data) return null;
          const items = data.value as Record<string, unknown>;
          for (const key of Object.keys(items)) addKey(map, key, items[key]);
        }
        value = map;
      } else {
        const seq: unknown[] = [];
        for (const entry of section.entries) {
          const data = this.dataOf(entry, 'seq');
          if (!data) return null;
          seq.push(...(data.value as unknown[]));
        }
        value = seq;
      }
      addKey(root, Object.keys(own)[0], value);
    }
    return { value: root };
  }

  /** The chunk's items as data, converted once per composition of the chunk. */
  private dataOf(chunk: ComposedChunk, kind: 'map' | 'seq'): { value: unknown } | null {
    const box = chunk.converted;
    if (box.data !== undefined) return box.data;
    const holder = (this.holder ??= new Document(null, this.options.yamlOptions));
    const collection = kind === 'map' ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    collection.items = chunk.items as never[];
    holder.contents = collection;
    try {
      box.data = { value: holder.toJS() };
    } catch {
      // The whole document's conversion says what went wrong, at its place.
      box.data = null;
    }
    return box.data;
  }

  private assembleValue(section: Section, header: Pair, entries: ComposedChunk[]): YAMLMap | YAMLSeq | null {
    // The header alone composes to `key: null`; a one-item header has nothing else in it.
    if (header.value !== null && !(header.value instanceof Scalar && header.value.value === null)) return null;
    const items: Item[] = [];
    let start = -1;
    let end: Range3 = [0, 0, 0];
    for (const span of section.entries) {
      const chunk = this.chunk(span, section.kind === 'map' ? 'map' : 'seq');
      if (!chunk.usable || !this.joined(span)) return null;
      if (chunk.items.length === 0) {
        this.before = null;
        continue;
      }
      entries.push(this.kept(chunk, section.kind === 'map' ? 'map' : 'seq'));
      items.push(...chunk.items);
      // A chunk whose collection ends past its last item ends with a comment line: in a whole
      // parse the enclosing collection then also takes the comment lines that follow.
      this.before = { into: items, end: span.end, endsWithComment: chunk.range[2] > chunk.range[1], inSeq: section.kind === 'seq' };
      if (start < 0) start = chunk.range[0];
      end = chunk.range;
    }
    if (items.length === 0) return null;
    const value = section.kind === 'map' ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    value.items = items as never[];
    value.range = [start, end[1], end[2]];
    return value;
  }

  /** `join`, and then, streamed, the items placed before `span` go to the sink: nothing can change them now. */
  private joined(span: ChunkSpan): boolean {
    if (!this.join(span)) return false;
    this.settleBefore();
    return true;
  }

  private settleBefore(): void {
    if (!this.sink || !this.before) return;
    const { into, inSeq } = this.before;
    for (let i = this.settled.get(into) ?? 0; i < into.length; i++) into[i] = this.sink.settle(into[i], inSeq ?? false);
    this.settled.set(into, into.length);
  }

  /** What `placed` keeps of a chunk: all of it; streamed, its data (converted now), shape and problems, not its tree. */
  private kept(chunk: ComposedChunk, kind: 'map' | 'seq'): ComposedChunk {
    if (!this.sink) return chunk;
    this.dataOf(chunk, kind);
    return { ...chunk, items: [] };
  }

  /**
   * Places `span` after the chunk before it. In a whole parse, a node that ends open (an empty
   * value, or a collection closed by a trailing comment line) stretches to the next token: over
   * the indentation of the next chunk's first line, which is added to its ends here, and over
   * comment lines, which makes the next chunk unusable.
   */
  private join(span: ChunkSpan): boolean {
    const before = this.before;
    const last = before ? before.into.length - 1 : -1;
    if (!before || last < 0) return true;
    let indent = 0;
    while (this.text.charCodeAt(span.start + indent) === 32) indent++;
    const item = stretched(before.into[last], before.end, Math.max(indent, 1));
    // An empty value also takes the comment lines after it, even when it does not end open.
    if (span.leadingComments && (item || before.endsWithComment || endsWithEmptyValue(before.into[last]) || this.endsWithCompactSequence(before.into[last]))) return false;
    const commented = this.commentedEmptyValueEndingAtBlankLine(before.into[last], before.end, indent);
    if (commented) {
      before.into[last] = commented;
      return true;
    }
    if (!item) return true;
    if (indent > 0) before.into[last] = item;
    return true;
  }

  /**
   * A pair `key: # comment` whose chunk ends with blank lines and is followed by a sibling (the
   * next chunk starts at the key's column), with the end a whole parse gives its empty value:
   * past the comment's line and the spaces of the line after it, at that line's line break.
   * Composed alone, the value also takes the blank lines the chunk ends with; so it does in a
   * whole parse when the mapping ends there. Null for any other item.
   */
  private commentedEmptyValueEndingAtBlankLine(item: Item | null | undefined, end: number, nextIndent: number): Pair | null {
    if (!isPair(item) || !(item.value instanceof Scalar) || item.value.value !== null || !item.value.range) return null;
    const key = item.key as Node | null;
    const [a, b, c] = item.value.range;
    if (a !== b || c !== end || !key?.range || this.column(key.range[0]) !== nextIndent) return null;
    const hash = this.text.indexOf('#', b);
    const newline = hash < 0 ? -1 : this.text.indexOf('\n', hash);
    if (hash < 0 || newline < 0 || newline >= c) return null;
    let at = newline + 1;
    while (at < c && this.text.charCodeAt(at) === 32) at++;
    const lineBreak = this.text.charCodeAt(at) === 10 || (this.text.charCodeAt(at) === 13 && this.text.charCodeAt(at + 1) === 10);
    if (at >= c || !lineBreak) return null;
    const value = Object.assign(new Scalar(null), item.value);
    value.range = [a, b, at];
    return new Pair(item.key, value);
  }

  /**
   * Whether the item ends with a block sequence written at its key's own column (`key:` then
   * `- a` below it, not indented): such a sequence also takes the comment lines after it.
   */
  private endsWithCompactSequence(item: Item | null | undefined): boolean {
    for (;;) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        const value = item.value as Node | null;
        if (value instanceof YAMLSeq && !value.flow && key?.range && value.range && this.column(value.range[0]) <= this.column(key.range[0])) return true;
        item = value;
      } else if ((item instanceof YAMLMap || item instanceof YAMLSeq) && !item.flow && item.items.length > 0) {
        item = item.items[item.items.length - 1] as Item;
      } else {
        return false;
      }
    }
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The chunk at `span`, composed or taken from the cache and moved to its offset. */
  private chunk(span: ChunkSpan, kind: 'map' | 'seq'): ComposedChunk {
    const key = this.text.slice(span.start, span.end);
    const reused = this.sink ? undefined : this.next.get(key) ?? this.previous.get(key);
    let chunk: ComposedChunk;
    if (this.sink) {
      chunk = composeChunk(key, span, kind, this.options);
      this.stats.composed++;
    } else if (!reused) {
      chunk = composeChunk(ownCopy(key), span, kind, this.options);
      this.stats.composed++;
    } else if (reused.offset === span.start && !this.next.has(key)) {
      chunk = reused;
      this.stats.reused++;
    } else {
      // Nodes shared with an earlier document must keep their ranges: move a copy.
      chunk = moved(reused, span.start);
      this.stats.moved++;
    }
    // A text that occurs twice keeps the first occurrence's composition.
    if (!this.sink && !this.next.has(key)) this.next.set(key, chunk);
    if (isBroken(chunk)) this.broken.push({ span: [span.start, span.end], errors: chunk.errors, warnings: chunk.warnings });
    this.docEnd = chunk.docEnd;
    return chunk;
  }
}

/**
 * A copy of the item whose open ends at `end` are `by` later (only the last path is copied), or
 * null when nothing in it ends open there. Open: an empty value, and a block collection whose
 * range ends with a trailing comment (its end is then past its last item's).
 */
function stretched<T extends Item>(item: T, end: number, by: number): T | null {
  if (isPair(item)) {
    const value = isNode(item.value) ? stretched(item.value, end, by) : null;
    return value ? (new Pair(item.key, value) as T) : null;
  }
  const node = item as Node;
  if (!node.range || node.range[2] !== end) return null;
  const [a, b, c] = node.range;
  if (node instanceof Scalar) {
    if (node.value !== null || a !== b) return null;
    const copy = Object.assign(new Scalar(null), node);
    copy.range = [a, b, c + by];
    return copy as T;
  }
  if (!(node instanceof YAMLMap || node instanceof YAMLSeq) || node.flow || node.items.length === 0) return null;
  const lastItem = stretched(node.items[node.items.length - 1] as Item, end, by);
  if (!lastItem && b === c) return null;
  const copy = Object.assign(node instanceof YAMLMap ? new YAMLMap(node.schema) : new YAMLSeq(node.schema), node);
  if (lastItem) copy.items = [...node.items.slice(0, -1), lastItem] as never[];
  copy.range = [a, lastItem && b === end ? b + by : b, c + by];
  return copy as T;
}

/** Whether the last node of the item, descending into block collections, is an empty value. */
function endsWithEmptyValue(item: Item | null | undefined): boolean {
  for (;;) {
    if (isPair(item)) {
      item = item.value as Node | null;
      if (!item) return true;
    } else if ((item instanceof YAMLMap || item instanceof YAMLSeq) && !item.flow && item.items.length > 0) {
      item = item.items[item.items.length - 1] as Item;
    } else {
      return item instanceof Scalar && item.value === null && !!item.range && item.range[0] === item.range[1];
    }
  }
}

function composeChunk(chunkText: string, span: ChunkSpan, kind: 'map' | 'seq', options: ChunkedOptions): ComposedChunk {
  const unusable: ComposedChunk = { offset: span.start, usable: false, items: [], range: [0, 0, 0], docStart: 0, docEnd: 0, errors: [], warnings: [], shape: noShape(), converted: {} };
  const tokens = Array.from(new Parser().parse(chunkText));
  if (findTooDeep(tokens, options.maxDepth - span.depth) !== null) return unusable;
  const docs = withoutStackTraces(() => Array.from(new Composer(options.yamlOptions).compose(tokens, true, chunkText.length)));
  if (docs.length !== 1) return unusable;
  const doc = docs[0];
  const { errors, warnings } = doc;
  const broken = errors.length > 0 || warnings.length > 0;
  const root: unknown = doc.contents;
  const isRoot = kind === 'map' ? root instanceof YAMLMap : root instanceof YAMLSeq;
  let composed: ComposedChunk;
  if (!isRoot || !(root instanceof YAMLMap || root instanceof YAMLSeq) || root.flow || !root.range || root.items.length === 0) {
    // A clean chunk of another shape would change the whole parse; a broken one adds only its problems.
    if (!broken) return unusable;
    composed = { offset: 0, usable: true, items: [], range: [0, 0, 0], docStart: doc.range[0], docEnd: doc.range[2], errors, warnings, shape: noShape(), converted: {} };
  } else {
    const items = root.items as Item[];
    const shape = inspectBelowItems(items, span.depth, options.maxDepth);
    composed = { offset: 0, usable: true, items, range: [root.range[0], root.range[1], root.range[2]], docStart: doc.range[0], docEnd: doc.range[2], errors, warnings, shape, converted: {} };
  }
  return span.start === 0 ? composed : moved(composed, span.start, true);
}

/**
 * The string in memory of its own. A slice of the document text keeps that whole text alive,
 * and so would every scalar composed from it: cached chunks composed at different versions
 * would hold on to every one of those versions.
 */
export function ownCopy(slice: string): string {
  return JSON.parse(JSON.stringify(slice)) as string;
}

function noShape(): TreeShape {
  return { duplicateKeys: [], tooDeep: null };
}

/** A key added to converted data as yaml adds it: a key seen before (or inherited) keeps its place and takes the new value. */
function addKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

function isBroken(chunk: ComposedChunk): boolean {
  return chunk.errors.length > 0 || chunk.warnings.length > 0;
}

/** The chunk with every range moved to `offset`: a copy, or in place when `inPlace`. */
function moved(chunk: ComposedChunk, offset: number, inPlace = false): ComposedChunk {
  const delta = offset - chunk.offset;
  const items = inPlace ? chunk.items.map((item) => shiftInPlace(item, delta)) : chunk.items.map((item) => copyShifted(item, delta));
  const [a, b, c] = chunk.range;
  const shift = (p: [number, number]): [number, number] => [p[0] + delta, p[1] + delta];
  const { duplicateKeys, tooDeep } = chunk.shape;
  return {
    offset,
    usable: chunk.usable,
    items,
    range: [a + delta, b + delta, c + delta],
    docStart: chunk.docStart + delta,
    docEnd: chunk.docEnd + delta,
    shape: { duplicateKeys: duplicateKeys.map((d) => ({ key: d.key, range: shift(d.range) })), tooDeep: tooDeep && shift(tooDeep) },
    converted: chunk.converted,
    ...withoutStackTraces(() => ({
      errors: chunk.errors.map((e) => new YAMLParseError(shift(e.pos), e.code, e.message)),
      warnings: chunk.warnings.map((w) => new YAMLWarning(shift(w.pos), w.code, w.message)),
    })),
  };
}

function shiftInPlace<T extends Item>(item: T, delta: number): T {
  if (isPair(item)) {
    if (isNode(item.key)) shiftInPlace(item.key, delta);
    if (isNode(item.value)) shiftInPlace(item.value, delta);
    return item;
  }
  const node = item as Node;
  if (node.range) node.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
  if (node instanceof YAMLMap || node instanceof YAMLSeq) for (const child of node.items as Item[]) shiftInPlace(child, delta);
  return item;
}

/** A copy of the node or pair with its ranges moved; the same shape `clone()` gives, in one pass. */
export function copyShifted<T extends Item>(item: T, delta: number): T {
  if (isPair(item)) {
    const key = isNode(item.key) ? copyShifted(item.key, delta) : item.key;
    const value = isNode(item.value) ? copyShifted(item.value, delta) : item.value;
    return new Pair(key, value) as T;
  }
  const node = item as Node;
  // Constructors set the hidden fields (node type, schema); Object.assign the visible ones.
  let copy: Node;
  if (node instanceof YAMLMap || node instanceof YAMLSeq) {
    const collection = Object.assign(node instanceof YAMLMap ? new YAMLMap(node.schema) : new YAMLSeq(node.schema), node);
    collection.items = (node.items as Item[]).map((child) => copyShifted(child, delta)) as never[];
    copy = collection;
  } else if (node instanceof Scalar) {
    copy = Object.assign(new Scalar(node.value), node);
  } else {
    copy = Object.create(Object.getPrototypeOf(node), Object.getOwnPropertyDescriptors(node)) as Node;
  }
  if (node.range) copy.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
  return copy as T;
}
