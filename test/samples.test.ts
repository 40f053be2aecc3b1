// Golden outputs: `infra-review check --format json` on every sample, compared exactly with
// test/golden/samples/<sample>.json. After an intended change, regenerate them with
// `UPDATE_GOLDEN=1 npx mocha test/samples.test.ts` and review the diff like code.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../server/src/cli';
import type { CliIo } from '../server/src/cli/io';

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'samples');
const GOLDEN = path.join(__dirname, 'golden', 'samples');

async function checkJson(relativePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: ROOT,
    env: {},
    stdoutIsTTY: false,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  };
  const code = await main(['check', relativePath, '--format', 'json'], io);
  return { code, stdout, stderr };
}

describe('samples: golden JSON output', () => {
  const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();

  it('there are the four stages and the extra designs', () => {
    assert.ok(samples.length >= 7, `only ${samples.length} samples`);
    for (const stage of ['1-', '2-', '3-', '4-']) assert.ok(samples.some((s) => s.startsWith(stage)), `no stage ${stage}`);
  });

  const composeSamples = fs.readdirSync(path.join(SAMPLES, 'compose')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `compose/${f}`);

  it('there are the Compose samples: a blue-green pair stated with anyOf, the one-server stack, a three-tier app, a Swarm stack', () => {
    assert.deepEqual(composeSamples, ['compose/blue-green.compose.yaml', 'compose/docker-stack.yml', 'compose/one-server.compose.yaml', 'compose/three-tier.compose.yaml']);
  });

  const kubernetesSamples = fs.readdirSync(path.join(SAMPLES, 'kubernetes')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `kubernetes/${f}`);

  it('there are the Kubernetes samples: the one-server stack, a multi-service shop, a helm template rendering', () => {
    assert.deepEqual(kubernetesSamples, ['kubernetes/blue-green.yaml', 'kubernetes/helm-rendered.yaml', 'kubernetes/one-server.yaml', 'kubernetes/shop.yaml']);
  });

  for (const sample of [...samples, ...composeSamples, ...kubernetesSamples]) {
    it(sample, async () => {
      const { code, stdout, stderr } = await checkJson(`samples/${sample}`);
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as { files: { findings: { severity: string }[] }[] };
      const hasErrors = report.files[0].findings.some((f) => f.severity === 'error');
      assert.equal(code, hasErrors ? 1 : 0, 'exit code follows --fail-on error');
      const goldenPath = path.join(GOLDEN, sample.replace(/\.infra\.yaml$|\.ya?ml$/, '.json'));
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(goldenPath, stdout);
      assert.ok(fs.existsSync(goldenPath), `no golden for ${sample}: run with UPDATE_GOLDEN=1`);
      assert.equal(stdout, fs.readFileSync(goldenPath, 'utf8'));
    });
  }
});
