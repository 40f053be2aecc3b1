// The SPOF search and the what-if on any-of dependencies against the same design with plain
// ones: `layers` layers of two one-instance components, each depending on the next layer's
// pair, once as { anyOf: [a, b] } and once as [a, b]. The plain design is the near-linear walk
// (and every component a SPOF, with a blast radius up to the top); the any-of one has no SPOF
// but judges every element by a what-if of its own, the most a design can ask of that step.
// The rows at two sizes show how it grows.

import { buildFailureModel } from '../server/src/analysis/failure-model';
import { findSpofs } from '../server/src/analysis/spof';
import { buildDesign } from '../server/src/model/build';
import { median, round } from './types';
import type { BenchRow } from './types';

function layeredPairs(layers: number, anyOf: boolean): ReturnType<typeof buildDesign> {
  const components: Record<string, unknown> = { front: { type: 'web-server', replicas: 2, dependsOn: anyOf ? [{ anyOf: ['l0a', 'l0b'] }] : ['l0a', 'l0b'] } };
  for (let k = 0; k < layers; k++) {
    const next = k + 1 < layers ? [`l${k + 1}a`, `l${k + 1}b`] : [];
    const dependsOn = next.length === 0 ? [] : anyOf ? [{ anyOf: next }] : next;
    components[`l${k}a`] = { type: 'service', dependsOn };
    components[`l${k}b`] = { type: 'service', dependsOn };
  }
  return buildDesign({ version: 1, name: 'pairs', dns: [{ name: 'www', type: 'A', target: 'front' }], components });
}

function spofMs(design: ReturnType<typeof buildDesign>): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    findSpofs(buildFailureModel(design));
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function rowsAt(layers: number): BenchRow[] {
  const plain = layeredPairs(layers, false);
  const grouped = layeredPairs(layers, true);
  spofMs(plain);
  spofMs(grouped);
  const plainMs = spofMs(plain);
  const groupedMs = spofMs(grouped);
  return [
    { name: `SPOF search, ${2 * layers + 1} components in plain pairs`, value: round(plainMs), unit: 'ms' },
    { name: `SPOF search, the same in any-of pairs`, value: round(groupedMs), unit: 'ms' },
    { name: 'SPOF search any-of / plain (side by side)', value: round(groupedMs / plainMs, 2), unit: '×' },
  ];
}

export function benchAnyOf(): BenchRow[] {
  return [...rowsAt(1000), ...rowsAt(5000)];
}

if (require.main === module) console.table(benchAnyOf());
