// A Compose file in a real VS Code: opening the three-tier sample (dependencies inferred from
// its environment) lists in the Problems panel what the CLI finds in it, and the diagram
// preview draws every active service, with the inferred dependencies dashed. The editor is
// compared with the project's CLI and engine, never with hard-coded numbers.
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

const SAMPLE = 'three-tier.compose.yaml';

/** The page's own, inside `evaluateAll` (the e2e code is typed without the DOM library). */
declare const getComputedStyle: (element: unknown) => { strokeDasharray: string };

describe('a Compose file in code-server', function () {
  const stepwise = stepwiseSession({ name: 'compose-session', from: path.join(SAMPLES_DIR, 'compose') });
  const file = (): string => stepwise.file(SAMPLE);

  it('1. opening the Compose sample lists its findings, as the CLI finds them, in the Problems panel', async function () {
    const expected = checkFile(file());
    assert.ok(expected.some((f) => f.rule === 'spof'), 'the sample has a SPOF');
    await openAndExpectProblems(stepwise.session, SAMPLE, expected);
  });

  it('2. the diagram preview draws every service, with the inferred dependencies dashed', async function () {
    const { session, preview } = stepwise;
    const { workbench, steps } = session;
    const text = fs.readFileSync(file(), 'utf8');
    const result = analyze(text, formatOptionsFor(file()));
    const services = [...result.design.components.keys()];
    const inferred = [...result.design.components.values()].flatMap((c) => c.dependsOn.filter((d) => d.inferred));
    assert.ok(inferred.length > 0, 'the sample has inferred dependencies');
    await steps.step('open the diagram preview', () =>
      openPreview(workbench, preview, (drawn) => services.every((s) => drawn.some((n) => n.targetId === s)), `nodes for ${services.join(', ')}`),
    );
    const dashes = await preview.frame
      .locator('.ir-edge-inferred .ir-edge-line')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).strokeDasharray));
    assert.ok(dashes.length >= inferred.length, `an edge for each of the ${inferred.length} inferred dependencies: ${dashes.length} drawn`);
    for (const dash of dashes) assert.notStrictEqual(dash, 'none', 'an inferred edge is dashed');
    const plain = await preview.frame
      .locator('.ir-edge-depends:not(.ir-edge-inferred):not(.ir-edge-optional) .ir-edge-line')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).strokeDasharray));
    for (const dash of plain) assert.strictEqual(dash, 'none', 'a declared dependency is a solid line');
  });
});
