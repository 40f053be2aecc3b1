// A multi-document manifest → one ParsedDocument whose tree is the sequence of its
// documents: document paths start with the document's index (`[2, 'spec', 'replicas']`),
// so the source map, ranges, navigation and fixes work on it unchanged. `data` is the list
// of the documents' data (null for an empty document). Never throws.
//
// The documents are read one by one (documents.ts); in the editor each is composed once and
// reused while its text is unchanged, so an edit composes one document again.

import { Composer, Document, LineCounter, Parser, YAMLSeq } from 'yaml';
import type { ChunkCache } from '../../model/chunked-parse';
import type { RawFinding } from '../../model/findings';
import { CompactIndexBuilder } from '../../model/compact-index';
import { documentData, duplicateKeyProblems, findIgnoreComments, parseText, syntaxProblems, withCompactIndex, YAML_OPTIONS } from '../../model/parse';
import type { ParsedDocument, ParsedSource, ParseLimits, ParseTextOptions } from '../../model/parse';
import type { SourceIndex } from '../../model/source-index';
import { SourceMap } from '../../model/source-map';
import { findTooDeep, withoutStackTraces } from '../../model/yaml-guards';
import { NOT_READ_RULE } from '../front-end';
import { ManifestCache, manifestDocument, readDocuments } from './documents';
import type { ManifestDocument } from './documents';

const DOCUMENT = { kind: 'document' as const, id: '' };

/**
 * The documents of each open manifest, kept beside the open document's chunk cache (which
 * the language server keeps per document, and which stands for that document here).
 */
const openManifests = new WeakMap<ChunkCache, ManifestCache>();

/** The manifest cache of the open document whose chunk cache this is. */
export function manifestCacheOf(chunkCache: ChunkCache): ManifestCache {
  let cache = openManifests.get(chunkCache);
  if (!cache) openManifests.set(chunkCache, (cache = new ManifestCache()));
  return cache;
}

export function parseManifests(text: string, limits: ParseLimits, options: ParseTextOptions = {}): ParsedDocument {
  const read = readManifest(text, limits, options.chunkCache ? manifestCacheOf(options.chunkCache) : undefined);
  return read.kind === 'documents' ? assemble(text, lineCounterOf(text), read.documents, limits) : read.parsed;
}

/**
 * `parseManifests` as `check` reads a file (model/parse.ts `parseCompact`): the same data,
 * problems and ranges (server/test/compact-analysis.test.ts), with a `CompactIndex` for the
 * tree. Each document is indexed as soon as it is composed and its tree dropped; a text read
 * whole (directives, a YAML error before the last document) or refused is parsed as
 * `parseManifests` does, and then only its index is kept.
 */
export function parseManifestsCompact(text: string, limits: ParseLimits): ParsedSource {
  const index = new CompactIndexBuilder(text);
  const read = readManifest(text, limits, undefined, index);
  if (read.kind === 'parsed') return withCompactIndex(read.parsed);
  const documents = index.valueRecord(documentSequence(text), index.collection(read.documents.map((d) => d.record!)));
  const sourceMap = index.finish(documents, lineCounterOf(text).lineStarts);
  return { text, sourceMap, ...readingOf(text, read.documents, limits, sourceMap), compactRead: 'streamed' };
}

/** The text's documents one by one (documents.ts) or, where that cannot be, the text parsed whole or refused. */
function readManifest(text: string, limits: ParseLimits, cache: ManifestCache | undefined, index?: CompactIndexBuilder): { kind: 'documents'; documents: ManifestDocument[] } | { kind: 'parsed'; parsed: ParsedDocument } {
  // Refusals (size, depth) are the model's parse's own: the same messages at the same places.
  if (text.length > limits.maxBytes) return { kind: 'parsed', parsed: parseText(text, limits, { recoverEntries: false }) };
  const read = readDocuments(text, limits, cache, index);
  if (read.kind === 'too-deep') return { kind: 'parsed', parsed: parseText(text, limits, { recoverEntries: false }) };
  if (read.kind === 'whole') return { kind: 'parsed', parsed: parseManifestsWhole(text, limits) };
  return read;
}

/**
 * The manifest as yaml reads the whole text at once: for a text that cannot be cut into
 * documents safely (documents.ts), and the oracle the per-document reading is tested against.
 */
export function parseManifestsWhole(text: string, limits: ParseLimits): ParsedDocument {
  if (text.length > limits.maxBytes) return parseText(text, limits, { recoverEntries: false });
  const tokens = Array.from(new Parser().parse(text));
  if (findTooDeep(tokens, limits.maxDepth) !== null) return parseText(text, limits, { recoverEntries: false });
  const composed = withoutStackTraces(() => Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length)));
  return assemble(text, lineCounterOf(text), composed.map((d) => manifestDocument(d, text, 0, limits)), limits);
}

/** The one ParsedDocument of the documents: their sequence, their data and every problem. */
function assemble(text: string, lineCounter: LineCounter, documents: ManifestDocument[], limits: ParseLimits): ParsedDocument {
  const root = new Document(null, YAML_OPTIONS) as Document.Parsed;
  const items = documentSequence(text);
  items.items = documents.map((d) => d.contents) as unknown[];
  root.contents = items as unknown as Document.Parsed['contents'];
  const sourceMap = new SourceMap(text, root, lineCounter);
  return { text, doc: root, lineCounter, sourceMap, ...readingOf(text, documents, limits, sourceMap) };
}

/** The sequence that holds the documents: it spans the whole text. */
function documentSequence(text: string): YAMLSeq {
  const items = new YAMLSeq();
  items.range = [0, text.length, text.length];
  return items;
}

/** The documents' data, their problems and the ignore comments, placed by either source index. */
function readingOf(text: string, documents: ManifestDocument[], limits: ParseLimits, sourceMap: SourceIndex): Pick<ParsedSource, 'data' | 'problems' | 'ignoreComments'> {
  const problems: RawFinding[] = [];
  const template = documents.find((d) => d.template !== undefined)?.template;
  if (template !== undefined) {
    problems.push({
      rule: NOT_READ_RULE,
      message: 'This is a Helm template, not YAML yet (`{{ … }}`): it was not read. Review what `helm template` renders from it instead',
      target: DOCUMENT,
      path: [],
      range: sourceMap.rangeFromOffsets(template, template + 2),
    });
    return { data: undefined, problems, ignoreComments: [] };
  }

  // The token check bounded the depth already: only the duplicate keys are new here.
  for (const d of documents) problems.push(...duplicateKeyProblems({ duplicateKeys: d.duplicateKeys, tooDeep: null }, sourceMap));
  problems.push(...syntaxProblems(documents.flatMap((d) => [...d.errors, ...d.warnings]), sourceMap, limits));

  const data = documents.map((d) => {
    if (!d.unreadable) return d.data;
    // The message again, at the document's place in this version.
    const read = documentData(d.unreadable, limits, sourceMap, d.range[0]);
    if (read.problem) problems.push(read.problem);
    return null;
  });
  return { data, problems, ignoreComments: findIgnoreComments(text, sourceMap) };
}

/**
 * The line starts: after each `\n`, as yaml's parser records them, except that it misses the
 * line breaks inside a token it could not place (a quoted scalar after a broken document), so
 * a finding after one would be a line off.
 */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}
