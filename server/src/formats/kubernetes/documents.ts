// A multi-document manifest read document by document, each composed once and reused while
// its text is unchanged: after an edit in the editor only the edited document is composed
// again. The documents, their ranges, data and problems are those of yaml reading the whole
// text (the property test in server/test/formats/kubernetes-documents.test.ts holds the two equal).
//
// Where the text is cut: before a `---` and after a `...` line at column 0 (followed by a
// space, a tab or the line's end). In a valid text yaml's lexer ends whatever it is reading at
// such a line (the c-forbidden rule; lexer.js `parseLineStart`, `continueScalar`,
// `parseFlowCollection`) and starts afresh, so each piece lexes alone as it does in the whole
// text; an indented `---` (in a block scalar) is no cut. Each piece is read by yaml's own
// Parser, which has the last word: a piece cut before a `---` must begin with the document
// that marker starts. The whole text is parsed instead when it cannot be cut so:
// - a piece cut before a `---` does not begin with a document there;
// - directives (`%YAML`, `%TAG`), whose effect crosses documents;
// - a YAML error in a document before the last: an unclosed quote or bracket may end at the
//   marker in the whole text and at the piece's end alone (yaml's lexer looks for a closing
//   quote anywhere in the rest of the text). A broken manifest is read as yaml reads it,
//   with yaml's own containment of each error in its document.
// A piece with no document in it (comments before the first `---`, or after a `...`) is read
// with the next piece, as yaml gives its comments to the next document.

import { Composer, isCollection, isPair, Parser, YAMLParseError, YAMLWarning } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import { copyShifted, ownCopy } from '../../model/chunked-parse';
import type { CompactIndexBuilder, EntryRecord } from '../../model/compact-index';
import { inspectTree, YAML_OPTIONS } from '../../model/parse';
import type { ParseLimits, TreeShape } from '../../model/parse';
import { findTooDeep, withoutStackTraces } from '../../model/yaml-guards';

/** One YAML document of the file, with everything about it that does not depend on the other documents. */
export interface ManifestDocument {
  /** The document's tree; null for an empty document, and once indexed (`record`). */
  contents: Node | null;
  /** The tree's record in `check`'s compact index, when the reading indexed it (see readDocuments). */
  record?: EntryRecord;
  /** yaml's document range: start, end of the contents, end with trailing comments. */
  range: [number, number, number];
  errors: YAMLError[];
  warnings: YAMLError[];
  /** The document's data; null for an empty document or one whose data could not be read. */
  data: unknown;
  /** The composed document, kept only when its data could not be read (the message is asked again). */
  unreadable?: Document.Parsed;
  duplicateKeys: TreeShape['duplicateKeys'];
  /** Where the document is a Helm template rather than YAML (see templateIn). */
  template?: number;
}

/** The documents of one piece of the text, every offset absolute at `offset`. */
interface Piece {
  offset: number;
  documents: ManifestDocument[];
}

export type DocumentsReading =
  | { kind: 'documents'; documents: ManifestDocument[] }
  /** A document nests deeper than the limit: the whole text is refused, as the model's parse does. */
  | { kind: 'too-deep' }
  /** The text cannot be cut safely (directives, or yaml's Parser disagrees with a cut): parse it whole. */
  | { kind: 'whole' };

/**
 * The documents of one open manifest's last parse, by the text of their piece. Each parse
 * keeps only the pieces of the text it read, so the cache holds one version's worth.
 */
export class ManifestCache {
  private pieces = new Map<string, Piece>();
  private limits: ParseLimits | undefined;
  /** What the last read did, for tests and the bench. */
  lastRun = { pieces: 0, composed: 0, moved: 0 };

  /** @internal The pieces to reuse for a read with these limits (none when they changed). */
  begin(limits: ParseLimits): Map<string, Piece> {
    if (this.limits !== limits) this.pieces.clear();
    this.limits = limits;
    this.lastRun = { pieces: 0, composed: 0, moved: 0 };
    return this.pieces;
  }

