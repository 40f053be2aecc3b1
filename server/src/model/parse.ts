// Text → YAML tree with positions → plain data. Parsing never throws: it returns what it
// could read and the problems it met, each at its place in the text.

import { Composer, LineCounter, parseDocument, Parser, YAMLParseError } from 'yaml';
import type { CST, Document, DocumentOptions, Node, ParseOptions, SchemaOptions, YAMLError } from 'yaml';
import type { RawFinding } from './findings';
import { ChunkCache, composeChunked, composeStreamed, noRun } from './chunked-parse';
import { CompactIndex, CompactIndexBuilder } from './compact-index';
import type { ChunkFallback } from './chunked-parse';
import { findTooDeep, withoutStackTraces } from './yaml-guards';
import { SourceMap } from './source-map';
import type { SourceIndex } from './source-index';
import { inspectTree } from './tree-shape';
import type { TreeShape } from './tree-shape';

export { inspectTree };
export type { TreeShape };
import type { IgnoreComment } from './types';

export interface ParseLimits {
  /** Larger texts are not parsed at all (measured in UTF-16 code units, about bytes for ASCII). */
  maxBytes: number;
  /**
   * Collections (mappings and sequences, block or flow) nested deeper than this are not
   * composed at all: yaml's composer and every tree walk after it recurse, and a hostile
   * `[[[[...` would otherwise exhaust the stack. Checked on the CST, iteratively.
   */
  maxDepth: number;
  /** Alias expansions allowed when the tree becomes data (guards against alias bombs). */
  maxAliasCount: number;
  /** YAML syntax problems reported one by one; the rest are summed up in one more finding. */
  maxSyntaxProblems: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 10_000,
  maxSyntaxProblems: 100,
};

/** The target of findings about the text itself. */
const DOCUMENT_TARGET = { kind: 'document' as const, id: '' };

/** The yaml options of every parse in the engine (the Kubernetes front end composes with them too). */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  // uniqueKeys is off because yaml's own check is quadratic per mapping; see findDuplicateKeys.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  // Warnings are collected in doc.warnings; without this yaml also prints them to stderr.
  logLevel: 'error',
};

/** What the analysis reads of a parsed text: its data, its problems, and where each path is written. */
export interface ParsedSource {
  text: string;
  /** Model paths ↔ ranges: the tree-backed SourceMap, or `check`'s CompactIndex. */
  sourceMap: SourceIndex;
  /** The document as plain data; undefined when it could not be produced. */
  data: unknown;
  /** yaml-syntax problems (and limits), each with its range. */
  problems: RawFinding[];
  ignoreComments: IgnoreComment[];
  /** Why a text that was cut into entries was parsed whole after all (see ChunkStats.fallback). */
  chunkFallback?: ChunkFallback;
  /**
   * How `parseCompact` read the text: `streamed`, entry by entry with no tree held whole;
   * `whole`, parsed whole (it could not be cut, see `chunkFallback`) and only its index kept.
   */
  compactRead?: 'streamed' | 'whole';
}

/** A parsed text with its yaml tree, which the editor's features need. */
export interface ParsedDocument extends ParsedSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  sourceMap: SourceMap;
}

export interface ParseTextOptions {
  /** Reuses the unchanged parts of a large document's last parse (see chunked-parse.ts). */
  chunkCache?: ChunkCache;
  /**
   * Whether a text with YAML problems is read entry by entry, so that each problem stays in
   * its entry (default true; see chunked-parse.ts). False: exactly as yaml reads it whole.
   */
  recoverEntries?: boolean;
}

