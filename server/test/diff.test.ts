// What a change does to a design: the engine's diff of two texts, and `infra-review diff`
// (two files, or each file against a git revision) with its formats and exit codes.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffDesigns } from '../src/analysis/diff';
import type { JsonDiffReport } from '../src/cli/formatters/diff-json';
import { assertOneLineError, cli, writeTree } from '../../test/support/cli';

const ROOT = path.resolve(__dirname, '../..');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'diff');

const TWO_WEB = `version: 1
name: x
domain: x.com
dns:
  - { name: www, type: A, target: lb }
hosts:
  lb-1: { public: true, firewall: true, monitoring: prometheus }
  web-1: { firewall: true, monitoring: prometheus }
  web-2: { firewall: true, monitoring: prometheus }
components:
  lb: { type: load-balancer, runsOn: [lb-1], healthCheck: /health, tls: true, dependsOn: [web] }
  web: { type: web-server, runsOn: [web-1, web-2], tls: true }
`;
/** web on one host: web-1 becomes a SPOF, web-2 unused. */
const ONE_WEB = TWO_WEB.replace('runsOn: [web-1, web-2]', 'runsOn: [web-1]');

describe('diff', () => {
  describe('the engine', () => {
    it('lines that move change nothing', () => {
      const moved = `# a comment\n\n${TWO_WEB.replace('hosts:\n', 'hosts:\n  # the hosts\n')}`;
      const d = diffDesigns(TWO_WEB, moved);
      assert.deepEqual([d.addedFindings.length, d.removedFindings.length, d.spofsGained.length, d.spofsLost.length], [0, 0, 0, 0]);
      assert.ok(d.unchangedFindings > 0);
    });

    it('a SPOF gained comes with its blast radius, and lost going back', () => {
      const worse = diffDesigns(TWO_WEB, ONE_WEB);
      assert.deepEqual(worse.spofsGained.map((s) => [s.kind, s.id, s.impact]), [['component', 'web', ['lb', 'web']], ['host', 'web-1', ['lb', 'web']]]);
      assert.ok(worse.addedFindings.some((f) => f.rule === 'spof' && f.target.id === 'web-1'));
      assert.equal(worse.after.spofs! - worse.before.spofs!, worse.spofsGained.length - worse.spofsLost.length);
      const better = diffDesigns(ONE_WEB, TWO_WEB);
      assert.deepEqual(better.spofsLost.map((s) => s.id).sort(), worse.spofsGained.map((s) => s.id).sort());
      assert.deepEqual(better.removedFindings.map((f) => f.rule).sort(), worse.addedFindings.map((f) => f.rule).sort());
    });

    it('a version that does not exist has no findings: all are added (or removed)', () => {
      const added = diffDesigns(null, ONE_WEB);
      assert.equal(added.before.exists, false);
      assert.equal(added.addedFindings.length, added.after.findings.error + added.after.findings.warning + added.after.findings.info);
      const removed = diffDesigns(ONE_WEB, null);
      assert.equal(removed.after.exists, false);
      assert.equal(removed.removedFindings.length, added.addedFindings.length);
    });

    it('a version that does not parse has no SPOF count, and does not crash', () => {
      const d = diffDesigns(TWO_WEB, '- not\n- a design\n');
      assert.equal(d.after.spofs, null);
      assert.ok(d.addedFindings.some((f) => f.rule === 'schema'), JSON.stringify(d.addedFindings.map((f) => f.rule)));
      assert.ok(diffDesigns(TWO_WEB, 'version: 1\nname: [unclosed\n').addedFindings.some((f) => f.rule === 'yaml-syntax'));
    });

    it('the blast radius of a SPOF in both versions that changed is reported', () => {
      const withApp = ONE_WEB.replace('tls: true }\n', 'tls: true, dependsOn: [app] }\n  app: { type: app-server, runsOn: [web-1] }\n');
      const d = diffDesigns(ONE_WEB, withApp);
      // web-1 took lb and web down; now app too.
      const host = d.spofsChanged.find((c) => c.id === 'web-1');
      assert.deepEqual(host, { kind: 'host', id: 'web-1', before: ['lb', 'web'], after: ['app', 'lb', 'web'] });
    });
  });

  describe('the command', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-diff-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('exits 1 when the change adds a finding at or above --fail-on, 0 otherwise', async () => {
      writeTree(dir, { 'old.infra.yaml': TWO_WEB, 'new.infra.yaml': ONE_WEB });
      assert.equal((await cli(['diff', 'old.infra.yaml', 'new.infra.yaml'], dir)).code, 1);
      assert.equal((await cli(['diff', 'new.infra.yaml', 'old.infra.yaml'], dir)).code, 0, 'a change that only removes findings passes');
      assert.equal((await cli(['diff', 'old.infra.yaml', 'new.infra.yaml', '--rule', 'spof=warning', '--rule', 'deploy-downtime=info', '--rule', 'unused=info'], dir)).code, 0);
      assert.equal((await cli(['diff', 'old.infra.yaml', 'new.infra.yaml', '--rule', 'spof=warning', '--fail-on', 'warning'], dir)).code, 1);
    });

    it('text names what was added and removed, and the SPOFs with their blast radius', async () => {
      writeTree(dir, { 'old.infra.yaml': TWO_WEB, 'new.infra.yaml': ONE_WEB });
      const out = await cli(['diff', 'old.infra.yaml', 'new.infra.yaml'], dir);
      assert.match(out.stdout, /^new\.infra\.yaml \(against old\.infra\.yaml\)$/m);
      assert.match(out.stdout, /\+ SPOF host web-1: takes down lb, web/);
      assert.match(out.stdout, /added:\n.*spof/);
      assert.match(out.stdout, /✖ \d+ findings? added/);
      const same = await cli(['diff', 'old.infra.yaml', 'old.infra.yaml'], dir);
      assert.equal(same.code, 0);
      assert.equal(same.stdout, '✔ No change in findings (1 file compared)\n');
    });

    it('json: added with their range in the new version, removed in the old, SPOFs gained and lost', async () => {
      writeTree(dir, { 'old.infra.yaml': TWO_WEB, 'new.infra.yaml': `# moved down\n${ONE_WEB}` });
      const report = JSON.parse((await cli(['diff', 'old.infra.yaml', 'new.infra.yaml', '-f', 'json'], dir)).stdout) as JsonDiffReport;
      const [file] = report.files;
      assert.equal(file.path, 'new.infra.yaml');
      assert.equal(file.against, 'old.infra.yaml');
      const spof = file.findings.added.find((f) => f.rule === 'spof' && f.target.id === 'web-1')!;
      assert.equal(spof.range.start.line, ONE_WEB.split('\n').findIndex((l) => l.startsWith('  web-1:')) + 1);
      assert.deepEqual(file.spofs.gained.find((s) => s.id === 'web-1'), { kind: 'host', id: 'web-1', impact: ['lb', 'web'] });
      assert.deepEqual(file.spofs.lost, []);
      assert.equal(report.summary.addedCount, file.findings.added.length);
      assert.deepEqual(Object.keys(file.before), ['exists', 'findings', 'spofs', 'availability']);
      // Losing the second web server lowers the availability; both figures are exact.
      const [before, after] = [file.before.availability!, file.after.availability!];
      assert.ok(before.exact && after.exact);
      assert.ok(after.estimate < before.estimate, `${after.estimate} < ${before.estimate}`);
    });

    it('text: the availability before and after, and a change that only moves the availability is shown', async () => {
      const withDefaults = TWO_WEB;
      const sturdier = TWO_WEB.replace(/(\n  web-1:[^\n]*?)\}/, '$1, availability: 0.9999 }');
      assert.notEqual(sturdier, withDefaults, 'the fixture has a host web-1 written in flow style');
      writeTree(dir, { 'old.infra.yaml': withDefaults, 'new.infra.yaml': sturdier });
      const out = await cli(['diff', 'old.infra.yaml', 'new.infra.yaml'], dir);
      assert.equal(out.code, 0);
      assert.match(out.stdout, /\n  availability: \d+\.\d+ % \([^)]*down a year\) → \d+\.\d+ % \([^)]*down a year\)\n/);
      assert.doesNotMatch(out.stdout, /No change/);
    });

    it('markdown of the three-server sample against the secured one is the golden comment', async () => {
      const out = await cli(['diff', 'samples/2-three-servers.infra.yaml', 'samples/3-secured-monitored.infra.yaml', '--format', 'markdown'], ROOT);
      const golden = path.join(GOLDEN, '2-three-servers-to-3-secured-monitored.md');
      if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(golden, out.stdout);
      }
      assert.equal(out.stdout, fs.readFileSync(golden, 'utf8'));
    });

    it('markdown: names from the design cannot format the comment or mention anyone', async () => {
      const hostile = ONE_WEB.replace(/web-1/g, '"@org/team`<b>|x"');
      writeTree(dir, { 'old.infra.yaml': TWO_WEB, 'new.infra.yaml': hostile });
      const md = (await cli(['diff', 'old.infra.yaml', 'new.infra.yaml', '-f', 'markdown'], dir)).stdout;
      assert.doesNotMatch(md, /(^|[^\\`])@org/m, 'every @org is escaped or in a code span');
      assert.doesNotMatch(md, /(^|[^\\`'])<b>/m, 'every <b> is escaped or in a code span');
      for (const row of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('spof'))) {
        assert.equal(row.replace(/\\\|/g, '').split('|').length, 6, `a table row keeps its 4 cells: ${row}`);
      }
    });

    describe('--base REF (git)', () => {
      function git(...args: string[]): void {
        const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      }

      beforeEach(() => {
        writeTree(dir, { 'a.infra.yaml': TWO_WEB, 'gone.infra.yaml': TWO_WEB, 'sub/infra.yaml': TWO_WEB, 'notes.txt': 'x' });
        git('init', '-q');
        git('add', '-A');
        git('commit', '-q', '-m', 'base');
      });

      it('compares every design file with its version at REF: changed, added and deleted', async () => {
        fs.writeFileSync(path.join(dir, 'a.infra.yaml'), ONE_WEB);
        fs.rmSync(path.join(dir, 'gone.infra.yaml'));
        fs.writeFileSync(path.join(dir, 'new.infra.yaml'), TWO_WEB);
        const out = await cli(['diff', '--base', 'HEAD', '--format', 'json'], dir);
        assert.equal(out.code, 1, out.stderr);
        const report = JSON.parse(out.stdout) as JsonDiffReport;
        assert.deepEqual(report.files.map((f) => [f.path, f.before.exists, f.after.exists]), [
          ['a.infra.yaml', true, true],
          ['gone.infra.yaml', true, false],
          ['new.infra.yaml', false, true],
          ['sub/infra.yaml', true, true],
        ]);
        assert.ok(report.files[0].spofs.gained.some((s) => s.id === 'web-1'));
        assert.equal(report.files[1].findings.added.length, 0);
        assert.equal(report.files[3].findings.added.length + report.files[3].findings.removed.length, 0);
      });

      it('takes FILES and folders, from a subfolder too', async () => {
        fs.writeFileSync(path.join(dir, 'sub', 'infra.yaml'), ONE_WEB);
        const out = await cli(['diff', '--base', 'HEAD', 'infra.yaml', '-f', 'json'], path.join(dir, 'sub'));
        const report = JSON.parse(out.stdout) as JsonDiffReport;
        assert.deepEqual(report.files.map((f) => f.path), ['infra.yaml']);
        assert.equal(report.files[0].against, 'infra.yaml at HEAD');
        assert.ok(report.files[0].findings.added.length > 0);
      });

      it('an unknown revision, a REF that looks like an option, or no repository: exit 2 with one line', async () => {
        assertOneLineError(await cli(['diff', '--base', 'no-such-branch'], dir), /unknown revision 'no-such-branch'/);
        assertOneLineError(await cli(['diff', '--base=--output=x'], dir), /invalid --base/);
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-nogit-'));
        try {
          writeTree(outside, { 'infra.yaml': TWO_WEB });
          assertOneLineError(await cli(['diff', '--base', 'HEAD'], outside), /--base needs a git repository/);
        } finally {
          fs.rmSync(outside, { recursive: true, force: true });
        }
      });
    });

    it('usage: two files, or --base', async () => {
      writeTree(dir, { 'a.infra.yaml': TWO_WEB });
      assertOneLineError(await cli(['diff', 'a.infra.yaml'], dir), /diff takes two design files/);
      assertOneLineError(await cli(['diff', 'a.infra.yaml', 'missing.infra.yaml'], dir), /cannot read missing\.infra\.yaml/);
      assertOneLineError(await cli(['diff', 'a.infra.yaml', 'a.infra.yaml', '-f', 'sarif'], dir), /invalid value 'sarif' for --format/);
    });
  });
});
