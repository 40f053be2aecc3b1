// Diagram layout + SVG render time (warm medians) for 50, 200 and 1000 components and for
// 100 workloads in groups (infra.yaml with groups set, and the same estate as a Kubernetes
// manifest); how readable the laid-out scenes are (edge crossings, area per
// box: diagram/readability.ts), side by side with and without groups; and whether a one-line
// edit (one host, or one component, added mid-file) keeps the order of the untouched nodes.
// Run alone with `npx tsx bench/diagram.bench.ts`.

import { analyze } from '../server/src/analysis/engine';
import type { AnalysisResult } from '../server/src/analysis/engine';
import { buildScene, orderStability, readability, renderSceneSvg, sceneColumnOrder } from '../server/src/diagram';
import { formatOptionsFor } from '../server/src/formats';
import { generateDesign } from '../test/support/generate-design';
import { withGroups, workloadDesign, workloadManifest } from '../test/support/workload-design';
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

async function layoutAndRender(result: AnalysisResult): Promise<Run> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const scene = await buildScene(result);
  const svg = renderSceneSvg(scene);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, nodes: scene.nodes.length, bytes: svg.length };
}

/** One warm-up, then `runs` runs: the median wall and CPU times, and the last run. */
async function warmMedian(result: AnalysisResult, runs: number): Promise<{ ms: number; cpuMs: number; last: Run }> {
  await layoutAndRender(result);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let last: Run = { ms: 0, cpuMs: 0, nodes: 0, bytes: 0 };
  for (let i = 0; i < runs; i++) {
    last = await layoutAndRender(result);
    times.push(last.ms);
    cpuTimes.push(last.cpuMs);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), last };
}

export async function benchDiagram(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await layoutAndRender(analyze(generateDesign(50).text)); // loads and compiles Graphviz's WASM once

  for (const { components, targetMs, runs } of SIZES) {
    const { ms, cpuMs, last } = await warmMedian(analyze(generateDesign(components).text), runs);
    rows.push({
      name: `layout + SVG, ${components} components (${last.nodes} nodes, ${round(last.bytes / 1024, 0)} KiB SVG; CPU ${round(cpuMs, 0)} ms)`,
      value: round(ms, 0),
      unit: 'ms',
      target: `≤ ${targetMs} ms`,
      ok: ms <= targetMs,
    });
  }

  // 100 workloads in 5 groups, as the Kubernetes front end gives them (namespaces).
  const workloads = workloadDesign(100, 5);
  const grouped = (r: AnalysisResult): AnalysisResult => withGroups(r, workloads.groupOf);
  const manifest = workloadManifest(100, 5);
  const manifestResult = analyze(manifest, formatOptionsFor('workloads.yaml', undefined, manifest));
  const workloadRuns: [string, AnalysisResult][] = [
    ['100 workloads in 5 groups', grouped(analyze(workloads.text))],
    ['the same 100 workloads as a Kubernetes manifest in 5 namespaces', manifestResult],
  ];
  for (const [label, result] of workloadRuns) {
    const { ms, cpuMs, last } = await warmMedian(result, 9);
    rows.push({
      name: `layout + SVG, ${label} (${last.nodes} nodes; CPU ${round(cpuMs, 0)} ms)`,
      value: round(ms, 0),
      unit: 'ms',
      target: '≤ 300 ms',
      ok: ms <= 300,
    });
  }

  const workloadResult = analyze(workloads.text);
  const cases: [string, AnalysisResult][] = [
    ['60 components on hosts in zones', analyze(generateDesign(60).text)],
    ['100 workloads, no groups (a box per replica, in zones)', workloadResult],
    ['100 workloads in 5 groups (each once, ×N)', grouped(workloadResult)],
    ['100 workloads, a Kubernetes manifest in 5 namespaces (calls inferred from env, dashed)', manifestResult],
  ];
  for (const [label, result] of cases) {
    const scene = await buildScene(result);
    const r = readability(scene);
    rows.push({
      name: `readability, ${label}: crossings (${r.solidCrossings} without dashed edges; ${r.edges} edges, ${r.leaves} boxes, ${round(r.areaPerLeaf / 1000, 1)}k px² per box)`,
      value: r.crossings,
      unit: 'crossings',
    });
  }

  // The preview sends the column order of the scene it shows (column-order.ts); the CLI and
  // a first preview lay out without one. Both, side by side.
  const insert = workloadDesign(100, 5, { extraComponent: true });
  const groupedBefore = await buildScene(grouped(workloadResult));
  const insertResult = withGroups(analyze(insert.text), insert.groupOf);
  const free = await buildScene(insertResult);
  const kept = await buildScene(insertResult, { previousOrder: sceneColumnOrder(groupedBefore) });
  for (const [how, scene] of [['', free], [', previous order given (the preview)', kept]] as const) {
    const s = orderStability(groupedBefore, scene);
    rows.push({
      name: `order of untouched nodes kept, one workload added to a group, 100 workloads in groups${how} (${s.kept}/${s.pairs} pairs; ${readability(scene).crossings} crossings, ${readability(groupedBefore).crossings} before the edit)`,
      value: s.percent,
      unit: '%',
      target: how ? '100 %' : undefined,
      ok: how ? s.percent === 100 : undefined,
    });
  }
  const keptRuns = { free: [] as number[], kept: [] as number[] };
  for (let i = 0; i < 9; i++) {
    for (const [key, options] of [['free', {}], ['kept', { previousOrder: sceneColumnOrder(groupedBefore) }]] as const) {
      const start = performance.now();
      await buildScene(insertResult, options);
      keptRuns[key].push(performance.now() - start);
    }
  }
  rows.push({
    name: `layout, one workload added to 100 workloads in groups, previous order given (${round(median(keptRuns.free), 0)} ms without it, side by side: ×${round(median(keptRuns.kept) / median(keptRuns.free), 2)})`,
    value: round(median(keptRuns.kept), 0),
    unit: 'ms',
    target: '≤ 300 ms',
    ok: median(keptRuns.kept) <= 300,
  });

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
    if (components === 1000) {
      const s = orderStability(before, await buildScene(analyze(generateDesign(components, { extraComponent: true }).text), { previousOrder: sceneColumnOrder(before) }));
      rows.push({
        name: `order of untouched nodes kept, one component added, 1000 components, previous order given (${s.kept}/${s.pairs} pairs)`,
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