  /** @internal */
  keep(pieces: Map<string, Piece>): void {
    this.pieces = pieces;
  }
}

/**
 * The documents of `text`, reusing the unchanged pieces of the cache's last read. With an
 * `index` (`check`), each document's tree is recorded there as soon as it is composed and
 * then dropped, so no more than one piece's tree is alive at a time; its pieces are not
 * reused then, since their records hold the offsets they were read at.
 */
export function readDocuments(text: string, limits: ParseLimits, cache = new ManifestCache(), index?: CompactIndexBuilder): DocumentsReading {
  const previous = cache.begin(limits);
  const next = new Map<string, Piece>();
  const documents: ManifestDocument[] = [];
  const cuts = cutPoints(text);
  let start = 0;
  for (let i = 0; i < cuts.length; i++) {
    const end = cuts[i];
    const last = i === cuts.length - 1;
    // A text with no document at all is one empty document, as yaml reads it (never cached:
    // the same text before a document is no document).
    const forceDocument = last && documents.length === 0;
    const key = text.slice(start, end);
    let piece = forceDocument || index ? undefined : (next.get(key) ?? previous.get(key));
    if (!piece) {
      const read = readPiece(index ? key : ownCopy(key), start, limits, { startsWithMarker: cutBeforeMarker(text, start), forceDocument }, index);
      if (read.kind !== 'piece') return read;
      if (!last && read.piece.documents.some((d) => d.errors.length > 0)) return { kind: 'whole' };
      piece = read.piece;
      cache.lastRun.composed++;
    } else if (piece.offset !== start) {
      // Nodes shared with the last version's tree keep their ranges: move a copy.
      piece = moved(piece, start);
      cache.lastRun.moved++;
    }
    // A piece with no document (comments) is read with the next one, whose document gets them.
    if (piece.documents.length === 0 && !last) continue;
    if (!forceDocument && !index && !next.has(key)) next.set(key, piece);
    documents.push(...piece.documents);
    cache.lastRun.pieces++;
    start = end;
  }
  cache.keep(next);
  return { kind: 'documents', documents };
}

/** Where pieces end: before each `---` line and after each `...` line at column 0, and at the text's end. */
function cutPoints(text: string): number[] {
  const cuts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const lineEnd = text.indexOf('\n', at);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    if (at > 0 && isMarker(text, at, '---')) cuts.push(at);
    else if (isMarker(text, at, '...') && next < text.length) cuts.push(next);
    // Only lines that start with a marker's character are looked at further.
    at = nextCandidate(text, next);
  }
  cuts.push(text.length);
  return cuts;
}

/** The next line start at or after `from` whose first character may begin a marker. */
function nextCandidate(text: string, from: number): number {
  let at = from;
  while (at < text.length && text[at] !== '-' && text[at] !== '.') {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) return text.length;
    at = lineEnd + 1;
  }
  return at;
}

function isMarker(text: string, at: number, marker: '---' | '...'): boolean {
  if (!text.startsWith(marker, at)) return false;
  const after = text[at + 3];
  return after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r';
}

/** Whether the piece at `start` was cut before a `---`: yaml must start a document right there. */
function cutBeforeMarker(text: string, start: number): boolean {
  return start > 0 && isMarker(text, start, '---');
}

type PieceRead = { kind: 'piece'; piece: Piece } | { kind: 'too-deep' } | { kind: 'whole' };

/** One piece parsed by yaml alone, at its offset in the text (each document indexed into `index` when given). */
function readPiece(pieceText: string, offset: number, limits: ParseLimits, at: { startsWithMarker: boolean; forceDocument: boolean }, index?: CompactIndexBuilder): PieceRead {
  const parser = new Parser();
  // Token offsets, and so every range and error position, are those of the whole text.
  parser.offset = offset;
  const tokens = Array.from(parser.parse(pieceText));
  if (tokens.some((t) => t.type === 'directive')) return { kind: 'whole' };
  const first = tokens[0];
  if (at.startsWithMarker && !(first?.type === 'document' && first.offset === offset && first.start[0]?.type === 'doc-start')) return { kind: 'whole' };
  if (findTooDeep(tokens, limits.maxDepth) !== null) return { kind: 'too-deep' };
  if (!at.forceDocument && !tokens.some((t) => t.type === 'document')) return { kind: 'piece', piece: { offset, documents: [] } };
  const composed = withoutStackTraces(() => Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, offset + pieceText.length)));
  return { kind: 'piece', piece: { offset, documents: composed.map((d) => manifestDocument(d, pieceText, offset, limits, index)) } };
}

