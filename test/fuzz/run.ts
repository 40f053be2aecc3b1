// `npm run fuzz`: the long hostile-input runs. Four targets; the first three are fed the fixed
// monsters at full scale (20 MB, 100k keys, 30k-deep chain, 20k-deep nesting, alias bombs, …)
// and then random inputs (random bytes, edited samples):
//   engine  analyze() and the editor features in-process (test/support/fuzz-oracle.ts)
//   edits   editing sessions through the incremental parse the language server uses: after
//           every hostile edit, the analysis with the session's chunk cache must equal a cold
//           one (samples, and a generated 2,000-line design that is cut into chunks)
//   cli     `node dist/cli.js check --format json` as a child process
//   lsp     `node dist/cli.js lsp --stdio`: didOpen/didChange, diagnostics, then a hover
//   compose the Compose front end in-process: the fixed monsters and random edits of the
//           Compose samples (wrong types, broken YAML, aliases), read as Compose files
//   kubernetes  the Kubernetes front end likewise, on the manifest samples, plus a
//           multi-document file of 5,000 documents (and the same with every tenth broken)
// `npm test` runs a seeded subset of engine, edits, cli, lsp and compose (server/test/hostile/).
// Prints inputs tried, crashes found and timings; failing inputs are saved to a temp folder.
// Exit status 1 when anything crashed, hung or broke an invariant.
//
// Options: --runs N (engine random inputs, default 5000), --sessions N (editing sessions,
//          default 400), --cli-runs N (default 300), --lsp-runs N (default 1000), --seed S,
//          --compose-runs N (default 3000), --kubernetes-runs N (default 3000),
//          --only engine|edits|cli|lsp|compose|kubernetes

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lsp-client';
import { designYamlOfLines } from '../support/random-design';
import { manifestOfObjects } from '../support/manifest-of-objects';
import { editingSessionArb, fixedInputs, hostileTextArb, loadSamples, ROOT } from '../support/fuzz-inputs';
import type { NamedInput } from '../support/fuzz-inputs';
import { checkEditingSession, checkEngine, preview } from '../support/fuzz-oracle';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const SEED = option('seed', Date.now() % 1_000_000);
const CLI = path.join(ROOT, 'dist', 'cli.js');
const PER_INPUT_TIMEOUT_MS = 60_000;

const samples = loadSamples();
const FULL_SCALE = { deep: 20_000, keys: 100_000, chain: 30_000, huge: 20 * 1024 * 1024 };
const crashDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-fuzz-'));

interface Crash {
  target: string;
  input: string;
  problem: string;
}
const crashes: Crash[] = [];
const seenProblems = new Set<string>();

function recordCrash(target: string, name: string, text: string, problem: string): void {
  const key = `${target}: ${problem.split('\n')[0].slice(0, 120)}`;
  if (seenProblems.has(key)) return;
  seenProblems.add(key);
  const file = path.join(crashDir, `${target}-${crashes.length}.infra.yaml`);
  fs.writeFileSync(file, text);
  crashes.push({ target, input: `${name} ${preview(text, 80)} (saved as ${file})`, problem });
}

interface Timing {
  name: string;
  ms: number;
}

function summary(target: string, tried: number, timings: Timing[], started: number): void {
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(
    `${target.padEnd(6)} ${String(tried).padStart(6)} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `per input median ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(0)} ms ` +
      `(slowest: ${slowest.map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join('; ')})`,
  );
}

// ---- engine ------------------------------------------------------------------------------

function fuzzEngine(fixed: NamedInput[]): void {
  const started = performance.now();
  const timings: Timing[] = [];
  const run = (name: string, text: string) => {
    const t0 = performance.now();
    try {
      checkEngine(text);
    } catch (err) {
      recordCrash('engine', name, text, err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    const ms = performance.now() - t0;
    timings.push({ name, ms });
    if (ms > PER_INPUT_TIMEOUT_MS) recordCrash('engine', name, text, `took ${ms.toFixed(0)} ms`);
  };
  for (const input of fixed) {
    run(input.name, input.text);
    console.log(`  engine  ${input.name}: ${timings.at(-1)!.ms.toFixed(0)} ms`);
  }
  const texts = fc.sample(hostileTextArb(samples), { numRuns: option('runs', 5000), seed: SEED });
  texts.forEach((text, i) => run(`random #${i}`, text));
  summary('engine', timings.length, timings, started);
}

