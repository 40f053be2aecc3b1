// The command line, in-process through `main` (fast) and as a real process on the bundle
// (dist/cli.js, bin/infra-review): exit codes, options, folder walking, the formats.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ruleMeta } from '../src/analysis/catalogue';
import { assertOneLineError, cli, writeTree } from '../../test/support/cli';
import type { Outcome } from '../../test/support/cli';
import packageJson from '../../package.json';
import { sarifSchemaErrors } from '../../test/support/sarif-schema';

const ROOT = path.resolve(__dirname, '../..');
const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');
const BIN = path.join(ROOT, 'bin', 'infra-review');

/** Redundant, secured, monitored and backed up: nothing to report. */
const CLEAN = `version: 1
name: clean
domain: example.com
dns:
  - name: www
    type: A
    target: lb
zones:
  zone-a: { region: r1 }
  zone-b: { region: r1 }
hosts:
  lb-1: { zone: zone-a, public: true, firewall: true, monitoring: prometheus }
  lb-2: { zone: zone-b, public: true, firewall: true, monitoring: prometheus }
  app-1: { zone: zone-a, firewall: true, monitoring: prometheus }
  app-2: { zone: zone-b, firewall: true, monitoring: prometheus }
  db-1: { zone: zone-a, firewall: true, monitoring: prometheus }
  db-2: { zone: zone-b, firewall: true, monitoring: prometheus }
components:
  lb:
    type: load-balancer
    software: haproxy
    runsOn: [lb-1, lb-2]
    healthCheck: /health
    tls: true
    dependsOn: [app]
  app:
    type: app-server
    runsOn: [app-1, app-2]
    tls: true
    dependsOn: [db]
  db:
    type: database
    runsOn: [db-1, db-2]
    mode: primary-replica
    failover: automatic
    backup: { schedule: daily, offsite: true }
`;
/** One warning: the load balancer has no health check (line 19, `lb:`). */
const WARNING_ONLY = CLEAN.replace('    healthCheck: /health\n', '');
/** One info: the backup is kept on site. */
const INFO_ONLY = CLEAN.replace('offsite: true', 'offsite: false');
/** A two-replica Deployment of `name` in `namespace`, as a manifest document. */
const deployment = (name: string, namespace: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: main, image: example/${name} }]
`;
/** Two namespaces of a Kubernetes manifest: the diagram's groups. */
const SHOP_MANIFEST = [deployment('web', 'shop'), deployment('api', 'shop'), deployment('login', 'auth')].join('---\n');
/** The classic one-server stack: a host that takes everything down. */
const ONE_SERVER = `version: 1
name: foobar
domain: foobar.com
dns:
  - name: www
    type: A
    target: server-1
hosts:
  server-1: { ip: 8.8.8.8, firewall: true, monitoring: datadog }
components:
  web: { type: web-server, software: nginx, runsOn: [server-1], tls: true, dependsOn: [app] }
  app: { type: app-server, runsOn: [server-1], dependsOn: [db] }
  db: { type: database, software: mysql, runsOn: [server-1], backup: { schedule: daily, offsite: true } }
