// The built CLI (`node dist/cli.js check`, built for the run by test/support/fresh-build.ts)
// on hostile files from disk: it reports findings (exit 0/1) or one line on stderr (exit 2),
// and never prints a stack trace or reads an oversized file into memory. How long it takes
// is in `npm run bench` (Hostile input and scale).

import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { aliasBomb, flowSeqNest, invalidUtf8Bytes, loadSamples, mutatedSampleArb, ROOT, withBom, withCrlf } from '../../../test/support/fuzz-inputs';

const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, in MiB (from /proc, sampled; 0 where unavailable). */
  peakMiB: number;
}

/** Children still running when their test ends (a hang that mocha's timeout caught). */
const running = new Set<ChildProcess>();

function runCli(args: string[], cwd: string): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peakMiB = 0;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(child.pid))), 5);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      running.delete(child);
      resolve({ code, stdout, stderr, peakMiB });
    }),
  );
}

function rssMiB(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function assertHeldUp(r: Run, what: string): void {
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${what}: exit ${r.code}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, `${what}: stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/, `${what}: ${r.stderr}`);
  if (r.code === 2) assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${what}: expected one line, got\n${r.stderr}`);
  else assert.ok(JSON.parse(r.stdout), `${what}: not JSON`);
}

describe('hostile files through the CLI', function () {
  let dir: string;
  const samples = loadSamples();

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-hostile-'));
  });
  // A hang fails its test by mocha's timeout; its process must not keep mocha alive.
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: string | Uint8Array): string {
    fs.writeFileSync(path.join(dir, name), content);
    return name;
  }

  it('reads invalid UTF-8, BOMs, CRLF and UTF-16 as text and reports findings', async () => {
    const files = [
      write('bad-utf8.infra.yaml', invalidUtf8Bytes(samples[1].text)),
      write('bom-crlf.infra.yaml', withBom(withCrlf(samples[2].text))),
      write('utf16.infra.yaml', Buffer.from('\ufeff' + samples[0].text, 'utf16le')),
      write('random.infra.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
    ];
    const r = await runCli(['check', '--format', 'json', ...files], dir);
    assertHeldUp(r, 'odd encodings');
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
    assert.equal(report.files.length, 4);
    const utf16 = report.files.find((f) => f.path === 'utf16.infra.yaml');
    assert.ok(utf16 && utf16.findings.some((f) => f.rule === 'yaml-syntax' || f.rule === 'schema'));
  });

  it('refuses a 20 MB file with one line, without reading it into memory', async () => {
    write('huge.infra.yaml', 'version: 1\nname: huge\ndescription: ' + 'a'.repeat(20 * 1024 * 1024) + '\n');
    const r = await runCli(['check', 'huge.infra.yaml'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^infra-review: cannot read huge\.infra\.yaml: it is 20\.0 MiB, over the 16\.0 MiB limit for a design\n$/);
    if (r.peakMiB > 0) assert.ok(r.peakMiB < 300, `peak RSS ${r.peakMiB.toFixed(0)} MiB`);
  });

  it('refuses a 2 GB (sparse) file without reading it', async function () {
    const big = path.join(dir, 'sparse.infra.yaml');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 2 * 1024 ** 3);
    const r = await runCli(['check', 'sparse.infra.yaml'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /it is 2048\.0 MiB, over the 16\.0 MiB limit/);
    if (r.peakMiB > 0) assert.ok(r.peakMiB < 300, `peak RSS ${r.peakMiB.toFixed(0)} MiB`);
  });

  it('refuses a FIFO and a device named like a design, without blocking', async function () {
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.infra.yaml')]);
    } catch {
      this.skip();
    }
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.infra.yaml'));
    for (const name of ['pipe.infra.yaml', 'zero.infra.yaml']) {
      const r = await runCli(['check', name], dir);
      assert.equal(r.code, 2, `${name}: ${r.stderr}${r.stdout}`);
      assert.equal(r.stderr, `infra-review: cannot read ${name}: not a regular file\n`);
    }
  });

  it('answers deep nesting and alias bombs with a yaml-syntax finding', async () => {
    const files = [write('deep.infra.yaml', flowSeqNest(20_000)), write('lol.infra.yaml', aliasBomb())];
    const r = await runCli(['check', '--format', 'json', ...files], dir);
    assertHeldUp(r, 'deep and bomb');
    const report = JSON.parse(r.stdout) as { files: { findings: { rule: string; message: string }[] }[] };
    assert.match(report.files[0].findings[0].message, /nests deeper than 64 levels/);
    assert.match(report.files[1].findings[0].message, /Aliases expand too far/);
  });

  it('holds up on randomly edited samples (seeded)', async () => {
    const texts = fc.sample(mutatedSampleArb(samples, 12), { numRuns: 40, seed: 6 });
    const files = texts.map((t, i) => write(`mutant-${i}.infra.yaml`, t));
    const r = await runCli(['check', '--format', 'json', ...files], dir);
    assertHeldUp(r, 'mutants');
    assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 40);
  });
});
