// Measures one design size in a process of its own, so that peak memory is this size's alone.
// Usage: engine-worker.ts <components> <runs>; prints one JSON line.

import { LineCounter, parseDocument } from 'yaml';
import { analyze } from '../server/src/analysis/engine';
import { generateLargeDesignYaml } from '../test/fixtures/random-design';
import { median } from './types';

const components = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
const text = generateLargeDesignYaml(components, 42);

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const parseTimes: number[] = [];
const checkTimes: number[] = [];
let findings = 0;
// Interleaved, so that machine noise hits both sides alike; the first round warms up.
for (let i = 0; i <= runs; i++) {
  const p = time(() => parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false }));
  const c = time(() => {
    findings = analyze(text).findings.length;
  });
  if (i > 0) {
    parseTimes.push(p);
    checkTimes.push(c);
  }
  (globalThis as { gc?: () => void }).gc?.();
}

process.stdout.write(
  JSON.stringify({
    components,
    lines: text.split('\n').length,
    bytes: text.length,
    parseMs: median(parseTimes),
    checkMs: median(checkTimes),
    findings,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
