// `check` (the analysis without the yaml tree) against the parse floor (yaml.parseDocument
// alone on the same text), scaling, peak memory, and the deep-chain guard. Each size runs in a child process of its own.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { BenchRow, round } from './types';

interface SizeResult {
  components: number;
  lines: number;
  bytes: number;
  parseMs: number;
  checkMs: number;
  findings: number;
  /** Re-analysis after a one-line edit: from scratch, and with the chunk cache. */
  editFullMs: number;
  editChunkedMs: number;
}

interface MemoryResult {
  maxRssMb: number;
  /** RSS of the process before it read the design (node, tsx, the engine's modules). */
  baseMb: number;
}

/** Issue 17 item 1: check's peak RSS at 10,000 and 40,000 components. */
const RSS_TARGETS = new Map([
  [10000, 150],
  [40000, 300],
]);

function runWorker(script: string, args: string[]): string {
  return execFileSync(process.execPath, ['--expose-gc', '--stack-size=984', '--require', 'tsx/cjs', path.join(__dirname, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes: [number, number][] = [
    [1000, 9],
    [10000, 5],
    [40000, 3],
  ];
  const results = new Map<number, SizeResult>();
  for (const [components, runs] of sizes) {
    const r = JSON.parse(runWorker('engine-worker.ts', [String(components), String(runs)])) as SizeResult;
    results.set(components, r);
    const ratio = r.checkMs / r.parseMs;
    rows.push({ name: `${components} components (${r.lines} lines, ${round(r.bytes / 1e6, 2)} MB): parse floor`, value: round(r.parseMs), unit: 'ms' });
    rows.push({ name: `${components} components: check`, value: round(r.checkMs), unit: 'ms' });
    rows.push({
      name: `${components} components: check / parse floor`,
      value: round(ratio, 2),
      unit: '×',
      ...(components === 10000 ? { target: '≤ 1.5×', ok: ratio <= 1.5 } : {}),
    });
    // Each peak in a fresh process that runs that one analysis (the time rows' process also parses whole).
    const peak = (mode: string): MemoryResult => JSON.parse(runWorker('engine-memory-worker.ts', [String(components), mode])) as MemoryResult;
    const check = peak('check');
    const target = RSS_TARGETS.get(components);
    rows.push({
      name: `${components} components: check peak RSS (no yaml tree)`,
      value: round(check.maxRssMb),
      unit: 'MB',
      ...(target ? { target: `≤ ${target} MB`, ok: check.maxRssMb <= target } : {}),
    });
    rows.push({ name: `${components} components:   the same analysis holding the tree (the editor's)`, value: round(peak('tree').maxRssMb), unit: 'MB' });
    rows.push({ name: `${components} components:   check + availability + the JSON report held at once`, value: round(peak('report').maxRssMb), unit: 'MB' });
    if (components === sizes[0][0]) rows.push({ name: '  of which a process that has loaded the engine (node, tsx, the modules)', value: round(check.baseMb), unit: 'MB' });
  }
  for (const components of [1000, 10000]) {
    const r = results.get(components)!;
    rows.push({ name: `re-analyse after a one-line edit, ${components} components: full`, value: round(r.editFullMs), unit: 'ms' });
    rows.push({ name: `re-analyse after a one-line edit, ${components} components: chunked`, value: round(r.editChunkedMs), unit: 'ms' });
  }
  const small = results.get(10000)!;
  const large = results.get(40000)!;
  const scaling = large.checkMs / small.checkMs;
  rows.push({ name: 'check time 40k / 10k (4× the input)', value: round(scaling, 2), unit: '×', target: '≤ 5×', ok: scaling <= 5 });

  const chain = JSON.parse(runWorker('chain-worker.ts', ['30000'])) as { ms: number; spofs: number };
  rows.push({ name: '30,000-deep dependsOn chain: check', value: round(chain.ms), unit: 'ms', target: 'no stack overflow', ok: chain.spofs === 30000 });
  return rows;
}

if (require.main === module) {
  void benchEngine().then((rows) => console.table(rows));
}
