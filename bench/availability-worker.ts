// Measures availability at one design size in a process of its own, side by side with check.
// Usage: availability-worker.ts <components> <runs>; prints one JSON line.

import { computeAvailability } from '../server/src/analysis/availability';
import { analyze } from '../server/src/analysis/engine';
import { generateLargeDesignYaml } from '../test/support/random-design';
import { median } from './types';

const components = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
const text = generateLargeDesignYaml(components, 42);
/** Small enough that the BDD gives up at once: the figures of the bounds path. */
const BOUNDS_BUDGET = { nodes: 1_000, operations: 1_000 };

function time<T>(fn: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
}

const checkTimes: number[] = [];
const exactTimes: number[] = [];
const boundsTimes: number[] = [];
let exact = computeAvailability(analyze(text).design, analyze(text).model);
let bounded = exact;
// Interleaved, so that machine noise hits every side alike; the first round warms up.
for (let i = 0; i <= runs; i++) {
  const [c, result] = time(() => analyze(text));
  const [e, a] = time(() => computeAvailability(result.design, result.model));
  const [b, bounds] = time(() => computeAvailability(result.design, result.model, { budget: BOUNDS_BUDGET }));
  exact = a;
  bounded = bounds;
  if (i > 0) {
    checkTimes.push(c);
    exactTimes.push(e);
    boundsTimes.push(b);
  }
}
console.log(
  JSON.stringify({
    components,
    checkMs: median(checkTimes),
    exactMs: median(exactTimes),
    boundsMs: median(boundsTimes),
    exact: exact.exact,
    estimate: exact.estimate,
    lower: bounded.bounds?.lower,
    upper: bounded.bounds?.upper,
    cutSetCount: exact.cutSetCount,
  }),
);
