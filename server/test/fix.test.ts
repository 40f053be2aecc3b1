// `check --fix` and `--fix-dry-run`: the safe fixes (FixIntent.safe), applied to a fixpoint,
// comments kept; fixes that need a decision are never applied.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import { analyze } from '../src/analysis/engine';
import { applySafeFixes } from '../src/language/apply-fixes';
import { formatOptionsFor } from '../src/formats';
import { cli, writeTree } from '../../test/support/cli';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples');
const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();
const THREE = fs.readFileSync(path.join(SAMPLES, '2-three-servers.infra.yaml'), 'utf8');

describe('check --fix', () => {
  describe('which fixes are safe', () => {
    for (const sample of samples) {
      it(`${sample}: a safe fix only sets values on existing elements (no new element, removal or suppression)`, () => {
        const result = analyze(fs.readFileSync(path.join(SAMPLES, sample), 'utf8'));
        for (const f of result.findings) {
          for (const fix of f.fixes ?? []) {
            if (!fix.safe) continue;
            for (const c of fix.changes) {
              assert.ok(c.op === 'set' || c.op === 'replace-value', `${fix.title}: ${c.op}`);
              assert.ok(c.path.length >= 2, `${fix.title} changes a top-level section (${c.path.join('.')}): that adds an element`);
            }
          }
        }
      });
    }

    it('new hosts, more replicas, removals, suppressions and an invented schedule are never safe', () => {
      const one = fs.readFileSync(path.join(SAMPLES, '1-one-server.infra.yaml'), 'utf8');
      const unsafe = analyze(one).findings.flatMap((f) => (f.fixes ?? []).filter((x) => !x.safe).map((x) => x.title));
      assert.ok(unsafe.some((t) => /new host/.test(t)), unsafe.join('\n'));
      assert.ok(unsafe.some((t) => /backup/.test(t)), 'a daily backup picks a schedule');
      const applied = applySafeFixes(one).applied.map((a) => a.title);
      assert.ok(!applied.some((t) => /new host|replicas|Remove|backup to/i.test(t)), applied.join('\n'));
    });
  });

  describe('applying', () => {
    it('fixes what is safe to a fixpoint, keeps comments, adds no host and no suppression', () => {
      const out = applySafeFixes(THREE);
      assert.deepEqual(out.applied.map((a) => a.rule).sort(), ['backup-not-offsite', 'no-firewall', 'no-tls', 'plaintext-internal', 'spof']);
      assert.ok(out.text.includes('# the primary on web-1, a replica on web-2'));
      assert.ok(out.text.startsWith(THREE.split('\n').slice(0, 12).join('\n')), 'the lines above the first fix stay byte for byte');
      assert.ok(!/infra-review-ignore/.test(out.text));
      const after = analyze(out.text);
      assert.deepEqual([...after.design.hosts.keys()], [...analyze(THREE).design.hosts.keys()]);
      assert.ok(!after.findings.some((f) => f.fixes?.some((x) => x.safe)), 'no safe fix left');
      assert.deepEqual(applySafeFixes(out.text), { text: out.text, applied: [] }, 'a second run changes nothing');
    });

    it('Compose: a database port published on every address is bound to loopback, in the file\'s own terms', () => {
      const file = path.join(SAMPLES, 'compose', 'one-server.compose.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const options = formatOptionsFor(file);
      const out = applySafeFixes(text, options);
      assert.ok(out.applied.some((a) => a.rule === 'database-exposed'), out.applied.map((a) => a.title).join('\n'));
      assert.match(out.text, /- "?127\.0\.0\.1:3306:3306"?\s+# published for a quick look/);
      assert.ok(out.text.includes('- "80:80"'), 'the web port stays public');
      assert.ok(!analyze(out.text, options).findings.some((f) => f.rule === 'database-exposed'));
    });

    it('a rule turned off gets no fix', () => {
      const out = applySafeFixes(THREE, { rules: { 'no-tls': 'off', 'plaintext-internal': 'off' } });
      assert.ok(!out.applied.some((a) => a.rule === 'no-tls'));
      assert.ok(!/tls: true/.test(out.text));
    });
  });

  describe('the command', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-fix-'));
      writeTree(dir, { 'infra.yaml': THREE });
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('--fix writes the files, lists each fix on stderr, and reports what is left', async () => {
      const out = await cli(['check', '--fix', '-f', 'json'], dir);
      const written = fs.readFileSync(path.join(dir, 'infra.yaml'), 'utf8');
      assert.equal(written, applySafeFixes(THREE).text);
      assert.match(out.stderr, /^Fixed infra\.yaml:\n {2}Set firewall: true on lb-1 \(no-firewall\)\n/);
      const report = JSON.parse(out.stdout) as { files: { findings: { rule: string }[] }[] };
      assert.deepEqual(report.files[0].findings.map((f) => f.rule), analyze(written).findings.map((f) => f.rule));
      assert.equal(out.code, 1, 'the SPOFs are left, and fail');
      const again = await cli(['check', '--fix'], dir);
      assert.equal(again.stderr, '', 'nothing left to fix');
    });

    it('--fix-dry-run prints a unified diff that --fix would apply, and writes nothing', async () => {
      const out = await cli(['check', '--fix-dry-run'], dir);
      assert.equal(fs.readFileSync(path.join(dir, 'infra.yaml'), 'utf8'), THREE);
      assert.match(out.stdout, /^--- infra\.yaml/m);
      assert.match(out.stdout, /^\+ {4}firewall: true$/m);
      assert.equal(applyPatch(THREE, out.stdout), applySafeFixes(THREE).text);
      assert.match(out.stderr, /^Would fix infra\.yaml:/);
      assert.equal(out.code, 1);
    });
  });
});
