// Measures one design size's times in a process of its own (peak memory: engine-memory-worker.ts).
// Usage: engine-worker.ts <components> <runs>; prints one JSON line.

import { LineCounter, parseDocument } from 'yaml';
import { analyze } from '../server/src/analysis/engine';
import { ChunkCache } from '../server/src/model/chunked-parse';
import { generateLargeDesignYaml } from '../test/support/random-design';
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
  // As `check` analyses a file: without holding the yaml tree.
  const c = time(() => {
    findings = analyze(text, { sourceIndex: 'compact' }).findings.length;
  });
  if (i > 0) {
    parseTimes.push(p);
    checkTimes.push(c);
  }
  (globalThis as { gc?: () => void }).gc?.();
}

// A one-line edit in the middle (a key misspelt, then restored), re-analysed from scratch and
// with the chunk cache the language server keeps per open document.
const lines = text.split('\n');
const editLine = lines.indexOf('    software: gunicorn', lines.length >> 1);
const versions = [text, [...lines.slice(0, editLine), '    sofware: gunicorn', ...lines.slice(editLine + 1)].join('\n')];
const cache = new ChunkCache();
analyze(text, { chunkCache: cache });
const editFullTimes: number[] = [];
const editChunkedTimes: number[] = [];
for (let i = 1; i <= runs + 1; i++) {
  const version = versions[i % 2];
  const f = time(() => analyze(version));
  const c = time(() => analyze(version, { chunkCache: cache }));
  if (i > 1) {
    editFullTimes.push(f);
    editChunkedTimes.push(c);
  }
  (globalThis as { gc?: () => void }).gc?.();
}

process.stdout.write(
  JSON.stringify({
    components,
    lines: lines.length,
    bytes: text.length,
    parseMs: median(parseTimes),
    checkMs: median(checkTimes),
    findings,
    editFullMs: median(editFullTimes),
    editChunkedMs: median(editChunkedTimes),
  }) + '\n',
);
