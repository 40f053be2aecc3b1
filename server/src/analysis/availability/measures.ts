// What one pass over the service's BDD gives: P(down); for every variable the probability of
// down given that it failed (Birnbaum importance, from one backward pass, instead of one
// evaluation per element); and the order-2 cut sets.

import { FALSE, TRUE } from './bdd';
import type { ServiceFunction } from './service-function';

/** P(down) at every node: down[n] = p·down[high] + q·down[low], in node order (children first). */
export function downProbabilities(f: ServiceFunction, up: Float64Array): Float64Array {
  const { bdd } = f;
  const down = new Float64Array(bdd.size);
  down[FALSE] = 1;
  down[TRUE] = 0;
  for (let n = 2; n <= f.root; n++) {
    const v = bdd.variable[n];
    down[n] = up[v] * down[bdd.high[n]] + (1 - up[v]) * down[bdd.low[n]];
  }
  return down;
}

/**
 * P(service down | variable v down) for every v. With R(n) the probability that the path
 * from the root passes through n, ∂P(down)/∂p_v = Σ_{n tests v} R(n)·(down[high] − down[low]),
 * and P(down) = P(down | v down) + p_v·∂P(down)/∂p_v.
 */
export function downGivenFailed(f: ServiceFunction, up: Float64Array, down: Float64Array): Float64Array {
  const { bdd } = f;
  const reach = new Float64Array(f.root + 1);
  const derivative = new Float64Array(bdd.variableCount);
  reach[f.root] = 1;
  for (let n = f.root; n >= 2; n--) {
    const r = reach[n];
    if (r === 0) continue;
    const v = bdd.variable[n];
    const high = bdd.high[n];
    const low = bdd.low[n];
    derivative[v] += r * (down[high] - down[low]);
    reach[high] += r * up[v];
    reach[low] += r * (1 - up[v]);
  }
  const total = down[f.root];
  return derivative.map((d, v) => Math.min(1, total - up[v] * d));
}

export interface PairCuts {
  /** Variables whose failure alone takes the service down. */
  singles: Uint8Array;
  /** Every order-2 cut set, as variable pairs (first < second), up to `limit` of them. */
  pairs: Int32Array;
  /** How many order-2 cut sets there are (all of them, also past `limit`). */
  count: number;
}

/**
 * Order-2 cut sets, without a what-if per pair. Setting {a, b} down and all else up follows
 * the all-up path from the root, a low edge at a, the all-up path, a low edge at b, the
 * all-up path. deadEnd[n] says whether n's all-up path ends at FALSE; from each node a
 * persistent list holds the variables on its all-up path whose low edge leads to a dead end
 * (singles excluded). A pair is then a low edge at a on the root's all-up path followed by an
 * entry of the list below it: linear in the diagram plus the number of pairs.
 */
export function pairCuts(f: ServiceFunction, limit: number): PairCuts {
  const { bdd, root } = f;
  const deadEnd = new Uint8Array(root + 1);
  deadEnd[FALSE] = 1;
  for (let n = 2; n <= root; n++) deadEnd[n] = deadEnd[bdd.high[n]];
  const singles = new Uint8Array(bdd.variableCount);
  for (let n = root; n >= 2; n = bdd.high[n]) if (deadEnd[bdd.low[n]] === 1) singles[bdd.variable[n]] = 1;

  const head = new Int32Array(root + 1).fill(-1);
  const length = new Float64Array(root + 1);
  const cellVariable: number[] = [];
  const cellNext: number[] = [];
  for (let n = 2; n <= root; n++) {
    const high = bdd.high[n];
    const v = bdd.variable[n];
    if (deadEnd[bdd.low[n]] === 1 && singles[v] === 0) {
      cellVariable.push(v);
      cellNext.push(head[high]);
      head[n] = cellVariable.length - 1;
      length[n] = length[high] + 1;
    } else {
      head[n] = head[high];
      length[n] = length[high];
    }
  }
  const pairs: number[] = [];
  let count = 0;
  if (root >= 2 && deadEnd[root] === 0) {
    for (let n = root; n >= 2; n = bdd.high[n]) {
      const low = bdd.low[n];
      if (deadEnd[low] === 1) continue;
      count += length[low];
      for (let cell = head[low]; cell >= 0 && pairs.length < 2 * limit; cell = cellNext[cell]) pairs.push(bdd.variable[n], cellVariable[cell]);
    }
  }
  return { singles, pairs: Int32Array.from(pairs), count };
}
