// `npm run soak`: 10,000 random edits to a 2k-line design through the language server
// (`node --expose-gc dist/cli.js lsp --stdio`, incremental didChange), each followed by
// the wait for the diagnostics of that version. Prints the latency percentiles of
// didChange → publishDiagnostics, and the server's memory after a forced GC: baseline after
// warm-up, every 1000 edits, and at the end. Exit status 1 when a target is missed.
// Targets: median latency ≤ 50 ms; heap used and RSS after GC back within 20% of baseline.
//
// Options: --edits N (default 10000), --lines N (default 2000), --seed S (default 1)

import { join } from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import type { Range } from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT } from '../server/test/protocol/lsp-client';
import { generateLargeDesignYaml } from '../test/fixtures/random-design';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const EDITS = option('edits', 10_000);
const LINES = option('lines', 2000);
const WARMUP = Math.min(300, Math.floor(EDITS / 10));
const URI = 'file:///soak/design.infra.yaml';

interface Memory {
  rss: number;
  heapUsed: number;
}

/** A deterministic PRNG (mulberry32), so a run can be repeated. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function designOfLines(lines: number): string {
  let components = Math.max(10, Math.round(lines / 4.5));
  const first = generateLargeDesignYaml(components, 1);
  components = Math.max(10, Math.round((components * lines) / first.split('\n').length));
  return generateLargeDesignYaml(components, 1);
}

/**
 * The edits of someone typing: at a random place, type a few characters one edit at a time,
 * then (usually) take them back one at a time; sometimes cut a line and paste it elsewhere.
 * The document keeps its size, passes through broken states, and comes back.
 */
class Typist {
  private lines: string[];
  /** The edit that takes back the last one (a deletion of typed text, or a paste of a cut line). */
  private pending: (() => { range: Range; text: string }) | undefined;
  private readonly random: () => number;

  constructor(text: string, seed: number) {
    this.lines = text.split('\n');
    this.random = prng(seed);
  }

  next(): { range: Range; text: string } {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) return pending();
    const r = this.random();
    if (r < 0.05 && this.lines.length > 10) {
      // Cut a line; the next edit pastes it somewhere else.
      const from = this.pick(this.lines.length - 1);
      const cut = this.lines[from];
      this.pending = () => {
        const to = this.pick(this.lines.length - 1);
        return this.apply({ start: { line: to, character: 0 }, end: { line: to, character: 0 } }, cut + '\n');
      };
      return this.apply({ start: { line: from, character: 0 }, end: { line: from + 1, character: 0 } }, '');
    }
    const line = this.pick(this.lines.length);
    const character = this.pick(this.lines[line].length + 1);
    const typed = ['a', 'x', ':', ' ', '-', '[', ']', '{', '#', 'db', 'web-1', '\t'][this.pick(12)];
    // The next edit takes back what is typed now, unless it is kept (10%).
    if (this.random() < 0.9) {
      this.pending = () => this.apply({ start: { line, character }, end: { line, character: character + typed.length } }, '');
    }
    return this.apply({ start: { line, character }, end: { line, character } }, typed);
  }

  private pick(n: number): number {
    return Math.floor(this.random() * Math.max(1, n));
  }

  private apply(range: Range, text: string): { range: Range; text: string } {
    const before = this.lines.slice(0, range.start.line);
    const head = this.lines[range.start.line]?.slice(0, range.start.character) ?? '';
    const tail = this.lines[range.end.line]?.slice(range.end.character) ?? '';
    const middle = (head + text + tail).split('\n');
    this.lines = [...before, ...middle, ...this.lines.slice(range.end.line + 1)];
    return { range, text };
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

async function memoryAfterGc(client: LspClient): Promise<Memory> {
  const marker = 'SOAK-MEMORY ';
  const line = new Promise<Memory>((resolve) => {
    let buffer = '';
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const at = buffer.indexOf(marker);
      const end = buffer.indexOf('\n', at);
      if (at >= 0 && end > at) {
        client.child.stderr.off('data', onData);
        resolve(JSON.parse(buffer.slice(at + marker.length, end)) as Memory);
      }
    };
    client.child.stderr.on('data', onData);
  });
  client.child.kill('SIGUSR2');
  return line;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const text = designOfLines(LINES);
  const typist = new Typist(text, option('seed', 1));
  const client = LspClient.spawn(process.execPath, ['--expose-gc', '--require', join(ROOT, 'bench', 'soak-gc-hook.cjs'), join(ROOT, 'dist', 'cli.js'), 'lsp', '--stdio']);
  client.settings = { infraReview: { rules: {} } };
  const started = performance.now();
  try {
    await client.initialize();
    await client.open(URI, text);
    await client.diagnostics(URI, (p) => p.version === 1);
    console.log(`soak: ${EDITS} edits to a ${text.split('\n').length}-line design, each waiting for its diagnostics (${WARMUP} warm-up edits first)`);

    const latencies: number[] = [];
    let baseline: Memory | undefined;
    const samples: { edit: number; memory: Memory }[] = [];
    for (let i = 0; i < EDITS; i++) {
      const edit = typist.next();
      const mark = client.mark();
      const t0 = performance.now();
      const version = await client.change(URI, [edit]);
      await client.diagnostics(URI, (p) => p.version === version, mark);
      if (i >= WARMUP) latencies.push(performance.now() - t0);
      if (i + 1 === WARMUP) {
        baseline = await memoryAfterGc(client);
        samples.push({ edit: i + 1, memory: baseline });
      } else if ((i + 1) % 1000 === 0) {
        const memory = await memoryAfterGc(client);
        samples.push({ edit: i + 1, memory });
        const sorted = [...latencies].sort((a, b) => a - b);
        console.log(`  ${i + 1} edits: median so far ${percentile(sorted, 50).toFixed(1)} ms, heap used ${mib(memory.heapUsed)}, RSS ${mib(memory.rss)}`);
      }
    }
    // The server still answers, and its text is ours.
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 3, character: 3 } });
    const final = await memoryAfterGc(client);
    if (samples.at(-1)?.edit !== EDITS) samples.push({ edit: EDITS, memory: final });

    const sorted = [...latencies].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    console.log('\nlatency didChange → publishDiagnostics (after warm-up)');
    console.log(`  median ${median.toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    console.log('\nserver memory after a forced GC');
    for (const s of samples) console.log(`  after ${String(s.edit).padStart(6)} edits: heap used ${mib(s.memory.heapUsed).padStart(10)}, RSS ${mib(s.memory.rss).padStart(10)}`);
    const heapGrowth = final.heapUsed / baseline!.heapUsed - 1;
    const rssGrowth = final.rss / baseline!.rss - 1;
    console.log(`  final vs baseline: heap used ${(heapGrowth * 100).toFixed(1)}%, RSS ${(rssGrowth * 100).toFixed(1)}%`);
    console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const ok = median <= 50 && heapGrowth <= 0.2 && rssGrowth <= 0.2;
    console.log(ok ? 'targets met: median ≤ 50 ms, memory within 20% of baseline' : 'TARGET MISSED: median ≤ 50 ms and memory within 20% of baseline');
    await client.shutdown();
    process.exitCode = ok ? 0 : 1;
  } finally {
    client.kill();
  }
}

void main();