// ---- compose -----------------------------------------------------------------------------

/** A front end in-process: the fixed monsters, its samples, extra inputs, then random edits of the samples. */
function fuzzFrontEnd(target: 'compose' | 'kubernetes', fixed: NamedInput[], samplesFolder: string, extra: NamedInput[], runs: number, seed: number): void {
  const started = performance.now();
  const timings: Timing[] = [];
  const own = loadSamples(samplesFolder, /\.ya?ml$/);
  const run = (name: string, text: string) => {
    const t0 = performance.now();
    try {
      checkEngine(text, { format: target });
    } catch (err) {
      recordCrash(target, name, text, err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    const ms = performance.now() - t0;
    timings.push({ name, ms });
    if (ms > PER_INPUT_TIMEOUT_MS) recordCrash(target, name, text, `took ${ms.toFixed(0)} ms`);
  };
  for (const input of [...fixed, ...own, ...extra]) run(input.name, input.text);
  const texts = fc.sample(hostileTextArb(own), { numRuns: runs, seed });
  texts.forEach((text, i) => run(`random #${i}`, text));
  summary(target, timings.length, timings, started);
}


// ---- edits -------------------------------------------------------------------------------

function fuzzEdits(): void {
  const started = performance.now();
  const timings: Timing[] = [];
  const bases: NamedInput[] = [...samples, { name: 'generated 2,000-line design', text: designYamlOfLines(2000) }];
  const sessions = fc.sample(editingSessionArb(bases), { numRuns: option('sessions', 400), seed: SEED + 3 });
  let chunked = 0;
  let recovered = 0;
  let refused = 0;
  const failed: string[] = [];
  for (const [i, session] of sessions.entries()) {
    try {
      checkEditingSession(session, (checked, cache) => {
        timings.push({ name: `session #${i} (${session.base.name})`, ms: checked.ms });
        if (cache.lastRun.chunked) chunked++;
        if (cache.lastRun.broken.length > 0) recovered++;
        const fallback = cache.lastRun.fallback;
        if (fallback?.kind === 'refused') refused++;
        if (fallback?.kind === 'failed') failed.push(`session #${i}: ${fallback.error}`);
      });
    } catch (err) {
      const text = (err as { text?: string }).text ?? session.base.text;
      recordCrash('edits', `session #${i}`, text, err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
  }
  console.log(`  edits   ${sessions.length} sessions, ${timings.length} edits: ${chunked} parsed from chunks, ${recovered} of them broken and read entry by entry (timings: the analysis with the cache)`);
  // A cut text parsed whole: refused is by design; failed is an exception in the chunked parse.
  console.log(`  edits   fallbacks to a whole parse: ${refused} refused, ${failed.length} failed${failed.length > 0 ? `\n    ${failed.slice(0, 10).join('\n    ')}` : ''}`);
  summary('edits', timings.length, timings, started);
}

// ---- cli ---------------------------------------------------------------------------------

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runCli(file: string): Promise<CliRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), PER_INPUT_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    }),
  );
}

function cliProblem(r: CliRun): string | undefined {
  if (r.code === null) return `hung: killed after ${PER_INPUT_TIMEOUT_MS} ms`;
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) return `exit ${r.code}: ${r.stderr}`;
  if (/\n\s+at |internal error/.test(r.stderr)) return `stack trace or internal error: ${r.stderr}`;
  if (r.code === 2) return r.stderr.trimEnd().split('\n').length === 1 ? undefined : `several lines on stderr: ${r.stderr}`;
  try {
    JSON.parse(r.stdout);
    return undefined;
  } catch {
    return `output is not JSON: ${r.stdout.slice(0, 200)}`;
  }
}

async function fuzzCli(fixed: NamedInput[]): Promise<void> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-fuzz-cli-'));
  const timings: Timing[] = [];
  const run = async (name: string, content: string | Uint8Array) => {
    const file = path.join(dir, 'input.infra.yaml');
    fs.writeFileSync(file, content);
    const r = await runCli(file);
    timings.push({ name, ms: r.ms });
    const problem = cliProblem(r);
    if (problem) recordCrash('cli', name, Buffer.from(content).toString('utf8'), problem);
  };
  for (const input of fixed) await run(input.name, input.text);
  const sampleBytes = Buffer.from(samples[1].text);
  await run('sample with invalid UTF-8 bytes', Buffer.concat([sampleBytes.subarray(0, 200), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), sampleBytes.subarray(200)]));
  const bytes = fc.sample(fc.uint8Array({ maxLength: 4000 }), { numRuns: 50, seed: SEED });
  for (const [i, b] of bytes.entries()) await run(`random bytes #${i}`, b);
  const texts = fc.sample(hostileTextArb(samples), { numRuns: option('cli-runs', 300), seed: SEED + 1 });
  for (const [i, text] of texts.entries()) await run(`random #${i}`, text);
  fs.rmSync(dir, { recursive: true, force: true });
  summary('cli', timings.length, timings, started);
}

