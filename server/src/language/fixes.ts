// Fix intents (tree changes on model paths) → text edits. The edits are computed from the
// `yaml` tree's node ranges, never by searching the text, and touch only the lines they
// change: comments and formatting elsewhere stay byte for byte. All edits of one fix are
// computed against the original text, do not overlap, and may be applied together (LSP).

import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Change, FixIntent } from '../model/findings';
import type { ParsedDocument } from '../model/parse';
import type { AnalysisResult } from '../analysis/engine';
import type { Path, Range } from '../model/types';
import { blockPairLines, blockSeqItemLines, blockValueAfterKey, flowText, scalarText, scalarTextInStyle } from './yaml-render';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The text edits that carry out `fix`; empty when it cannot be applied to this text. */
/**
 * A rule's fix as edits of the analysed document: its changes are at model paths, which the
 * format's front end writes in its own terms (undefined when the format cannot say them).
 */
export function fixEdits(result: Pick<AnalysisResult, 'parsed' | 'locator'>, fix: FixIntent): TextEdit[] | undefined {
  const changes = fix.documentPaths ? fix.changes : result.locator.documentChanges(fix.changes);
  return changes && fixToEdits(result.parsed, { ...fix, changes });
}

export function fixToEdits(parsed: ParsedDocument, fix: FixIntent): TextEdit[] {
  const plan = new EditPlan(parsed);
  try {
    for (const change of fix.changes) plan.add(change);
    return plan.finish();
  } catch (err) {
    if (err instanceof Unfixable) return [];
    throw err;
  }
}

/** A change that does not fit the text (a path that is not there, a scalar where a list is expected). */
class Unfixable extends Error {}

type Collection = YAMLMap | YAMLSeq;

/** One step of a walk down a path: the node reached, and how it hangs in its parent. */
interface Step {
  node: Node | null;
  /** The pair whose value `node` is (null for a sequence item and the root). */
  pair: Pair | null;
  parent: Collection | null;
  /** Index of the pair or item in `parent`. */
  index: number;
}

interface Walk {
  steps: Step[];
  /** How many path segments exist in the text. */
  depth: number;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
  /** Of inserts at one offset, the more deeply nested text goes first (a pair for the inner mapping before the outer's). */
  nesting?: number;
}

type Plain = unknown;

class EditPlan {
  private readonly text: string;
  private readonly newline: string;
  private readonly unit: string;
  private readonly edits: OffsetEdit[] = [];
  /** Pairs and items to add, gathered per collection so several changes make one edit. */
  private readonly mapAdditions = new Map<YAMLMap, Map<string, Plain>>();
  private readonly seqAdditions = new Map<YAMLSeq, Plain[]>();
  /** Values for pairs that have none yet (`hosts:` with nothing under it). */
  private readonly fills = new Map<Pair, { value: Plain; steps: Step[] }>();

  constructor(private readonly parsed: ParsedDocument) {
    this.text = parsed.text;
    this.newline = this.text.includes('\r\n') ? '\r\n' : '\n';
    this.unit = ' '.repeat(indentUnit(parsed));
  }

  add(change: Change): void {
    switch (change.op) {
      case 'replace-value':
        return this.replaceValue(change.path, change.value);
      case 'rename-key':
        return this.renameKey(change.path, change.key);
      case 'set':
        return this.set(change.path, change.key, change.value);
      case 'append':
        return this.append(change.path, change.value);
      case 'remove':
        return this.remove(change.path);
      case 'comment-above':
        return this.commentAbove(change.path, change.text);
    }
  }

