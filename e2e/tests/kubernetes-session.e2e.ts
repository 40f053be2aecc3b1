// A Kubernetes manifest in a real VS Code: opening the shop sample (a YAML file found to be a
// manifest by its content, not its name) lists in the Problems panel what the CLI finds in
// it, and the diagram preview draws every workload and only the workloads (a CronJob is no
// runtime dependency). The editor is compared with the project's CLI and engine, never with
// hard-coded numbers.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/engine';
import { formatOptionsFor } from '../../server/src/formats';
import { checkFile } from '../lib/cli';
import { SAMPLES_DIR } from '../lib/paths';
import { openPreview } from '../lib/preview';
import { openAndExpectProblems } from '../lib/problems';
import { stepwiseSession } from '../lib/stepwise-session';

const SAMPLE = 'shop.yaml';

describe('a Kubernetes manifest in code-server', function () {
  const stepwise = stepwiseSession({ name: 'kubernetes-session', from: path.join(SAMPLES_DIR, 'kubernetes') });
  const file = (): string => stepwise.file(SAMPLE);

  it('1. opening the manifest lists its findings, as the CLI finds them, in the Problems panel', async function () {
    const expected = checkFile(file());
    assert.ok(expected.some((f) => f.rule === 'replicas-may-share-node'), 'the sample has a Kubernetes finding');
    await openAndExpectProblems(stepwise.session, SAMPLE, expected);
  });

  it('2. the diagram preview draws every workload, and nothing that is not one', async function () {
    const { session, preview } = stepwise;
    const { workbench, steps } = session;
    const text = fs.readFileSync(file(), 'utf8');
    const result = analyze(text, formatOptionsFor(file(), undefined, text));
    assert.strictEqual(result.format, 'kubernetes', 'the sample is read as a manifest');
    const workloads = [...result.design.components.keys()];
    const nodes = await steps.step('open the diagram preview', () =>
      openPreview(workbench, preview, (drawn) => workloads.every((w) => drawn.some((n) => n.targetId === w)), `nodes for ${workloads.join(', ')}`),
    );
    const drawn = nodes.filter((n) => n.targetKind === 'component');
    assert.deepStrictEqual([...new Set(drawn.map((n) => n.targetId))].sort(), [...workloads].sort(), 'the workloads, and only they, are drawn');
  });
});
