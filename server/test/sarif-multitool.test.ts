// Microsoft's SARIF Multitool (offline, from npm) validates `check --format sarif`: the
// SARIF 2.1.0 schema and SARIF's own rules. It exits 0 even when it reports errors, so the
// test reads its output log and fails on any error or warning. Plus the promises that
// code scanning relies on: a helpUri on every rule, no name equal to its id, fingerprints
// that survive moved lines.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { cli, writeTree } from '../../test/support/cli';

const ROOT = path.resolve(__dirname, '../..');
const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', `sarif-multitool-${process.platform}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');

async function sarifOf(args: string[], cwd = ROOT): Promise<Sarif.Log> {
  const out = await cli(['check', ...args, '--format', 'sarif'], cwd);
  assert.equal(out.stderr, '');
  return JSON.parse(out.stdout) as Sarif.Log;
}

describe('SARIF for code scanning', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-sarif-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the SARIF Multitool reports no error and no warning on the samples', async function () {
    this.timeout(120_000);
    assert.ok(fs.existsSync(MULTITOOL), `the Multitool is missing at ${MULTITOOL}: run npm ci`);
    const input = path.join(dir, 'samples.sarif');
    fs.writeFileSync(input, JSON.stringify(await sarifOf(['samples'])));
    const output = path.join(dir, 'validation.sarif');
    const run = spawnSync(MULTITOOL, ['validate', input, '--output', output, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const verdict = JSON.parse(fs.readFileSync(output, 'utf8')) as Sarif.Log;
    const problems = (verdict.runs[0].results ?? []).filter((r) => r.level === 'error' || r.level === 'warning' || r.level === undefined);
    const lines = problems.map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? JSON.stringify(r.message)}`);
    assert.deepEqual(lines, [], lines.join('\n'));
    assert.doesNotMatch(run.stdout, /: (error|warning) [A-Z]+\d+/, run.stdout);
  });

  it('every rule has a helpUri, and a name that is not its id', async () => {
    const rules = (await sarifOf(['samples/1-one-server.infra.yaml'])).runs[0].tool.driver.rules!;
    for (const rule of rules) {
      assert.match(rule.helpUri ?? '', /^https:\/\/github\.com\/infra-review\/infra-review\/blob\/main\/docs\/rules\.md#/, rule.id);
      assert.ok(rule.name && rule.name.toLowerCase() !== rule.id.toLowerCase(), `${rule.id}: ${rule.name}`);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/);
    }
    assert.equal(rules.find((r) => r.id === 'spof')?.name, 'SinglePointOfFailure');
  });

  it('partial fingerprints survive moved lines and changed messages, and tell findings apart', async () => {
    const design = fs.readFileSync(path.join(ROOT, 'samples', '2-three-servers.infra.yaml'), 'utf8');
    writeTree(dir, { 'infra.yaml': design });
    const before = (await sarifOf(['infra.yaml'], dir)).runs[0].results!;
    writeTree(dir, { 'infra.yaml': `# a new comment\n# and another\n${design.replace('software: gunicorn', 'software: uwsgi')}` });
    const after = (await sarifOf(['infra.yaml'], dir)).runs[0].results!;
    const print = (r: Sarif.Result): string => `${r.ruleId} ${JSON.stringify(r.partialFingerprints)}`;
    assert.deepEqual(after.map(print).sort(), before.map(print).sort());
    assert.notEqual(after[0].locations![0].physicalLocation!.region!.startLine, before[0].locations![0].physicalLocation!.region!.startLine);
    const prints = before.map((r) => Object.values(r.partialFingerprints!)[0]);
    assert.equal(new Set(prints).size, prints.length, 'one fingerprint per finding');
  });
});