`;
/** Not a design at all: a YAML list. */
const NOT_A_MAPPING = '- just\n- a list\n';
const BROKEN_YAML = 'version: 1\nname: [unclosed\n';

function processRun(program: string, argv: string[], cwd: string, env: Record<string, string> = {}): Outcome {
  const r = spawnSync(process.execPath, [program, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A clean file's text report: its availability line, then the verdict. */
const CLEAN_TEXT = '\nclean.infra.yaml\n  availability 99.999 % (4 min down a year): most of it from host lb-1 (21 %)\n\n✔ No problems (1 file checked)\n';

describe('cli', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-cli-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('check: exit codes', () => {
    it('exits 0 and says so when nothing is found', async () => {
      writeTree(dir, { 'clean.infra.yaml': CLEAN });
      const out = await cli(['check', 'clean.infra.yaml'], dir);
      assert.deepEqual(out, { code: 0, stdout: CLEAN_TEXT, stderr: '' });
    });

    it('exits 1 on an error finding', async () => {
      writeTree(dir, { 'broken.infra.yaml': BROKEN_YAML });
      const out = await cli(['check', 'broken.infra.yaml'], dir);
      assert.equal(out.code, 1);
      assert.equal(out.stderr, '');
      assert.match(out.stdout, /yaml-syntax/);
    });

    it('--fail-on sets the severity that fails', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY, 'i.infra.yaml': INFO_ONLY });
      assert.equal((await cli(['check', 'w.infra.yaml'], dir)).code, 0);
      assert.equal((await cli(['check', 'w.infra.yaml', '--fail-on', 'warning'], dir)).code, 1);
      assert.equal((await cli(['check', 'w.infra.yaml', '--fail-on=info'], dir)).code, 1);
      assert.equal((await cli(['check', 'i.infra.yaml', '--fail-on', 'warning'], dir)).code, 0);
      assert.equal((await cli(['check', 'i.infra.yaml', '--fail-on', 'info'], dir)).code, 1);
    });

    it('--rule changes a severity or turns a rule off', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY });
      const raised = await cli(['check', 'w.infra.yaml', '--format', 'json', '--rule', 'no-health-check=error'], dir);
      assert.equal(raised.code, 1);
      const findings = JSON.parse(raised.stdout).files[0].findings;
      assert.deepEqual(
        findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity]),
        [['no-health-check', 'error']],
      );
      const off = await cli(['check', 'w.infra.yaml', '--format', 'json', '--rule', 'no-health-check=off', '--fail-on', 'warning'], dir);
      assert.equal(off.code, 0);
      assert.deepEqual(JSON.parse(off.stdout).files[0].findings, []);
    });

    it('--quiet reports errors only', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY });
      const out = await cli(['check', 'w.infra.yaml', '--quiet', '--fail-on', 'warning'], dir);
      assert.deepEqual(out, { code: 0, stdout: CLEAN_TEXT.replace('clean.infra.yaml', 'w.infra.yaml'), stderr: '' });
    });
  });

  describe('check: usage and read errors (exit 2, one line, no stack)', () => {
    beforeEach(() => writeTree(dir, { 'clean.infra.yaml': CLEAN }));

    it('an unknown option, with a did-you-mean', async () => {
      assertOneLineError(await cli(['check', '--formt', 'json'], dir), /unknown option '--formt' \(did you mean '--format'\?\)/);
    });
    it('an unknown command, with a did-you-mean', async () => {
      assertOneLineError(await cli(['chek'], dir), /unknown command 'chek' \(did you mean 'check'\?\)/);
    });
    it('a bad --format, --fail-on or --rule value', async () => {
      assertOneLineError(await cli(['check', '--format', 'xml'], dir), /invalid value 'xml' for --format/);
      assertOneLineError(await cli(['check', '--fail-on', 'erorr'], dir), /invalid value 'erorr' for --fail-on \(did you mean 'error'\?\): expected error, warning, info$/);
      assertOneLineError(await cli(['check', '--rule', 'no-health-check'], dir), /expected ID=SEVERITY/);
      assertOneLineError(await cli(['check', '--rule', 'no-helth-check=off'], dir), /unknown rule 'no-helth-check' in --rule \(did you mean 'no-health-check'\?\)/);
      assertOneLineError(await cli(['check', '--rule', 'spof=fatal'], dir), /invalid value 'fatal' for --rule/);
      assertOneLineError(await cli(['check', '--format'], dir), /option '--format' needs a value/);
    });
    it('a missing file', async () => {
      assertOneLineError(await cli(['check', 'missing.infra.yaml'], dir), /cannot read missing\.infra\.yaml: no such file or directory$/);
    });
    it('a path through a file', async () => {
      assertOneLineError(await cli(['check', 'clean.infra.yaml/x.infra.yaml'], dir), /cannot read clean\.infra\.yaml\/x\.infra\.yaml: not a directory$/);
    });
    it('an unreadable file', async function () {
      fs.chmodSync(path.join(dir, 'clean.infra.yaml'), 0o000);
      const expected = /cannot read clean\.infra\.yaml: permission denied$/;
      if (process.getuid?.() !== 0) return assertOneLineError(await cli(['check', 'clean.infra.yaml'], dir), expected);
      // Root reads everything, so run the CLI as an unprivileged user. The bundle is
      // self-contained; a copy inside the (world-readable) test folder does not depend on
      // whether the checkout itself is readable by that user.
      fs.chmodSync(dir, 0o755);
      const bundle = path.join(dir, 'cli.js');
      fs.copyFileSync(DIST_CLI, bundle);
      fs.chmodSync(bundle, 0o644);
      const r = spawnSync(process.execPath, [bundle, 'check', 'clean.infra.yaml'], {
        cwd: dir,
        encoding: 'utf8',
        uid: 65534,
        gid: 65534,
      });
      assertOneLineError({ code: r.status, stdout: r.stdout, stderr: r.stderr }, expected);
    });
    it('a folder without designs', async () => {
      writeTree(dir, { 'empty/notes.yaml': 'a: 1\n' });
      assertOneLineError(await cli(['check', 'empty'], dir), /no design files \(infra\.yaml, .*\) found in empty$/);
      assertOneLineError(await cli(['check'], path.join(dir, 'empty')), /found in the current folder$/);
    });
    it('nothing is printed on stdout when a later file cannot be read', async () => {
      const out = await cli(['check', 'clean.infra.yaml', 'zzz.infra.yaml'], dir);
      assert.equal(out.stdout, '');
      assertOneLineError(out, /cannot read zzz\.infra\.yaml/);
    });
  });

  describe('check: which files', () => {
    it('walks folders in sorted order, skipping node_modules, .git and dist', async () => {
      writeTree(dir, {
        'b/infra.yaml': CLEAN,
        'a/z.infra.yaml': CLEAN,
        'a/deep/er/infra.yaml': CLEAN,
        'a/notes.yaml': 'not: a design\n',
        'a/infra.yaml.bak': CLEAN,
        'node_modules/pkg/infra.yaml': BROKEN_YAML,
        '.git/infra.yaml': BROKEN_YAML,
        'dist/x.infra.yaml': BROKEN_YAML,
        'infra.yaml': CLEAN,
      });
      const paths = async (argv: string[], cwd = dir) => JSON.parse((await cli(['check', '--format', 'json', ...argv], cwd)).stdout).files.map((f: { path: string }) => f.path);
      assert.deepEqual(await paths([]), ['a/deep/er/infra.yaml', 'a/z.infra.yaml', 'b/infra.yaml', 'infra.yaml']);
      assert.deepEqual(await paths(['b', 'a']), ['a/deep/er/infra.yaml', 'a/z.infra.yaml', 'b/infra.yaml']);
      assert.deepEqual(await paths(['a/notes.yaml', 'a', 'a/z.infra.yaml']), ['a/deep/er/infra.yaml', 'a/notes.yaml', 'a/z.infra.yaml']);
      assert.deepEqual(await paths(['../b'], path.join(dir, 'a')), ['../b/infra.yaml']);
    });
  });

  describe('check: Compose profiles', () => {
    /** `debug-db` starts only with the debug profile, and publishes a database port publicly. */
    const PROFILED = `services:
  app:
    image: node:20
    ports: ["80:3000"]
  debug-db:
    image: postgres:16
    profiles: [debug]
    ports: ["5432:5432"]
