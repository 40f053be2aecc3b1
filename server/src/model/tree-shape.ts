// What a composed tree holds that its data does not show: keys written twice in one mapping,
// and nesting past the limit. One iterative pass (hostile nesting must not exhaust the stack),
// over a whole tree or, for the chunked parse, over the items of one chunk.

import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';

export interface TreeShape {
  duplicateKeys: { key: string; range: [number, number] }[];
  /** Where the nesting first goes past the limit. */
  tooDeep: [number, number] | null;
}

type Pending = { node: Node; depth: number }[];

export function inspectTree(root: Node | null, maxDepth: number): TreeShape {
  const shape: TreeShape = { duplicateKeys: [], tooDeep: null };
  if (root) inspect([{ node: root, depth: 0 }], maxDepth, shape);
  shape.duplicateKeys.sort((a, b) => a.range[0] - b.range[0]);
  return shape;
}

/**
 * What `inspectTree` finds below the items of a collection at `depth`: inside their keys and
 * values, not among the items themselves (the caller compares the keys of the whole collection).
 */
export function inspectBelowItems(items: readonly (Pair | Node)[], depth: number, maxDepth: number): TreeShape {
  const shape: TreeShape = { duplicateKeys: [], tooDeep: null };
  const pending: Pending = [];
  for (const item of items) {
    if (isPair(item)) pushPair(item, depth, pending);
    else if (item) pending.push({ node: item as Node, depth: depth + 1 });
  }
  inspect(pending, maxDepth, shape);
  return shape;
}

/** The keys written twice among the pairs of one mapping, in order, added to `shape`. */
export function findDuplicatePairKeys(items: readonly unknown[], shape: TreeShape): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const k = String(item.key.value);
    if (!seen.has(k)) seen.add(k);
    else if (item.key.range) shape.duplicateKeys.push({ key: k, range: [item.key.range[0], item.key.range[1]] });
  }
}

function pushPair(item: Pair, depth: number, pending: Pending): void {
  const key = item.key as Node | null;
  if (key && !isScalar(key) && !isAlias(key)) pending.push({ node: key, depth: depth + 1 });
  if (item.value) pending.push({ node: item.value as Node, depth: depth + 1 });
}

function inspect(stack: Pending, maxDepth: number, shape: TreeShape): void {
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) {
      if (!shape.tooDeep && node.range) shape.tooDeep = [node.range[0], node.range[1]];
      continue;
    }
    if (isMap(node)) {
      findDuplicatePairKeys(node.items, shape);
      for (const item of node.items) if (isPair(item)) pushPair(item, depth, stack);
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) stack.push({ node: item as Node, depth: depth + 1 });
    }
  }
}
