// Availability side by side with `check` on the same generated designs: exact A at 1k
// components must add ≤ 25 % to check; at 10k, exact A (or the proven bounds) within 1 s.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { BenchRow, round } from './types';

interface AvailabilityResult {
  components: number;
  checkMs: number;
  exactMs: number;
  boundsMs: number;
  exact: boolean;
  estimate: number;
  lower: number;
  upper: number;
  cutSetCount: number;
}

function runWorker(components: number, runs: number): AvailabilityResult {
  const out = execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'availability-worker.ts'), String(components), String(runs)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as AvailabilityResult;
}

export async function benchAvailability(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [components, runs] of [
    [1000, 9],
    [10000, 5],
  ]) {
    const r = runWorker(components, runs);
    const share = r.exactMs / r.checkMs;
    rows.push({ name: `${components} components: check`, value: round(r.checkMs), unit: 'ms' });
    rows.push({ name: `${components} components: exact availability (${r.exact ? 'exact' : 'NOT exact'}, A = ${r.estimate.toFixed(6)}, ${r.cutSetCount} pairs)`, value: round(r.exactMs), unit: 'ms', ...(components === 10000 ? { target: '≤ 1000 ms', ok: r.exact && r.exactMs <= 1000 } : {}) });
    rows.push({
      name: `${components} components: availability / check`,
      value: round(share * 100),
      unit: '%',
      ...(components === 1000 ? { target: '≤ 25 %', ok: r.exact && share <= 0.25 } : {}),
    });
    rows.push({
      name: `${components} components: proven bounds alone (${r.lower.toFixed(6)} ≤ A ≤ ${r.upper.toFixed(6)})`,
      value: round(r.boundsMs),
      unit: 'ms',
      ...(components === 10000 ? { target: '≤ 1000 ms', ok: r.boundsMs <= 1000 && r.lower <= r.estimate && r.estimate <= r.upper } : {}),
    });
  }
  const chain = JSON.parse(
    execFileSync(process.execPath, ['--stack-size=984', '--require', 'tsx/cjs', path.join(__dirname, 'chain-worker.ts'), '30000'], { encoding: 'utf8' }),
  ) as { availabilityMs: number; availabilityExact: boolean | null };
  rows.push({
    name: `30,000-deep dependsOn chain: availability (${chain.availabilityExact ? 'exact' : 'bounds'})`,
    value: round(chain.availabilityMs),
    unit: 'ms',
    target: 'no stack overflow',
    ok: chain.availabilityExact !== null,
  });
  return rows;
}

if (require.main === module) {
  void benchAvailability().then((rows) => console.table(rows));
}
