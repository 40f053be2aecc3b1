// `infra-review convert`: the infra.yaml it writes reads as the same system, so checking it
// gives the same SPOF set (elements and what goes down with each) as checking the original.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';

const ROOT = path.resolve(__dirname, '../..', '..');
const samplesIn = (folder: string) => fs.readdirSync(path.join(ROOT, 'samples', folder)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${folder}/${f}`);
const SAMPLES = samplesIn('compose');
const MANIFESTS = samplesIn('kubernetes');

async function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  return { code: await main(args, io), stdout, stderr };
}

interface Checked {
  spofs: { kind: string; id: string; impact: string[] }[] | null;
  findings: { rule: string }[];
}

async function check(file: string): Promise<Checked> {
  const out = await run(['check', file, '--format', 'json'], ROOT);
  assert.equal(out.stderr, '');
  return JSON.parse(out.stdout).files[0];
}

const spofSet = (c: Checked) => (c.spofs ?? []).map((s) => `${s.kind}:${s.id} → ${[...s.impact].sort().join(',')}`).sort();

describe('convert: a Compose file → the equivalent infra.yaml', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-convert-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  assert.ok(SAMPLES.length >= 3 && MANIFESTS.length >= 3);
  for (const sample of [...SAMPLES, ...MANIFESTS]) {
    it(`${sample}: the same SPOF set, and a valid infra.yaml with the origin of each element`, async () => {
      const format = sample.startsWith('compose/') ? 'compose' : 'kubernetes';
      const out = path.join(dir, `${path.basename(sample)}.infra.yaml`);
      const converted = await run(['convert', `samples/${sample}`, '-o', out], ROOT);
      assert.deepEqual([converted.code, converted.stderr], [0, '']);
      const text = fs.readFileSync(out, 'utf8');
      assert.match(text, new RegExp(`^# Converted by infra-review from samples/${sample.replace(/\./g, '\\.')} \\(${format}\\)`));
      assert.match(text, format === 'compose' ? /# from services\.\S+ \(line \d+\)/ : /# from document \d+: metadata\.name \(line \d+\)/);
      const original = await check(`samples/${sample}`);
      const equivalent = await check(out);
      assert.ok(original.spofs && original.spofs.length > 0, 'the sample has SPOFs to compare');
      assert.deepEqual(spofSet(equivalent), spofSet(original));
      assert.deepEqual(equivalent.findings.filter((f) => f.rule === 'schema' || f.rule === 'yaml-syntax'), []);
    });
  }

  it('a Service in front of a blue-green pair: an anyOf dependency, the same SPOFs and the same availability', async () => {
    const sample = 'samples/kubernetes/blue-green.yaml';
    const out = path.join(dir, 'blue-green.infra.yaml');
    assert.equal((await run(['convert', sample, '-o', out], ROOT)).code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /\n\s+- \{ anyOf: \[ app-blue, app-green \] \}\n/);
    const original = (await run(['check', sample, '--format', 'json'], ROOT)).stdout;
    const equivalent = (await run(['check', out, '--format', 'json'], ROOT)).stdout;
    const [a, b] = [JSON.parse(original).files[0], JSON.parse(equivalent).files[0]];
    assert.deepEqual(spofSet(b), spofSet(a));
    assert.deepEqual(spofSet(a), ['component:db → app-blue,app-green,db,frontend']);
    assert.equal(b.availability.estimate, a.availability.estimate);
    assert.ok(a.availability.exact);
  });

  it('a Compose x-infra-review anyOf is written back as the same anyOf, with where it came from', async () => {
    const out = await run(['convert', 'samples/compose/blue-green.compose.yaml'], ROOT);
    assert.match(out.stdout, /# from services\.proxy\.x-infra-review\.dependsOn\[0\] \(line \d+\)\n\s+- \{ anyOf: \[ app-blue, app-green \] \}\n/);
  });

  it('marks inferred dependencies as inferred', async () => {
    const out = await run(['convert', 'samples/compose/three-tier.compose.yaml'], ROOT);
    assert.match(out.stdout, /# inferred from services\.api\.environment\.DATABASE_URL \(line \d+\)\n\s+- db/);
  });

  it('a file that is not a design is a usage error, not a crash', async () => {
    fs.writeFileSync(path.join(dir, 'compose.yaml'), '- a\n- b\n');
    const out = await run(['convert', 'compose.yaml'], dir);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /cannot convert compose\.yaml/);
  });
});
