// Diagram layout + SVG render time (warm medians) for 50, 200 and 1000 components, and
// whether a one-line edit (one host, or one component, added mid-file) keeps the order of
// the untouched nodes. Run alone with `npx tsx bench/diagram.bench.ts`.

import { analyze } from '../server/src/analysis/engine';
import { buildScene, orderStability, renderSceneSvg } from '../server/src/diagram';
import { generateDesign } from '../test/support/generate-design';
import { median, round } from './types';
import type { BenchRow } from './types';

const SIZES: { components: number; targetMs: number; runs: number }[] = [
  { components: 50, targetMs: 100, runs: 9 },
  { components: 200, targetMs: 500, runs: 7 },
  { components: 1000, targetMs: 3000, runs: 5 },
];

interface Run {
  ms: number;
  /** CPU time of this process: a steadier figure than wall time on a shared machine. */
  cpuMs: number;
  nodes: number;
  bytes: number;
}

async function layoutAndRender(text: string): Promise<Run> {
  const result = analyze(text);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const scene = await buildScene(result);
  const svg = renderSceneSvg(scene);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, nodes: scene.nodes.length, bytes: svg.length };
}

export async function benchDiagram(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await layoutAndRender(generateDesign(50).text); // loads and compiles Graphviz's WASM once

  for (const { components, targetMs, runs } of SIZES) {
    const text = generateDesign(components).text;
    await layoutAndRender(text);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last: Run = { ms: 0, cpuMs: 0, nodes: 0, bytes: 0 };
    for (let i = 0; i < runs; i++) {
      last = await layoutAndRender(text);
      times.push(last.ms);
      cpuTimes.push(last.cpuMs);
    }
    const ms = median(times);
    rows.push({
      name: `layout + SVG, ${components} components (${last.nodes} nodes, ${round(last.bytes / 1024, 0)} KiB SVG; CPU ${round(median(cpuTimes), 0)} ms)`,
      value: round(ms, 0),
      unit: 'ms',
      target: `≤ ${targetMs} ms`,
      ok: ms <= targetMs,
    });
  }

  for (const components of [50, 200, 1000]) {
    const before = await buildScene(analyze(generateDesign(components).text));
    for (const edit of ['extraHost', 'extraComponent'] as const) {
      const after = await buildScene(analyze(generateDesign(components, { [edit]: true }).text));
      const s = orderStability(before, after);
      rows.push({
        name: `order of untouched nodes kept, one ${edit === 'extraHost' ? 'host' : 'component'} added, ${components} components (${s.kept}/${s.pairs} pairs)`,
        value: s.percent,
        unit: '%',
        target: '100 %',
        ok: s.percent === 100,
      });
    }
  }
  return rows;
}

if (require.main === module) {
  benchDiagram()
    .then((rows) => {
      for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.ok ? 'ok' : 'MISSED'})` : ''}`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
