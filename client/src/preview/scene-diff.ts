// Diffs two lists of keyed items (scene nodes or edges) by id, so the preview touches only
// what changed and keeps its elements, zoom and pan across edits.

export type DiffOp<T> =
  | { kind: 'remove'; id: string }
  | { kind: 'add'; id: string; index: number; item: T }
  | { kind: 'update'; id: string; index: number; item: T; previous: T }
  | { kind: 'keep'; id: string; index: number; item: T };

export interface Keyed {
  id: string;
}

/**
 * Removals first (in the old order), then one op per new item in the new order, so that
 * applying them in sequence leaves the items in exactly the new order. Items whose drawn
 * data is unchanged are `keep`s. A repeated id in `next` is treated as one item (the first).
 */
export function diffById<T extends Keyed>(previous: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean = sameJson): DiffOp<T>[] {
  const oldById = new Map<string, T>();
  for (const item of previous) if (!oldById.has(item.id)) oldById.set(item.id, item);
  const nextIds = new Set<string>();
  const ops: DiffOp<T>[] = [];
  const placed: DiffOp<T>[] = [];
  let index = 0;
  for (const item of next) {
    if (nextIds.has(item.id)) continue;
    nextIds.add(item.id);
    const old = oldById.get(item.id);
    if (old === undefined) placed.push({ kind: 'add', id: item.id, index, item });
    else if (same(old, item)) placed.push({ kind: 'keep', id: item.id, index, item });
    else placed.push({ kind: 'update', id: item.id, index, item, previous: old });
    index++;
  }
  for (const id of oldById.keys()) if (!nextIds.has(id)) ops.push({ kind: 'remove', id });
  return ops.concat(placed);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How many ops of each kind: the preview logs it, the tests assert on it. */
export function countOps(ops: readonly DiffOp<unknown>[]): Record<DiffOp<unknown>['kind'], number> {
  const counts = { remove: 0, add: 0, update: 0, keep: 0 };
  for (const op of ops) counts[op.kind]++;
  return counts;
}