  finish(): TextEdit[] {
    for (const [map, pairs] of this.mapAdditions) this.renderMapAdditions(map, pairs);
    for (const [seq, items] of this.seqAdditions) this.renderSeqAdditions(seq, items);
    for (const [pair, { value, steps }] of this.fills) this.renderFill(pair, value, steps);
    const sorted = mergeInserts(
      this.edits.map((e, order) => ({ ...e, order })).sort((a, b) => a.start - b.start || a.end - b.end || (b.nesting ?? 0) - (a.nesting ?? 0) || a.order - b.order),
    );
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) throw new Unfixable('overlapping changes');
    const sm = this.parsed.sourceMap;
    return sorted.map((e) => ({ range: sm.rangeFromOffsets(e.start, e.end), newText: e.text }));
  }

  // --- the operations ---

  private replaceValue(path: Path, value: Plain): void {
    const w = this.walkFull(path);
    this.setValueOf(last(w.steps), w.steps, value);
  }

  private renameKey(path: Path, key: string): void {
    const step = last(this.walkFull(path).steps);
    const keyNode = step.pair?.key as Node | null | undefined;
    if (!keyNode?.range) throw new Unfixable('not a mapping key');
    this.replace(keyNode.range[0], keyNode.range[1], scalarText(key));
  }

  private set(path: Path, key: string, value: Plain): void {
    const w = this.walk(path);
    if (w.depth < path.length) return this.create(w, path, { [key]: value });
    const step = last(w.steps);
    if (isMap(step.node)) {
      const pair = this.parsed.sourceMap.pairOf(step.node, key);
      if (pair) {
        const index = step.node.items.indexOf(pair);
        return this.setValueOf({ node: (pair.value as Node | null) ?? null, pair, parent: step.node, index }, w.steps, value);
      }
      return this.addToMap(step.node, key, value);
    }
    if (step.pair && isEmpty(step.node)) return this.fill(step.pair, { [key]: value }, w.steps);
    throw new Unfixable('not a mapping');
  }

  private append(path: Path, value: Plain): void {
    const w = this.walk(path);
    if (w.depth < path.length) return this.create(w, path, [value]);
    const step = last(w.steps);
    if (isSeq(step.node)) {
      const items = this.seqAdditions.get(step.node) ?? [];
      items.push(value);
      this.seqAdditions.set(step.node, items);
      return;
    }
    if (step.pair && isEmpty(step.node)) return this.fill(step.pair, [value], w.steps);
    throw new Unfixable('not a sequence');
  }

  private remove(path: Path): void {
    const w = this.walkFull(path);
    const step = last(w.steps);
    const parent = step.parent;
    if (!parent) throw new Unfixable('cannot remove the document');
    const start = startOf(parent.items[step.index] as Node | Pair);
    const end = contentEnd(parent.items[step.index] as Node | Pair, this.text);
    if (parent.flow) return this.removeFlowEntry(parent, step.index, start, end);

    const lineStart = this.lineStart(start);
    const before = this.text.slice(lineStart, start);
    const blockItem = isSeq(parent) ? /^[ \t]*-[ \t]*$/.test(before) : /^[ \t]*$/.test(before);
    if (!blockItem) {
      // A key after "- " (the first pair of a sequence item): keep the dash and what follows.
      if (isMap(parent) && parent.items.length > 1 && w.steps.length >= 2) {
        this.replace(start, startOf(parent.items[step.index + 1] as Pair), '');
        return;
      }
      if (isMap(parent) && parent.items.length === 1 && path.length >= 2) return this.remove(path.slice(0, -1));
      throw new Unfixable('unexpected layout');
    }
    this.replace(lineStart, this.nextLineStart(end), '');
    if (parent.items.length === 1) this.markEmptied(parent, w.steps);
  }

  private commentAbove(path: Path, text: string): void {
    const w = this.walk(path);
    if (w.depth === 0) throw new Unfixable('no element to comment');
    const step = w.steps[w.depth - 1];
    const at = step.pair?.key ? startOf(step.pair.key as Node) : step.node ? startOf(step.node) : undefined;
    if (at === undefined) throw new Unfixable('no position');
    const lineStart = this.lineStart(at);
    const indent = /^[ \t]*/.exec(this.text.slice(lineStart, at))![0];
    const comment = text.startsWith('#') ? text : `# ${text}`;
    this.insert(lineStart, `${indent}${comment}${this.newline}`);
  }

  // --- building blocks ---

  /** The value of `step` becomes `value`: the scalar is replaced, an empty value filled. */
  private setValueOf(step: Step, steps: Step[], value: Plain): void {
    const node = step.node;
    if (isEmpty(node) && step.pair) return this.fill(step.pair, value, steps);
    if (!node?.range) throw new Unfixable('no value');
    const inFlow = steps.some((s) => s.parent?.flow) || !!step.parent?.flow;
    const block = isCollection(node) && !node.flow;
    if (isScalar(node) && typeof value === 'string') {
      this.replace(node.range[0], node.range[1], scalarTextInStyle(value, node.type));
      return;
    }
    if (!block || inFlow || !step.pair) {
      this.replace(node.range[0], block ? contentEnd(node, this.text) : node.range[1], flowText(value));
      return;
    }
    // A block collection under a key: rewrite from the colon to its last content.
    const keyNode = step.pair.key as Node;
    const colon = this.colonAfter(keyNode);
    const indent = this.columnOf(startOf(keyNode));
    this.replace(colon + 1, contentEnd(node, this.text), this.valueAfterKey(keyNode, value, indent));
  }

  /** A missing part of `path`: create it, with `leaf` at the end, under the deepest existing node. */
  private create(w: Walk, path: Path, leaf: Plain): void {
    const missing = path.slice(w.depth);
    if (missing.some((s) => typeof s !== 'string')) throw new Unfixable('cannot create a sequence item');
    const value = (missing.slice(1) as string[]).reduceRight<Plain>((acc, key) => ({ [key]: acc }), leaf);
    const key = missing[0] as string;
    const here = w.depth === 0 ? { node: this.parsed.doc.contents as Node | null, pair: null, parent: null, index: 0 } : w.steps[w.depth - 1];
    if (isMap(here.node)) return this.addToMap(here.node, key, value);
    if (here.pair && isEmpty(here.node)) return this.fill(here.pair, { [key]: value }, w.steps.slice(0, w.depth));
    throw new Unfixable('the path runs through a value that is not a mapping');
  }

  private addToMap(map: YAMLMap, key: string, value: Plain): void {
    const pairs = this.mapAdditions.get(map) ?? new Map<string, Plain>();
    pairs.set(key, pairs.has(key) ? deepMerge(pairs.get(key), value) : value);
    this.mapAdditions.set(map, pairs);
  }

  private fill(pair: Pair, value: Plain, steps: Step[]): void {
    const known = this.fills.get(pair);
    this.fills.set(pair, { value: known ? deepMerge(known.value, value) : value, steps });
  }

  /** The last item of a block collection was removed: leave `key: []` (or `{}`), not a null. */
  private markEmptied(collection: Collection, steps: Step[]): void {
    const owner = steps.length >= 2 ? steps[steps.length - 2] : undefined;
    const keyNode = owner?.pair?.key as Node | undefined;
    if (!keyNode || owner?.node !== collection) return;
    this.insert(this.colonAfter(keyNode) + 1, isSeq(collection) ? ' []' : ' {}');
  }

  private removeFlowEntry(parent: Collection, index: number, start: number, end: number): void {
    const items = parent.items as (Node | Pair)[];
    if (items.length === 1) this.replace(start, end, '');
    else if (index < items.length - 1) this.replace(start, startOf(items[index + 1]), '');
    else this.replace(contentEnd(items[index - 1], this.text), end, '');
  }

  private renderMapAdditions(map: YAMLMap, pairs: Map<string, Plain>): void {
    const entries = [...pairs];
    if (map.flow || map.items.length === 0) {
      const text = entries.map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ');
      if (map.items.length > 0) this.insert(contentEnd(map.items[map.items.length - 1] as Pair, this.text), `, ${text}`);
      else this.insert(this.openingBracket(map) + 1, ` ${text} `);
      return;
    }
    const indent = ' '.repeat(this.columnOf(startOf(map.items[0] as Pair)));
    // A new top-level section (`zones:`) is a block, like the sections beside it.
    const section = map === this.parsed.doc.contents;
    const lines = entries.flatMap(([k, v]) => blockPairLines(k, v, indent, this.unit, section));
    const at = this.lineEnd(contentEnd(map.items[map.items.length - 1] as Pair, this.text));
    this.insert(at, lines.map((l) => this.newline + l).join(''), indent.length);
  }

  private renderSeqAdditions(seq: YAMLSeq, items: Plain[]): void {
    if (seq.flow || seq.items.length === 0) {
      const text = items.map(flowText).join(', ');
      if (seq.items.length > 0) this.insert(contentEnd(seq.items[seq.items.length - 1] as Node, this.text), `, ${text}`);
      else this.insert(this.openingBracket(seq) + 1, text);
      return;
    }
    const first = startOf(seq.items[0] as Node);
    const dash = this.text.lastIndexOf('-', first);
    const indent = ' '.repeat(this.columnOf(dash >= this.lineStart(first) ? dash : first));
    const lines = items.flatMap((v) => blockSeqItemLines(v, indent, this.unit));
    const at = this.lineEnd(contentEnd(seq.items[seq.items.length - 1] as Node, this.text));
    this.insert(at, lines.map((l) => this.newline + l).join(''), indent.length);
  }

  private renderFill(pair: Pair, value: Plain, steps: Step[]): void {
    const keyNode = pair.key as Node;
    const node = pair.value as Node | null;
    const inFlow = steps.some((s) => s.parent?.flow);
    if (node?.range && node.range[1] > node.range[0]) {
      // An explicit `~` or `null`: replace it in place.
      this.replace(node.range[0], node.range[1], flowText(value));
      return;
    }
    const colon = this.colonAfter(keyNode);
    if (inFlow) {
      this.insert(colon + 1, ` ${flowText(value)}`);
      return;
    }
    const column = this.columnOf(startOf(keyNode));
    // Under a key written with nothing after it (`hosts:`), the user expects a block.
    const text = this.valueAfterKey(keyNode, value, column, true);
    // A block value goes after the key's line, so a comment on that line stays on it.
    if (text.startsWith(this.newline)) this.insert(this.lineEnd(colon), text, column + this.unit.length);
    else this.insert(colon + 1, text);
  }

  /** What follows `key:` for `value`: " scalar", " { flow }", or new lines of a block. */
  private valueAfterKey(keyNode: Node, value: Plain, column: number, block = false): string {
    const used = column + (keyNode.range![1] - startOf(keyNode)) + 1;
    const after = blockValueAfterKey(value, ' '.repeat(column), this.unit, used, block);
    return 'inline' in after ? after.inline : after.lines.map((l) => this.newline + l).join('');
  }

  // --- walking and text positions ---

  private walk(path: Path): Walk {
    const steps: Step[] = [];
    let node = this.parsed.doc.contents as Node | null;
    for (const segment of path) {
      if (typeof segment === 'string' && isMap(node)) {
        const pair = this.parsed.sourceMap.pairOf(node, segment);
        if (!pair) break;
        steps.push({ node: (pair.value as Node | null) ?? null, pair, parent: node, index: node.items.indexOf(pair) });
        node = (pair.value as Node | null) ?? null;
      } else if (typeof segment === 'number' && isSeq(node) && segment >= 0 && segment < node.items.length) {
        const item = node.items[segment] as Node;
        steps.push({ node: item, pair: null, parent: node, index: segment });
        node = item;
      } else {
        break;
      }
    }
    return { steps, depth: steps.length };
  }

  private walkFull(path: Path): Walk {
    const w = this.walk(path);
    if (w.depth < path.length || w.depth === 0) throw new Unfixable(`no node at ${path.join('.')}`);
    return w;
  }

  private replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  private insert(at: number, text: string, nesting?: number): void {
    this.edits.push({ start: at, end: at, text, nesting });
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the line holding `offset`, before its line break. */
  private lineEnd(offset: number): number {
    const lf = this.text.indexOf('\n', offset);
    if (lf < 0) return this.text.length;
    return lf > 0 && this.text[lf - 1] === '\r' ? lf - 1 : lf;
  }

  /** The start of the line after the one holding `offset` (or the end of the text). */
  private nextLineStart(offset: number): number {
    const lf = this.text.indexOf('\n', offset);
    return lf < 0 ? this.text.length : lf + 1;
  }

  private columnOf(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The `:` that ends a key (the key's range stops before any space and the colon). */
  private colonAfter(keyNode: Node): number {
    const at = this.text.indexOf(':', keyNode.range![1]);
    if (at < 0) throw new Unfixable('no colon after the key');
    return at;
  }

  private openingBracket(collection: Collection): number {
    const at = collection.range?.[0];
    if (at === undefined || !'[{'.includes(this.text[at])) throw new Unfixable('no bracket');
    return at;
  }
}

/** Inserts at one offset become one edit (their order kept), so clients need not order them. */
function mergeInserts(edits: OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === prev.start && e.end === e.start) prev.text += e.text;
    else out.push({ start: e.start, end: e.end, text: e.text });
  }
  return out;
}