export function parseText(text: string, limits: ParseLimits = DEFAULT_LIMITS, options: ParseTextOptions = {}): ParsedDocument {
  const problems: RawFinding[] = [];

  if (text.length > limits.maxBytes) {
    const empty = emptyDocument(text);
    empty.problems.push({
      rule: 'yaml-syntax',
      message: `The file is ${formatBytes(text.length)}, over the ${formatBytes(limits.maxBytes)} limit: it was not analysed`,
      target: DOCUMENT_TARGET,
      path: [],
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
    return empty;
  }

  const chunkOptions = { yamlOptions: YAML_OPTIONS, maxDepth: limits.maxDepth };
  const recover = options.recoverEntries !== false;
  // While the text in the editor stays broken, each version is read entry by entry straight
  // away, whatever its size: a whole parse first would only find the problems again.
  const wasBroken = (options.chunkCache?.lastRun.broken.length ?? 0) > 0;
  let chunked = options.chunkCache && recover ? composeChunked(text, options.chunkCache, wasBroken ? { ...chunkOptions, minLines: 0 } : chunkOptions) : null;
  // Whether the text was cut already (composeChunked gives the same answer a second time).
  const triedChunks = options.chunkCache?.lastRun.attempted ?? false;
  let lineCounter = chunked?.lineCounter ?? new LineCounter();
  const tokens = chunked ? [] : Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooDeep = findTooDeep(tokens, limits.maxDepth);
  if (tooDeep !== null) {
    const refused = emptyDocument(text, lineCounter);
    refused.problems.push({
      rule: 'yaml-syntax',
      message: `The document nests deeper than ${limits.maxDepth} levels: it was not analysed`,
      target: DOCUMENT_TARGET,
      path: [],
      range: refused.sourceMap.rangeFromOffsets(tooDeep, tooDeep + 1),
    });
    return refused;
  }
  let doc = chunked?.doc ?? withoutStackTraces(() => composeFirstDocument(tokens, text.length));
  let chunkFallback = options.chunkCache?.lastRun.fallback ?? undefined;
  if (!triedChunks && recover && (doc.errors.length > 0 || doc.warnings.length > 0)) {
    // Small or uncached texts are parsed whole first (it is faster); one with problems is
    // then read entry by entry, as a large one in the editor is.
    const cache = options.chunkCache ?? new ChunkCache(0);
    chunked = composeChunked(text, cache, { ...chunkOptions, minLines: 0 });
    chunkFallback = cache.lastRun.fallback ?? undefined;
    if (chunked) ({ doc, lineCounter } = chunked);
  }
  const sourceMap = new SourceMap(text, doc, lineCounter);

  problems.push(...syntaxProblems([...doc.errors, ...doc.warnings], sourceMap, limits));
  // A chunked document's shape and data come from its chunks': an edit converts only what changed.
  const shape = chunked?.shape ?? inspectTree(doc.contents as Node | null, limits.maxDepth);
  problems.push(...duplicateKeyProblems(shape, sourceMap));

  let data: unknown;
  if (shape.tooDeep) {
    problems.push({
      rule: 'yaml-syntax',
      message: `The document nests deeper than ${limits.maxDepth} levels: it was not analysed`,
      target: DOCUMENT_TARGET,
      path: [],
      range: sourceMap.rangeFromOffsets(shape.tooDeep[0], shape.tooDeep[1]),
    });
  } else {
    const fromChunks = chunked?.data();
    const read = fromChunks ? { data: fromChunks.value } : documentData(doc, limits, sourceMap, 0);
    data = read.data;
    if (read.problem) problems.push(read.problem);
  }

  const parsed: ParsedDocument = { text, doc, lineCounter, sourceMap, data, problems, ignoreComments: findIgnoreComments(text, sourceMap) };
  if (chunkFallback) parsed.chunkFallback = chunkFallback;
  return parsed;
}

/**
 * `parseText` as `check` reads a file: the same data, problems and ranges (a test holds it),
 * with a `CompactIndex` instead of the tree. The text is composed entry by entry
 * (`composeStreamed`) and each entry's tree is dropped once indexed, so the whole tree, and
 * the CST it keeps (about 80 bytes per byte of YAML), is never in memory at once. A text that
 * cannot be cut (anchors and aliases, tags, `---`, …) is parsed whole, and then only the index
 * of its tree is kept.
 */
export function parseCompact(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedSource {
  const stats = noRun();
  if (text.length <= limits.maxBytes) {
    const builder = new CompactIndexBuilder(text);
    const streamed = composeStreamed(text, { yamlOptions: YAML_OPTIONS, maxDepth: limits.maxDepth }, builder, stats);
    if (streamed) {
      const sourceMap = builder.finish(builder.valueRecord(streamed.root), streamed.lineStarts);
      const problems = [...syntaxProblems([...streamed.errors, ...streamed.warnings], sourceMap, limits), ...duplicateKeyProblems(streamed.shape, sourceMap)];
      return { text, sourceMap, data: streamed.data, problems, ignoreComments: findIgnoreComments(text, sourceMap), compactRead: 'streamed' };
    }
  }
  const parsed = withCompactIndex(parseText(text, limits));
  if (stats.fallback && !parsed.chunkFallback) parsed.chunkFallback = stats.fallback;
  return parsed;
}

/** A text parsed whole with its tree, as `check` keeps it: the index of the tree, and not the tree. */
export function withCompactIndex(parsed: ParsedDocument): ParsedSource {
  const { doc, lineCounter, sourceMap: _tree, ...whole } = parsed;
  return { ...whole, sourceMap: CompactIndex.ofTree(parsed.text, doc.contents as Node | null, lineCounter.lineStarts), compactRead: 'whole' };
}

/** yaml's errors and warnings as findings: the first `maxSyntaxProblems`, then one that counts the rest. */
export function syntaxProblems(yamlProblems: readonly YAMLError[], sourceMap: SourceIndex, limits: ParseLimits): RawFinding[] {
  const problems: RawFinding[] = yamlProblems.slice(0, limits.maxSyntaxProblems).map((e) => ({
    rule: 'yaml-syntax',
    message: cleanYamlMessage(e.message),
    target: DOCUMENT_TARGET,
    path: [],
    range: sourceMap.rangeFromOffsets(e.pos[0], e.pos[1]),
  }));
  if (yamlProblems.length > limits.maxSyntaxProblems) {
    const rest = yamlProblems.slice(limits.maxSyntaxProblems);
    problems.push({
      rule: 'yaml-syntax',
      message: `${rest.length} more YAML problems after this one are not listed`,
      target: DOCUMENT_TARGET,
      path: [],
      range: sourceMap.rangeFromOffsets(rest[0].pos[0], rest[0].pos[1]),
    });
  }
  return problems;
}

/** The keys a tree writes twice in one mapping, as findings. */
export function duplicateKeyProblems(shape: TreeShape, sourceMap: SourceIndex): RawFinding[] {
  return shape.duplicateKeys.map((dup) => ({
    rule: 'yaml-syntax',
    message: `Duplicate key "${dup.key}": only its first value is used`,
    target: DOCUMENT_TARGET,
    path: [],
    range: sourceMap.rangeFromOffsets(dup.range[0], dup.range[1]),
  }));
}

/**
 * The plain data of a composed document, or, when its aliases expand too far or it cannot be
 * converted, no data and the finding that says so (at offset `at`).
 */
export function documentData(doc: Document.Parsed, limits: ParseLimits, sourceMap: SourceIndex, at: number): { data: unknown; problem?: RawFinding } {
  try {
    return { data: doc.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      data: undefined,
      problem: {
        rule: 'yaml-syntax',
        message: /alias/i.test(message)
          ? `Aliases expand too far (more than ${limits.maxAliasCount} expansions): the document was not analysed`
          : `The document could not be read: ${cleanYamlMessage(message)}`,
        target: DOCUMENT_TARGET,
        path: [],
        range: sourceMap.rangeFromOffsets(at, at),
      },
    };
  }
}

/** What parseDocument does, on tokens already checked: the first document, and an error for a second. */
function composeFirstDocument(tokens: CST.Token[], length: number): Document.Parsed {
  const composer = new Composer(YAML_OPTIONS);
  let first: Document.Parsed | null = null;
  for (const doc of composer.compose(tokens, true, length)) {
    if (!first) {
      first = doc;
    } else {
      first.errors.push(new YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'The file holds more than one YAML document: only the first is read'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields at least one document.
  return first!;
}

/**
 * A parsed document with no contents, for a text that was refused. `lineCounter` holds the
 * text's line starts when they are known, so the one finding lands at its real place.
 */
function emptyDocument(text: string, lineCounter = new LineCounter()): ParsedDocument {
  const doc = parseDocument('', { lineCounter: new LineCounter() });
  return { text, doc, lineCounter, sourceMap: new SourceMap(text, doc, lineCounter), data: undefined, problems: [], ignoreComments: [] };
}

const IGNORE_COMMENT = /^(\s*)#\s*infra-review-ignore\b[ \t]*([A-Za-z0-9-]*)[ \t]*(?::[ \t]*(.*?))?[ \t]*$/;

/** `# infra-review-ignore RULE: reason` lines, each covering the next line of YAML. */
export function findIgnoreComments(text: string, sourceMap: SourceIndex): IgnoreComment[] {
  const found: IgnoreComment[] = [];
  if (!text.includes('infra-review-ignore')) return found;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = IGNORE_COMMENT.exec(lines[i]);
    if (!m) continue;
    let covers = i + 1;
    while (covers < lines.length && /^\s*(#.*)?$/.test(lines[covers])) covers++;
    const start = sourceMap.offsetAt({ line: i, character: m[1].length });
    found.push({
      rule: m[2],
      reason: m[3] ? m[3] : undefined,
      range: sourceMap.rangeFromOffsets(start, start + lines[i].length - m[1].length),
      coversLine: covers,
    });
  }
  return found;
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and a code excerpt; the range already says where.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
