// The npm package as a user meets it: `npm pack`, `npm install -g` of the tarball into a
// temporary prefix with npm offline (the tarball has no runtime dependencies: esbuild
// bundled them into dist/cli.js), then `infra-review check` on the samples in a folder of
// their own, `npx infra-review`, and `infra-review lsp --stdio` answering an editor.
// Run by `npm run test:package` (CI's "package" phase): it builds and installs, so it is slow.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFormat } from '../../server/src/formats/detect';

const ROOT = path.resolve(__dirname, '../..');

interface PackedFile {
  path: string;
  size: number;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 240_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the npm package', () => {
  let work: string;
  let tarball: string;
  let files: PackedFile[];
  let prefix: string;
  let bin: string;
  let samples: string;

  before(function () {
    this.timeout(600_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-package-'));
    // `prepare` builds dist/ first and prints its sizes; the JSON follows.
    const out = ok(run('npm', ['pack', '--json', '--pack-destination', work], ROOT), 'npm pack');
    const packed = JSON.parse(out.slice(out.search(/^\[/m))) as { filename: string; size: number; files: PackedFile[] }[];
    tarball = path.join(work, packed[0].filename);
    files = packed[0].files;
    console.log(`      ${packed[0].filename}: ${files.length} files, ${(packed[0].size / 1024).toFixed(1)} KiB`);
    prefix = path.join(work, 'prefix');
    // --offline: whatever the install needs must be in the tarball.
    ok(run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], work), 'npm install -g');
    bin = path.join(prefix, 'bin', 'infra-review');
    samples = path.join(work, 'designs');
    fs.cpSync(path.join(ROOT, 'samples'), samples, { recursive: true });
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('holds only what runs: the bundled CLI and server, the schema, README, LICENSE, CHANGELOG', () => {
    assert.deepEqual(files.map((f) => f.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/infra-review', 'dist/analysis-worker.js', 'dist/cli.js', 'package.json', 'schemas/infra.schema.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(prefix, 'lib', 'node_modules', 'infra-review', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
    for (const key of ['repository', 'homepage', 'bugs', 'keywords']) assert.ok(manifest[key], `package.json has ${key}`);
  });

  it('infra-review check works in any folder, with the exit codes of DESIGN §5', () => {
    const failing = run(bin, ['check', '1-one-server.infra.yaml'], samples);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /Host server-1 is a single point of failure/);
    const json = run(bin, ['check', '--format', 'json'], samples);
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout) as { files: { path: string }[] };
    const designs = (fs.readdirSync(samples, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => fs.statSync(path.join(samples, f)).isFile() && detectFormat(f, fs.readFileSync(path.join(samples, f), 'utf8')) !== undefined);
    assert.deepEqual(report.files.map((f) => f.path), designs.sort());
    const golden = fs.readFileSync(path.join(ROOT, 'test', 'golden', 'samples', '4-scaled.json'), 'utf8');
    const scaled = run(bin, ['check', '4-scaled.infra.yaml', '--format', 'json'], samples);
    assert.equal(scaled.stdout, golden.replace('"path": "samples/4-scaled.infra.yaml"', '"path": "4-scaled.infra.yaml"'));
    assert.equal(run(bin, ['check', '--rule', 'spof=off', '--fail-on', 'error', '4-scaled.infra.yaml'], samples).status, 0);
    const usage = run(bin, ['check', 'missing.infra.yaml'], samples);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^infra-review: cannot read missing\.infra\.yaml/);
    assert.equal(ok(run(bin, ['--version'], samples), '--version').trim(), (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('npx infra-review runs the installed command', () => {
    const r = run('npx', ['--no', 'infra-review', 'explain', 'spof'], samples, { npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Single point of failure/);
  });

  it('infra-review lsp --stdio answers an editor: initialize, diagnostics, shutdown', async function () {
    this.timeout(60_000);
    const server = spawn(bin, ['lsp', '--stdio'], { cwd: samples, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    const messages: { id?: number; method?: string; result?: unknown; params?: { diagnostics?: unknown[] } }[] = [];
    server.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        messages.push(JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()));
        buffer = buffer.subarray(header + 4 + length);
      }
    });
    const send = (message: object): void => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
      for (let i = 0; i < 500; i++) {
        const found = find();
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no answer; got ${JSON.stringify(messages)}`);
    };
    try {
      send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      const init = await waitFor(() => messages.find((m) => m.id === 1));
      assert.ok((init.result as { capabilities: { hoverProvider?: unknown } }).capabilities.hoverProvider);
      send({ method: 'initialized', params: {} });
      const uri = `file://${path.join(samples, '1-one-server.infra.yaml')}`;
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(path.join(samples, '1-one-server.infra.yaml'), 'utf8') } } });
      const published = await waitFor(() => messages.find((m) => m.method === 'textDocument/publishDiagnostics' && (m.params?.diagnostics?.length ?? 0) > 0));
      assert.ok(published.params!.diagnostics!.length > 5);
      send({ id: 2, method: 'shutdown' });
      await waitFor(() => messages.find((m) => m.id === 2));
      send({ method: 'exit' });
      const code = await new Promise<number | null>((resolve) => server.on('exit', resolve));
      assert.equal(code, 0);
    } finally {
      server.kill();
    }
  });
});
