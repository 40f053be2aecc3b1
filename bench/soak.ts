// `npm run soak`: 10,000 random edits to a 2k-line design through the language server
// (`node --expose-gc dist/cli.js lsp --stdio`, incremental didChange), each followed by
// the wait for the diagnostics of that version. Prints the latency percentiles of
// didChange → publishDiagnostics, and the server's memory after a forced GC: baseline after
// warm-up, every 1000 edits, and at the end. Exit status 1 when a target is missed.
// Targets: median latency ≤ 50 ms (the language server's target at 1k lines); heap used and
// RSS after GC back within 20% of baseline at the end of the session, taken as the lowest of
// the last three readings: a leak raises every reading, while one reading can catch V8
// holding on to pages it has just used (its young generation grows and shrinks with the
// allocation rate, tens of MiB of RSS) without anything being left over.
//
// Memory is always measured holding the same text: the document is set back to the design
// it started as, analysed, measured, given a few small edits (a letter typed and taken back:
// their median latency shows whether the server itself slows down), and then set to the
// typist's text again. The typist keeps some of what it types (renamed keys, changed values,
// moved lines), so the text it holds drifts from the design as the session goes on, and its
// analysis with it, which says nothing about a leak. With the same text, whatever the server
// holds beyond the baseline is left over from the edits before.
//
// Options: --edits N (default 10000), --lines N (default 2000), --seed S (default 1),
//          --keep-junk P (default 0: the share of typed structure and stray words left in the
//          text; 0.1 leaves broken lines piling up, the worst case for the parse)

import { join } from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT } from '../test/support/lsp-client';
import { designYamlOfLines } from '../test/support/random-design';
import { Typist } from './typist';

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

/** What the server shows, every 1,000 edits, holding the design it started with. */
interface Checkpoint {
  edit: number;
  memory: Memory;
  /** The median latency of the same small edits to that design: a server that slows down shows here. */
  probeMs: number;
}

const PROBE_EDITS = 20;

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
  const text = designYamlOfLines(LINES);
  const typist = new Typist(text, option('seed', 1), option('keep-junk', 0));
  const client = LspClient.spawn(process.execPath, ['--expose-gc', '--require', join(ROOT, 'bench', 'soak-gc-hook.cjs'), join(ROOT, 'dist', 'cli.js'), 'lsp', '--stdio']);
  client.settings = { infraReview: { rules: {} } };
  const started = performance.now();
  try {
    await client.initialize();
    await client.open(URI, text);
    await client.diagnostics(URI, (p) => p.version === 1);
    console.log(`soak: ${EDITS} edits to a ${text.split('\n').length}-line design, each waiting for its diagnostics (${WARMUP} warm-up edits first)`);

    const latencies: number[] = [];
    let broken = 0;
    /** A change, the wait for its diagnostics, and how long that took. */
    const changed = async (change: Parameters<LspClient['change']>[1][number]) => {
      const mark = client.mark();
      const t0 = performance.now();
      const version = await client.change(URI, [change]);
      const published = await client.diagnostics(URI, (p) => p.version === version, mark);
      client.forgetPublished();
      return { ms: performance.now() - t0, published };
    };
    // The probe: a letter typed at the end of the design's first line, then taken back.
    const firstLine = text.slice(0, text.indexOf('\n'));
    const at = { line: 0, character: firstLine.length };
    const probe = [
      { range: { start: at, end: at }, text: 'x' },
      { range: { start: at, end: { line: 0, character: at.character + 1 } }, text: '' },
    ];
    /** The server's memory and speed holding the design it started with; then the typist's text again. */
    const checkpoint = async (edit: number): Promise<Checkpoint> => {
      await changed({ text });
      const memory = await memoryAfterGc(client);
      const probes: number[] = [];
      for (let k = 0; k < PROBE_EDITS; k++) probes.push((await changed(probe[k % 2])).ms);
      await changed({ text: typist.text });
      return { edit, memory, probeMs: percentile(probes.sort((a, b) => a - b), 50) };
    };
    const samples: Checkpoint[] = [];
    for (let i = 0; i < EDITS; i++) {
      const { ms, published } = await changed(typist.next());
      if (i >= WARMUP) {
        latencies.push(ms);
        if (published.diagnostics.some((d) => d.code === 'yaml-syntax')) broken++;
      }
      if (i + 1 !== WARMUP && (i + 1) % 1000 !== 0) continue;
      const sample = await checkpoint(i + 1);
      samples.push(sample);
      if (i + 1 !== WARMUP) {
        const sorted = [...latencies].sort((a, b) => a - b);
        const recent = latencies.slice(-1000).sort((a, b) => a - b);
        console.log(
          `  ${i + 1} edits: median so far ${percentile(sorted, 50).toFixed(1)} ms, of the last ${recent.length} ${percentile(recent, 50).toFixed(1)} ms; ` +
            `on the starting design ${sample.probeMs.toFixed(1)} ms, heap used ${mib(sample.memory.heapUsed)}, RSS ${mib(sample.memory.rss)}`,
        );
      }
    }
    // The server still answers, and its text is ours.
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 3, character: 3 } });
    if (samples.at(-1)?.edit !== EDITS) samples.push(await checkpoint(EDITS));
    const baseline = samples[0];
    const final = samples.at(-1)!;

    const sorted = [...latencies].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    console.log('\nlatency didChange → publishDiagnostics (after warm-up)');
    console.log(`  median ${median.toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    console.log(`  ${broken} of ${latencies.length} versions (${((100 * broken) / latencies.length).toFixed(0)}%) had yaml-syntax findings (YAML errors, duplicate keys)`);
    console.log(`\nholding the design it started with: the median of ${PROBE_EDITS} small edits to it, and the server's memory after a forced GC`);
    for (const s of samples) {
      console.log(`  after ${String(s.edit).padStart(6)} edits: ${s.probeMs.toFixed(1).padStart(6)} ms, heap used ${mib(s.memory.heapUsed).padStart(10)}, RSS ${mib(s.memory.rss).padStart(10)}`);
    }
    const last = samples.slice(1).slice(-3);
    const lowest = (figure: keyof Memory) => Math.min(...last.map((s) => s.memory[figure]));
    const growth = (now: number, then: number) => `${now >= then ? '+' : ''}${((now / then - 1) * 100).toFixed(1)}%`;
    const heapGrowth = lowest('heapUsed') / baseline.memory.heapUsed - 1;
    const rssGrowth = lowest('rss') / baseline.memory.rss - 1;
    console.log(`  at the end (lowest of the last ${last.length} readings) vs baseline: heap used ${growth(lowest('heapUsed'), baseline.memory.heapUsed)}, RSS ${growth(lowest('rss'), baseline.memory.rss)}`);
    console.log(`  the last reading alone vs baseline: heap used ${growth(final.memory.heapUsed, baseline.memory.heapUsed)}, RSS ${growth(final.memory.rss, baseline.memory.rss)}`);
    console.log(`  small edits to the starting design: ${baseline.probeMs.toFixed(1)} ms at the baseline, ${final.probeMs.toFixed(1)} ms at the end`);
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
