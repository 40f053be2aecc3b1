// Whether two parses of one text answer every question alike: the incremental parses
// (model/chunked-parse.ts, the Kubernetes documents) against the whole parse.

import { strict as assert } from 'node:assert';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ParsedDocument } from '../../server/src/model/parse';
import type { Path } from '../../server/src/model/types';

/**
 * The first difference between two yaml node trees: node classes, ranges, scalar values and
 * styles, flow flags, tags, anchors. Comments and blank-line flags (commentBefore, comment,
 * spaceBefore) are not compared: the chunked parse does not reproduce them and nothing reads
 * them (see the last test).
 */
export function treeDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (isPair(a) || isPair(b)) {
    if (!isPair(a) || !isPair(b)) return `${at}: a pair and a non-pair`;
    return treeDifference(a.key, b.key, `${at}.key`) ?? treeDifference(a.value, b.value, `${at}.value`);
  }
  if (a === null || a === undefined || b === null || b === undefined) return a === b ? null : `${at}: ${String(a)} vs ${String(b)}`;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (x.constructor !== y.constructor) return `${at}: ${x.constructor.name} vs ${y.constructor.name}`;
  for (const p of ['range', 'type', 'flow', 'tag', 'anchor', 'source', 'format']) {
    if (JSON.stringify(x[p]) !== JSON.stringify(y[p])) return `${at}.${p}: ${JSON.stringify(x[p])} vs ${JSON.stringify(y[p])}`;
  }
  if (isScalar(a) && isScalar(b)) return Object.is(a.value, b.value) ? null : `${at}.value: ${String(a.value)} vs ${String(b.value)}`;
  if ((isMap(a) || isSeq(a)) && (isMap(b) || isSeq(b))) {
    if (a.items.length !== b.items.length) return `${at}: ${a.items.length} vs ${b.items.length} items`;
    for (let i = 0; i < a.items.length; i++) {
      const d = treeDifference(a.items[i], b.items[i], `${at}[${i}]`);
      if (d) return d;
    }
  }
  return null;
}

/** Every path of the data, keys and indexes, depth first (at most `limit`). */
export function pathsOf(data: unknown, limit = 5_000): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, at: Path): void => {
    if (out.length >= limit) return;
    out.push(at);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...at, i]));
    else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) walk(item, [...at, k]);
  };
  walk(data, []);
  return out;
}

/** Asserts that `chunked` answers every question exactly as `whole` does. */
export function assertSameParse(chunked: ParsedDocument, whole: ParsedDocument, offsets: readonly number[] = []): void {
  assert.equal(treeDifference(chunked.doc.contents, whole.doc.contents), null, 'node trees differ');
  assert.deepEqual(chunked.doc.range, whole.doc.range, 'document range');
  assert.deepEqual(chunked.data, whole.data, 'data');
  assert.deepEqual(chunked.problems, whole.problems, 'problems');
  assert.deepEqual(chunked.ignoreComments, whole.ignoreComments, 'ignore comments');
  assert.deepEqual(chunked.lineCounter.lineStarts, whole.lineCounter.lineStarts, 'line starts');
  for (const p of pathsOf(whole.data)) {
    for (const part of ['key', 'value', 'node'] as const) {
      assert.deepEqual(chunked.sourceMap.rangeOf(p, part), whole.sourceMap.rangeOf(p, part), `rangeOf(${JSON.stringify(p)}, ${part})`);
    }
  }
  for (const offset of offsets) {
    const c = chunked.sourceMap.nodeAtOffset(offset);
    const w = whole.sourceMap.nodeAtOffset(offset);
    assert.deepEqual([c.path, c.part, c.node?.range, c.parent?.range], [w.path, w.part, w.node?.range, w.parent?.range], `nodeAtOffset(${offset})`);
  }
}

