// A generated Compose file of 1,000 services: `check` against the yaml parse floor, side by
// side in this process, and edit → diagnostics in the language server over stdio.
// Run alone: `npx tsx bench/compose.bench.ts`.

import { LineCounter, parseDocument } from 'yaml';
import { analyze } from '../server/src/analysis/engine';
import { ChunkCache } from '../server/src/model/chunked-parse';
import { parseText } from '../server/src/model/parse';
import { composeOfServices } from '../test/support/random-compose';
import { editLatency } from './edit-latency';
import { median, round } from './types';
import type { BenchRow } from './types';

const SERVICES = 1_000;
const RUNS = 9;
const EDITS = 15;
const WARMUP_EDITS = 8;

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export async function benchCompose(): Promise<BenchRow[]> {
  const { text, editLine } = composeOfServices(SERVICES);
  const lineCount = text.split('\n').length - 1;
  const parse: number[] = [];
  const check: number[] = [];
  const ownParse: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const p = time(() => parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false }));
    const c = time(() => analyze(text, { format: 'compose' }));
    if (i >= 2) {
      parse.push(p);
      check.push(c);
    }
  }
  // After the side-by-side runs, so that its garbage does not land in theirs.
  for (let i = 0; i < RUNS + 2; i++) {
    const o = time(() => parseText(text));
    if (i >= 2) ownParse.push(o);
  }
  const ratio = median(check) / median(parse);
  // The same edits in this process, with the chunk cache the worker keeps: the analysis alone.
  const lines = text.split('\n');
  const cache = new ChunkCache();
  analyze(text, { format: 'compose', chunkCache: cache });
  const warm: number[] = [];
  for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
    lines[editLine] = i % 2 === 0 ? '    x-infra-review: { tsl: true }' : '    restart: always';
    const edited = lines.join('\n');
    const t = time(() => analyze(edited, { format: 'compose', chunkCache: cache }));
    if (i >= WARMUP_EDITS) warm.push(t);
  }
  const edit = await editLatency({ uri: 'file:///bench/compose.yaml', text, editLine, good: '    restart: always', bad: '    x-infra-review: { tsl: true }', rule: 'schema', edits: EDITS, warmupEdits: WARMUP_EDITS });
  return [
    { name: `${SERVICES} services (${lineCount} lines): parse floor`, value: round(median(parse)), unit: 'ms' },
    { name: `${SERVICES} services: check`, value: round(median(check)), unit: 'ms' },
    { name: `  of which the parse (parseText: the floor, the duplicate-key pass, toJS)`, value: round(median(ownParse)), unit: 'ms' },
    { name: `${SERVICES} services: check / parse floor`, value: round(ratio, 2), unit: '×', target: '≤ 1.5×', ok: ratio <= 1.5 },
    { name: `${SERVICES} services: edit → diagnostics (LSP, median)`, value: round(edit.total), unit: 'ms', target: '≤ 50 ms', ok: edit.total <= 50 },
    { name: `  of which the analysis in the worker`, value: round(edit.analysis), unit: 'ms' },
    { name: `  the same edit analysed in this process, warm chunk cache (median)`, value: round(median(warm)), unit: 'ms' },
  ];
}

if (require.main === module) {
  benchCompose().then((rows) => console.table(rows), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
