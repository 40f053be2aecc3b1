// `check --baseline FILE` and `--write-baseline FILE`: adopting the tool on an existing
// design without failing CI on day one.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JsonReport } from '../src/cli/formatters/json';
import { assertOneLineError, cli, writeTree } from '../../test/support/cli';

const ROOT = path.resolve(__dirname, '../..');
const THREE = fs.readFileSync(path.join(ROOT, 'samples', '2-three-servers.infra.yaml'), 'utf8');

describe('baselines', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-baseline-'));
    writeTree(dir, { 'infra.yaml': THREE });
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--write-baseline writes the check JSON, says so, and exits 0 on a failing design', async () => {
    assert.equal((await cli(['check'], dir)).code, 1);
    const out = await cli(['check', '--write-baseline', 'baseline.json'], dir);
    assert.equal(out.code, 0, out.stderr);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as JsonReport;
    const plain = JSON.parse((await cli(['check', '-f', 'json'], dir)).stdout) as JsonReport;
    assert.deepEqual(written, plain);
    assert.equal(out.stdout, `Wrote the baseline baseline.json: ${plain.files[0].findings.length} findings in 1 file\n`);
  });

  it('--baseline reports only what is new, through edits that move every line, and counts what was held and fixed', async () => {
    await cli(['check', '--write-baseline', 'baseline.json'], dir);
    const base = await cli(['check', '--baseline', 'baseline.json'], dir);
    assert.equal(base.code, 0);
    assert.match(base.stdout, /^✔ No new problems \(1 file checked; 14 more in the baseline, 0 fixed since\)$/m);

    // Lines move (a comment on top), one finding is fixed (TLS on lb), one is new (a host without monitoring gets public).
    const edited = `# moved\n\n${THREE.replace('    healthCheck: /health\n', '    healthCheck: /health\n    tls: true\n')}`;
    fs.writeFileSync(path.join(dir, 'infra.yaml'), edited);
    const json = JSON.parse((await cli(['check', '--baseline', 'baseline.json', '-f', 'json'], dir)).stdout) as JsonReport & { files: { baseline: { held: number; fixed: number } }[] };
    const [file] = json.files;
    assert.deepEqual(file.findings.map((f) => f.rule), ['plaintext-internal']);
    assert.deepEqual(file.baseline, { held: 13, fixed: 1 });
    assert.deepEqual(file.summary, { error: 0, warning: 0, info: 1 });
    const text = await cli(['check', '--baseline', 'baseline.json'], dir);
    assert.equal(text.code, 0, 'an info does not fail');
    assert.match(text.stdout, /✖ 1 new problem \(0 errors, 0 warnings, 1 info\); 13 more in the baseline, 1 fixed since/);
  });

  it('a new error fails the check; a finding of the same rule on another target is new', async () => {
    await cli(['check', '--write-baseline', 'baseline.json'], dir);
    fs.writeFileSync(path.join(dir, 'infra.yaml'), THREE.replace('  web-2: {}\n', '  web-2: {}\n  web-3: {}\n').replace('runsOn: [web-1, web-2]\n    dependsOn: [app]', 'runsOn: [web-1, web-2]\n    dependsOn: [app, cache]\n  cache:\n    type: cache\n    runsOn: [web-3]'));
    const out = await cli(['check', '--baseline', 'baseline.json', '-f', 'json'], dir);
    assert.equal(out.code, 1);
    const report = JSON.parse(out.stdout) as JsonReport;
    assert.ok(report.files[0].findings.some((f) => f.rule === 'spof' && f.target.id === 'web-3'), JSON.stringify(report.files[0].findings.map((f) => [f.rule, f.target.id])));
    assert.ok(!report.files[0].findings.some((f) => f.rule === 'spof' && f.target.id === 'lb-1'), 'held by the baseline');
  });

  it('a file that is not a baseline: exit 2 with one line that says why', async () => {
    writeTree(dir, { 'not-json.json': '{', 'no-files.json': '{"tool":"x"}', 'bad-finding.json': '{"files":[{"path":"infra.yaml","findings":[{"rule":"spof"}]}]}' });
    assertOneLineError(await cli(['check', '--baseline', 'not-json.json'], dir), /invalid baseline not-json\.json: not JSON/);
    assertOneLineError(await cli(['check', '--baseline', 'no-files.json'], dir), /invalid baseline no-files\.json: no "files" list/);
    assertOneLineError(await cli(['check', '--baseline', 'bad-finding.json'], dir), /files\[0\]\.findings\[0\] needs a rule, a message and a target/);
    assertOneLineError(await cli(['check', '--baseline', 'missing.json'], dir), /cannot read missing\.json: no such file/);
    assertOneLineError(await cli(['check', '--baseline', 'a.json', '--write-baseline', 'b.json'], dir), /do not go together/);
  });
});