export function manifestDocument(d: Document.Parsed, pieceText: string, offset: number, limits: ParseLimits, index?: CompactIndexBuilder): ManifestDocument {
  const contents = d.contents as Node | null;
  const document: ManifestDocument = {
    contents,
    range: [d.range[0], d.range[1], d.range[2]],
    errors: d.errors,
    warnings: d.warnings,
    data: null,
    duplicateKeys: inspectTree(contents, limits.maxDepth).duplicateKeys,
  };
  const template = templateIn(d, pieceText, offset);
  if (template !== undefined) document.template = template;
  if (contents !== null) {
    try {
      document.data = d.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch {
      document.unreadable = d;
    }
  }
  if (index) {
    document.record = index.item(contents, true);
    document.contents = null;
  }
  return document;
}

/**
 * Where the document is a Go template rather than YAML: `{{ x }}` read as YAML is a flow mapping
 * whose key is a collection (no manifest has one), and a template's control lines
 * (`{{- if … }}`) break the YAML. A `{{` inside a string (a Prometheus rule in a ConfigMap)
 * is data, not a template.
 */
function templateIn(d: Document.Parsed, pieceText: string, offset: number): number | undefined {
  const at = firstCollectionKey(d.contents as Node | null);
  // The key is the inner `{ x }`; the template starts at the outer brace.
  if (at !== undefined) return pieceText[at - offset - 1] === '{' ? at - 1 : at;
  if (d.errors.length === 0) return undefined;
  const inDocument = pieceText.slice(d.range[0] - offset, d.range[2] - offset);
  const m = /^[^#\n]*?(\{\{)/m.exec(inDocument);
  return m ? d.range[0] + m.index + m[0].length - 2 : undefined;
}

/**
 * Where the first pair in document order whose key is a collection (with a range) has its
 * key: yaml's `visit` order, without the path it builds for every node (this runs on every
 * document `check` reads).
 */
function firstCollectionKey(root: Node | null): number | undefined {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isPair(node)) {
      if (isCollection(node.key) && node.key.range) return node.key.range[0];
      pending.push(node.value, node.key);
    } else if (isCollection(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]);
    }
  }
  return undefined;
}

/** The piece with every offset moved to `offset`: a copy, since the last version's tree holds the original. */
function moved(piece: Piece, offset: number): Piece {
  const delta = offset - piece.offset;
  const shift = (p: readonly [number, number]): [number, number] => [p[0] + delta, p[1] + delta];
  const shiftErrors = (errors: YAMLError[], make: (pos: [number, number], e: YAMLError) => YAMLError) => errors.map((e) => make(shift(e.pos), e));
  return {
    offset,
    documents: piece.documents.map((d) => {
      const copy: ManifestDocument = {
        ...d,
        contents: d.contents ? copyShifted(d.contents, delta) : null,
        range: [d.range[0] + delta, d.range[1] + delta, d.range[2] + delta],
        ...withoutStackTraces(() => ({
          errors: shiftErrors(d.errors, (pos, e) => new YAMLParseError(pos, e.code, e.message)),
          warnings: shiftErrors(d.warnings, (pos, e) => new YAMLWarning(pos, e.code, e.message)),
        })),
        duplicateKeys: d.duplicateKeys.map((k) => ({ key: k.key, range: shift(k.range) })),
      };
      if (d.template !== undefined) copy.template = d.template + delta;
      return copy;
    }),
  };
}
