// Kubernetes manifests: `check` of a 5,000-object manifest as a user runs it (the bundled CLI
// in a process of its own: wall time and peak RSS), against the yaml parse floor of the same
// text side by side, and the same work in this process (no start-up, warm code); edit →
// diagnostics on a 10k-line manifest in the language server.
// Run alone: `npx tsx bench/kubernetes.bench.ts` (after `npm run build`).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { analyze } from '../server/src/analysis/engine';
import { availabilityOf } from '../server/src/analysis/availability';
import { formatContext } from '../server/src/cli/commands/check';
import { FORMATTERS } from '../server/src/cli/formatters';
import { parseManifestsCompact } from '../server/src/formats/kubernetes/parse';
import { DEFAULT_LIMITS } from '../server/src/model/parse';
import { ROOT } from '../test/support/lsp-client';
import { editLatency } from './edit-latency';
import { manifestOfObjects } from '../test/support/manifest-of-objects';
import { median, round } from './types';
import type { BenchRow } from './types';

const OBJECTS = 5_000;
const RUNS = 3;
const EDITS = 15;
const WARMUP_EDITS = 5;

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** `node dist/cli.js check FILE --format json` once: wall time and peak RSS (GNU time's %M, in KiB). */
function checkOnce(file: string): { ms: number; rssMb: number } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'dist', 'cli.js'), 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  const kib = Number(/(\d+)\s*$/.exec(r.stderr)?.[1]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`check failed: ${r.stderr}`);
  return { ms, rssMb: kib / 1024 };
}

/** What `check --format json` does with the text once it is read, in this process. */
function checkInProcess(text: string): void {
  const result = analyze(text, { format: 'kubernetes', sourceIndex: 'compact' });
  const report = { path: 'manifests.yaml', format: result.format, findings: result.findings, spofs: result.spofs, availability: availabilityOf(result) };
  FORMATTERS.json([report], formatContext(false));
}

export async function benchKubernetes(): Promise<BenchRow[]> {
  const { text } = manifestOfObjects(OBJECTS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-bench-k8s-'));
  try {
    const file = path.join(dir, 'manifests.yaml');
    fs.writeFileSync(file, text);
    const parse: number[] = [];
    const check: number[] = [];
    const rss: number[] = [];
    const inProcess: number[] = [];
    const ownParse: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const p = time(() => parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false }));
      const c = checkOnce(file);
      const own = time(() => parseManifestsCompact(text, DEFAULT_LIMITS));
      const analysed = time(() => checkInProcess(text));
      if (i >= 1) {
        parse.push(p);
        check.push(c.ms);
        rss.push(c.rssMb);
        ownParse.push(own);
        inProcess.push(analysed);
      }
    }
    const lines = text.split('\n').length - 1;
    const ten = manifestOfObjects(800); // about 10,000 lines
    const edit = await editLatency({ uri: 'file:///bench/manifests.yaml', text: ten.text, editLine: ten.editLine, good: '    infra-review/capacity: "500"', bad: '    infra-review/capacty: "500"', rule: 'schema', edits: EDITS, warmupEdits: WARMUP_EDITS });
    return [
      { name: `${OBJECTS} objects (${lines} lines): yaml parse floor, in process`, value: round(median(parse)), unit: 'ms' },
      { name: `${OBJECTS} objects: check (CLI process, wall)`, value: round(median(check)), unit: 'ms', target: '≤ 2 s', ok: median(check) <= 2000 },
      { name: `${OBJECTS} objects: check / parse floor`, value: round(median(check) / median(parse), 2), unit: '×' },
      { name: `${OBJECTS} objects: check peak RSS`, value: round(Math.max(...rss)), unit: 'MB', target: '≤ 500 MB', ok: Math.max(...rss) <= 500 },
      { name: `${OBJECTS} objects: check's work in this process (analysis, availability, JSON; no start-up, warm)`, value: round(median(inProcess)), unit: 'ms' },
      { name: '  of which the parse (parseManifestsCompact)', value: round(median(ownParse)), unit: 'ms' },
      { name: `${ten.text.split('\n').length - 1}-line manifest: edit → diagnostics (LSP, median)`, value: round(edit.total), unit: 'ms', target: '≤ 100 ms', ok: edit.total <= 100 },
      { name: '  of which the analysis in the worker', value: round(edit.analysis), unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchKubernetes().then((rows) => console.table(rows), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
