// `npm run bench`: every benchmark, side by side in one run, as tables of figures and ratios.
// Targets are printed, not asserted: the machines are shared and noisy.

import type { BenchRow } from './types';

type Bench = { section: string; file: string; fn: string };

const BENCHES: Bench[] = [
  { section: 'Engine: check vs the yaml parse floor', file: './engine.bench', fn: 'benchEngine' },
  { section: 'Availability: exact A and the bounds, side by side with check', file: './availability.bench', fn: 'benchAvailability' },
  { section: 'Language server: latency, ours and yaml-language-server', file: './lsp.bench', fn: 'benchLsp' },
  { section: 'Diagram: layout and render', file: './diagram.bench', fn: 'benchDiagram' },
  { section: 'Hostile input and scale: the times unit tests no longer assert', file: './limits.bench', fn: 'benchLimits' },
  { section: 'Compose: a 1,000-service file', file: './compose.bench', fn: 'benchCompose' },
  { section: 'Kubernetes: a 5,000-object manifest, and edits to a 10k-line one', file: './kubernetes.bench', fn: 'benchKubernetes' },
  { section: 'Any-of dependencies: the SPOF search side by side with plain ones', file: './any-of.bench', fn: 'benchAnyOf' },
];

function printSection(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}\n`);
  const header = ['figure', 'value', 'target', ''];
  const body = rows.map((r) => [r.name, `${r.value} ${r.unit}`.trim(), r.target ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let missed = 0;
  for (const b of BENCHES) {
    if (only.length && !only.some((o) => b.file.includes(o))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(b.file) as Record<string, () => Promise<BenchRow[]>>;
    const rows = await mod[b.fn]();
    missed += rows.filter((r) => r.ok === false).length;
    printSection(b.section, rows);
  }
  console.log(missed ? `\n${missed} figure(s) missed their target on this run.` : '\nEvery figure met its target on this run.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