function last<T>(items: T[]): T {
  return items[items.length - 1];
}

function isCollection(node: unknown): node is Collection {
  return isMap(node) || isSeq(node);
}

/** No value at all (`key:`), or an explicit null. */
function isEmpty(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && node.value === null);
}

function startOf(item: Node | Pair): number {
  if (isPair(item)) return startOf(item.key as Node);
  if (!item.range) throw new Unfixable('a node without a position');
  return item.range[0];
}

/** Where an item's content ends (trailing comments and line breaks excluded). */
function contentEnd(item: Node | Pair, text: string): number {
  if (isPair(item)) {
    const value = item.value as Node | null;
    if (value?.range && !(isScalar(value) && value.range[0] === value.range[1])) return contentEnd(value, text);
    return (item.key as Node).range![1];
  }
  if (!item.range) throw new Unfixable('a node without a position');
  if (isCollection(item) && !item.flow && item.items.length > 0) return contentEnd(item.items[item.items.length - 1] as Node | Pair, text);
  // A block scalar (`|`) ends after its last line break; its content does not.
  let end = item.range[1];
  while (end > item.range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

function deepMerge(a: Plain, b: Plain): Plain {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, Plain> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return b;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The indentation step of the document (the first nested block mapping's), 2 by default. */
function indentUnit(parsed: ParsedDocument): number {
  const root = parsed.doc.contents;
  if (!isMap(root) || root.flow) return 2;
  for (const item of root.items) {
    const value = item.value as Node | null;
    if (isCollection(value) && !value.flow && value.items.length > 0 && isPair(value.items[0])) {
      const keyStart = (value.items[0].key as Node).range?.[0];
      const parentStart = (item.key as Node).range?.[0];
      if (keyStart === undefined || parentStart === undefined) continue;
      const text = parsed.text;
      const column = (o: number) => o - (text.lastIndexOf('\n', o - 1) + 1);
      const step = column(keyStart) - column(parentStart);
      if (step > 0) return step;
    }
  }
  return 2;
}