// ---- lsp ---------------------------------------------------------------------------------

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung: ${what}`)), PER_INPUT_TIMEOUT_MS)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function fuzzLsp(fixed: NamedInput[]): Promise<void> {
  const started = performance.now();
  const timings: Timing[] = [];
  const sane = 'file:///fuzz/sane.infra.yaml';
  const saneText = samples[0].text;
  const hostPosition = { line: saneText.slice(0, saneText.indexOf('\n  server-1:') + 3).split('\n').length - 1, character: 2 };
  let client = await startClient();

  async function startClient(): Promise<LspClient> {
    const c = await LspClient.start({ infraReview: { rules: {} } });
    await c.initialize();
    await c.open(sane, saneText);
    await c.diagnostics(sane, (p) => p.version === 1);
    return c;
  }

  const send = async (name: string, uri: string, text: string, open: boolean) => {
    const t0 = performance.now();
    try {
      const version = open ? (await client.open(uri, text), 1) : await client.change(uri, [{ text }]);
      await withTimeout(client.diagnostics(uri, (p) => p.version === version), `diagnostics of ${name}`);
      const h = await withTimeout(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sane }, position: hostPosition }), 'hover');
      if (!h) throw new Error('the sane document no longer gets a hover');
    } catch (err) {
      recordCrash('lsp', name, text, `${err instanceof Error ? err.message : String(err)}\n${client.log.slice(-2000)}`);
      client.kill();
      client = await startClient(); // go on with a fresh server
    }
    timings.push({ name, ms: performance.now() - t0 });
  };

  for (const [i, input] of fixed.entries()) {
    const uri = `file:///fuzz/fixed-${i}.infra.yaml`;
    await send(input.name, uri, input.text, true);
    await client.close(uri);
  }
  const uri = 'file:///fuzz/random.infra.yaml';
  await client.open(uri, saneText);
  const texts = fc.sample(hostileTextArb(samples), { numRuns: option('lsp-runs', 1000), seed: SEED + 2 });
  for (const [i, text] of texts.entries()) await send(`random #${i}`, uri, text, false);
  if (/failed:/.test(client.log)) recordCrash('lsp', 'server log', '', `a handler failed:\n${client.log.match(/.*failed:.*/g)?.slice(0, 5).join('\n')}`);
  await client.shutdown();
  summary('lsp', timings.length, timings, started);
}

// ---- main --------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`infra-review fuzz, seed ${SEED} (repeat with --seed ${SEED})`);
  const fixed = fixedInputs(samples, FULL_SCALE);
  if (!only || only === 'engine') fuzzEngine(fixed);
  if (!only || only === 'edits') fuzzEdits();
  if (!only || only === 'compose') fuzzFrontEnd('compose', fixed, 'samples/compose', [], option('compose-runs', 3000), SEED + 7);
  if (!only || only === 'kubernetes') {
    const extra = [{ name: '5,000 documents', text: manifestOfObjects(5000).text }, { name: '5,000 documents, every tenth broken', text: manifestOfObjects(5000, 10).text }];
    fuzzFrontEnd('kubernetes', fixed, 'samples/kubernetes', extra, option('kubernetes-runs', 3000), SEED + 11);
  }
  if (!fs.existsSync(CLI) && (!only || (only !== 'engine' && only !== 'edits' && only !== 'compose' && only !== 'kubernetes'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  if (!only || only === 'cli') await fuzzCli(fixed);
  if (!only || only === 'lsp') await fuzzLsp(fixed);
  console.log(`\n${crashes.length} crash(es) found`);
  for (const c of crashes) console.log(`\n[${c.target}] ${c.input}\n  ${c.problem.split('\n').slice(0, 8).join('\n  ')}`);
  if (crashes.length === 0) fs.rmSync(crashDir, { recursive: true, force: true });
  process.exitCode = crashes.length > 0 ? 1 : 0;
}

void main();