`;
    const targets = async (argv: string[]): Promise<string[]> => {
      const out = await cli(['check', 'compose.yaml', '--format', 'json', ...argv], dir);
      assert.equal(out.stderr, '');
      const findings: { target: { id: string } }[] = JSON.parse(out.stdout).files[0].findings;
      return [...new Set(findings.map((f) => f.target.id))].sort();
    };

    it('reviews the services of a profile only with --profile NAME (repeatable)', async () => {
      writeTree(dir, { 'compose.yaml': PROFILED });
      const without = await targets([]);
      assert.ok(!without.includes('debug-db'), `no finding on debug-db without its profile: ${without.join(', ')}`);
      assert.ok(without.includes('app'));
      const withDebug = await targets(['--profile', 'debug']);
      assert.ok(withDebug.includes('debug-db'), `debug-db is reviewed with --profile debug: ${withDebug.join(', ')}`);
      assert.deepEqual(await targets(['--profile', 'other', '--profile=debug']), withDebug);
      assert.deepEqual(await targets(['--profile', 'other']), without);
    });
  });

  describe('check: output formats', () => {
    it('json: exactly the shape of docs/format.md (JSON output)', async () => {
      writeTree(dir, { 'one.infra.yaml': ONE_SERVER, 'list.infra.yaml': NOT_A_MAPPING });
      const out = await cli(['check', '--format', 'json'], dir);
      assert.equal(out.code, 1);
      const report = JSON.parse(out.stdout);
      assert.deepEqual(Object.keys(report), ['tool', 'version', 'files']);
      assert.equal(report.tool, 'infra-review');
      assert.equal(report.version, packageJson.version);
      assert.deepEqual(
        report.files.map((f: { path: string }) => f.path),
        ['list.infra.yaml', 'one.infra.yaml'],
      );
      const [list, one] = report.files;
      assert.equal(list.spofs, null, 'a file that is not a design has no SPOF analysis');
      assert.ok(list.findings.length > 0);
      for (const file of report.files) {
        assert.deepEqual(Object.keys(file), ['path', 'format', 'findings', 'spofs', 'summary', 'availability']);
        assert.deepEqual(Object.keys(file.summary), ['error', 'warning', 'info']);
        const counts = { error: 0, warning: 0, info: 0 } as Record<string, number>;
        for (const f of file.findings) {
          assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'target', 'range']);
          assert.deepEqual(Object.keys(f.target), ['kind', 'id']);
          assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
          assert.ok(['component', 'host', 'zone', 'dns', 'document'].includes(f.target.kind));
          counts[f.severity]++;
        }
        assert.deepEqual(file.summary, counts);
      }
      const host = one.spofs.find((s: { kind: string; id: string }) => s.kind === 'host' && s.id === 'server-1');
      assert.deepEqual(host, { kind: 'host', id: 'server-1', impact: ['app', 'db', 'web'] });
      const spofFinding = one.findings.find((f: { rule: string; target: { id: string } }) => f.rule === 'spof' && f.target.id === 'server-1');
      assert.ok(spofFinding, 'the host SPOF is a finding too');
      assert.deepEqual(spofFinding.range.start, { line: 8, character: 2 }, '0-based, at the host key');
    });

    it('text: aligned rows, 1-based positions, no colour when not a terminal', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY, 'i.infra.yaml': INFO_ONLY });
      const out = await cli(['check'], dir);
      assert.equal(out.code, 0);
      assert.ok(!out.stdout.includes('\u001b['));
      const lines = out.stdout.split('\n');
      assert.deepEqual(lines.slice(0, 3), ['', 'i.infra.yaml', lines[2]]);
      assert.match(lines[2], /^ {2}\d+:\d+ +info +.+ {2}backup-not-offsite$/);
      const w = lines.indexOf('w.infra.yaml');
      assert.match(lines[w + 1], /^ {2}19:3 {2}warning {2}Load balancer lb .+[^ ] {2}no-health-check$/);
      assert.equal(lines.at(-2), '✖ 2 problems (0 errors, 1 warning, 1 info)');
    });

    it('text: colours on a terminal, not with NO_COLOR or --no-color; --color forces them', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY });
      const hasColour = async (argv: string[], tty: boolean, env: Record<string, string> = {}) => (await cli(['check', ...argv], dir, { tty, env })).stdout.includes('\u001b[');
      assert.equal(await hasColour([], true), true);
      assert.equal(await hasColour([], true, { NO_COLOR: '1' }), false);
      assert.equal(await hasColour(['--no-color'], true), false);
      assert.equal(await hasColour(['--color'], false), true);
    });

    it('sarif: valid SARIF 2.1.0 with the catalogue and relative paths', async () => {
      writeTree(dir, { 'sub/one.infra.yaml': ONE_SERVER });
      const out = await cli(['check', '--format', 'sarif'], dir);
      assert.equal(out.code, 1);
      const log = JSON.parse(out.stdout);
      assert.deepEqual(sarifSchemaErrors(log), []);
      const results = log.runs[0].results;
      assert.ok(results.length > 0);
      for (const r of results) assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'sub/one.infra.yaml');
      assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'spof'));
    });

    it('-o writes the report to a file', async () => {
      writeTree(dir, { 'one.infra.yaml': ONE_SERVER });
      const out = await cli(['check', '-f', 'json', '-o', 'report.json'], dir);
      assert.equal(out.code, 1);
      assert.equal(out.stdout, '');
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).files[0].path, 'one.infra.yaml');
    });

    it('reads a byte-order mark and invalid UTF-8 as an editor would', async () => {
      writeTree(dir, { 'w.infra.yaml': WARNING_ONLY });
      fs.writeFileSync(path.join(dir, 'bom.infra.yaml'), `\ufeff${WARNING_ONLY}`);
      fs.writeFileSync(path.join(dir, 'bad.infra.yaml'), Buffer.concat([Buffer.from(WARNING_ONLY), Buffer.from('# \xff\xfe\n', 'latin1')]));
      const report = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout);
      const [bad, bom, plain] = report.files;
      assert.deepEqual(bom.findings, plain.findings, 'positions as without the mark');
      assert.deepEqual(bad.findings, plain.findings);
    });
  });

  describe('explain, help, version', () => {
    it('explain prints the catalogue entry', async () => {
      const meta = ruleMeta('spof');
      assert.ok(meta, 'spof is in the catalogue');
      const out = await cli(['explain', 'spof'], dir);
      assert.equal(out.code, 0);
      assert.ok(out.stdout.startsWith(`spof: ${meta.title}\n`));
      assert.ok(out.stdout.includes(`Default severity: ${meta.defaultSeverity}`));
      assert.ok(out.stdout.includes(meta.explanation.trim()));
      if (meta.fix) assert.ok(out.stdout.includes(meta.fix.trim()));
      for (const ref of meta.references ?? []) assert.ok(out.stdout.includes(ref.url));
    });

    it('explain of an unknown rule suggests the closest', async () => {
      assertOneLineError(await cli(['explain', 'spoff'], dir), /unknown rule 'spoff' \(did you mean 'spof'\?\)/);
      assertOneLineError(await cli(['explain'], dir), /explain takes one rule id/);
    });

    it('--version prints the package version; --help lists the commands and options', async () => {
      assert.deepEqual(await cli(['--version'], dir), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
      const help = await cli(['--help'], dir);
      assert.equal(help.code, 0);
      for (const command of ['check', 'explain', 'diagram', 'lsp']) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
      const checkHelp = await cli(['check', '--help'], dir);
      for (const option of ['--format FORMAT', '--rule ID=SEVERITY', '--fail-on SEVERITY', '--no-color', '--quiet']) assert.ok(checkHelp.stdout.includes(option), option);
      assert.deepEqual(await cli(['help', 'check'], dir), checkHelp);
    });

    it('lsp needs --stdio', async () => {
      assertOneLineError(await cli(['lsp'], dir), /lsp needs --stdio/);
    });
  });

  describe('diagram', () => {
    it('writes the design as SVG', async () => {
      writeTree(dir, { 'one.infra.yaml': ONE_SERVER });
      const out = await cli(['diagram', 'one.infra.yaml', '-o', 'one.svg'], dir);
      assert.deepEqual(out, { code: 0, stdout: '', stderr: '' });
      const svg = fs.readFileSync(path.join(dir, 'one.svg'), 'utf8');
      assert.match(svg, /<svg[\s>]/);
      for (const id of ['server-1', 'web', 'app', 'db']) assert.ok(svg.includes(id), id);
    });

    it('--collapse draws a namespace as one node, as the preview does; a group the design lacks is a usage error', async () => {
      writeTree(dir, { 'shop.yaml': SHOP_MANIFEST, 'one.infra.yaml': ONE_SERVER });
      const open = await cli(['diagram', 'shop.yaml'], dir);
      assert.equal(open.code, 0, open.stderr);
      assert.match(open.stdout, /data-node-id="workload:shop\/web"/);
      const out = await cli(['diagram', 'shop.yaml', '--collapse', 'shop'], dir);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /data-node-id="group:shop" data-kind="group"/);
      assert.doesNotMatch(out.stdout, /data-node-id="workload:shop\//, 'no member of shop is drawn');
      assert.match(out.stdout, /data-node-id="workload:auth\/login"/, 'the other namespace stays open');
      assertOneLineError(await cli(['diagram', 'shop.yaml', '--collapse', 'shp'], dir), /invalid value 'shp' for --collapse \(did you mean 'shop'\?\): expected auth, shop/);
      assertOneLineError(await cli(['diagram', 'one.infra.yaml', '--collapse', 'shop'], dir), /--collapse: the design has no groups/);
    });

    it('needs exactly one file', async () => {
      assertOneLineError(await cli(['diagram'], dir), /diagram takes one design file/);
      assertOneLineError(await cli(['diagram', 'missing.infra.yaml'], dir), /cannot read missing\.infra\.yaml/);
    });
  });

  // dist/ is built once for the whole run (test/support/fresh-build.ts).
  describe('as a process', () => {
    it('node dist/cli.js: exit codes and output', () => {
      writeTree(dir, { 'clean.infra.yaml': CLEAN, 'broken.infra.yaml': BROKEN_YAML });
      assert.deepEqual(processRun(DIST_CLI, ['check', 'clean.infra.yaml'], dir), { code: 0, stdout: CLEAN_TEXT, stderr: '' });
      const broken = processRun(DIST_CLI, ['check', '--format', 'json', 'broken.infra.yaml'], dir);
      assert.equal(broken.code, 1);
      assert.equal(JSON.parse(broken.stdout).files[0].path, 'broken.infra.yaml');
    });

    it('a read error is one line on stderr, exit 2, no stack trace', () => {
      assertOneLineError(processRun(DIST_CLI, ['check', 'nope.infra.yaml'], dir), /cannot read nope\.infra\.yaml: no such file or directory$/);
      assertOneLineError(processRun(DIST_CLI, ['check', '--bogus'], dir), /unknown option '--bogus'/);
    });

    it('bin/infra-review runs the bundle', () => {
      writeTree(dir, { 'clean.infra.yaml': CLEAN });
      assert.deepEqual(processRun(BIN, ['--version'], dir), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
      assert.equal(processRun(BIN, ['check'], dir).code, 0);
    });

    it('bin/infra-review without a build says how to make one', () => {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.copyFileSync(BIN, path.join(dir, 'bin', 'infra-review'));
      assertOneLineError(processRun(path.join(dir, 'bin', 'infra-review'), ['--version'], dir), /dist\/cli\.js is missing; run `npm install` \(or `npm run build`\)/);
    });

    it('lsp --stdio answers initialize and exits on exit', async () => {
      const child = spawn(process.execPath, [DIST_CLI, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const send = (message: object) => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...message });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      let received = '';
      const initialized = new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
          if (received.includes('"capabilities"')) resolve(received);
        });
        child.on('close', () => reject(new Error(`server closed before answering: ${received}`)));
      });
      send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const answer = await initialized;
      assert.match(answer, /"id":1\b/);
      assert.match(answer, /"result":\{"capabilities":\{/);
      send({ id: 2, method: 'shutdown' });
      send({ method: 'exit' });
      assert.equal(await closed, 0);
    });

    it('check does not load the language server', () => {
      writeTree(dir, { 'clean.infra.yaml': CLEAN });
      const probe = `require(${JSON.stringify(path.join(ROOT, 'server/src/cli.ts'))}).main(['check'], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false, stdout() {}, stderr() {} })
        .then((code) => console.log(JSON.stringify({ code, loaded: Object.keys(require.cache).filter((k) => k.includes('vscode-languageserver')) })));`;
      const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
      assert.deepEqual(JSON.parse(r.stdout), { code: 0, loaded: [] }, r.stderr);
    });
  });
});
