// An any-of dependency in a real VS Code: the blue-green sample, whose frontend calls Service
// `app`, in front of two Deployments. Its problems are the CLI's, and none is a single point of
// failure (or deploy downtime) of either colour; the hover on the caller's address says it needs
// any of them; the preview draws one "any of 2" edge to each colour, its label clear of the
// nodes, and no other edge has one.
// What is expected comes from the CLI and the engine on the same file, never from hard-coded counts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/engine';
import { formatOptionsFor } from '../../server/src/formats';
import { dependencyTargets } from '../../server/src/model/types';
import { checkFile } from '../lib/cli';
import { SAMPLES_DIR } from '../lib/paths';
import { openPreview } from '../lib/preview';
import { openAndExpectProblems } from '../lib/problems';
import { stepwiseSession } from '../lib/stepwise-session';
import { positionOf } from '../lib/workbench';

const SAMPLE = 'blue-green.yaml';
const ADDRESS = 'http://app:8000';

describe('an any-of dependency (a Service in front of a blue-green pair) in code-server', function () {
  const stepwise = stepwiseSession({ name: 'any-of-session', from: path.join(SAMPLES_DIR, 'kubernetes') });
  const file = (): string => stepwise.file(SAMPLE);
  const read = () => {
    const text = fs.readFileSync(file(), 'utf8');
    return { text, result: analyze(text, formatOptionsFor(file(), undefined, text)) };
  };
  /** The caller's any-of dependency, as the engine reads it: who calls, and its alternatives. */
  const group = () => {
    for (const c of read().result.design.components.values()) {
      const dep = c.dependsOn.find((d) => d.anyOf);
      if (dep) return { from: c.id, alternatives: dependencyTargets(dep) };
    }
    assert.fail('the sample has an any-of dependency');
  };

  it('1. the problems are the CLI\'s, and none is a SPOF or deploy downtime of either colour', async function () {
    const { alternatives } = group();
    assert.deepStrictEqual([...alternatives].sort(), ['app-blue', 'app-green']);
    const expected = checkFile(file());
    assert.ok(expected.some((f) => f.rule === 'spof' && f.target.id === 'db'), 'the sample still has a SPOF (its database)');
    assert.deepStrictEqual(
      expected.filter((f) => (f.rule === 'spof' || f.rule === 'deploy-downtime') && alternatives.includes(f.target.id)),
      [],
      'neither colour is a SPOF, nor a deploy downtime',
    );
    await openAndExpectProblems(stepwise.session, SAMPLE, expected);
  });

  it('2. the hover on the caller\'s address says it needs any of the two', async function () {
    const { workbench, steps } = stepwise.session;
    const { from, alternatives } = group();
    const at = positionOf(read().text, ADDRESS);
    const said = await steps.step('hover the address of Service app', () => workbench.hover({ line: at.line, column: at.column + 8 }, /any of/));
    assert.ok(said.includes(`${from} → any of ${alternatives.join(', ')}`), said);
  });

  it('3. the preview draws an "any of 2" edge to each colour, and to nothing else', async function () {
    const { session, preview } = stepwise;
    const { from, alternatives } = group();
    const { result } = read();
    const components = [...result.design.components.keys()];
    await session.steps.step('open the diagram preview', () =>
      openPreview(session.workbench, preview, (drawn) => components.every((c) => drawn.some((n) => n.targetId === c)), `nodes for ${components.join(', ')}`),
    );
    const labelled = await preview.frame.locator('.ir-edge-any-of').evaluateAll((els) =>
      els.map((el) => ({
        from: el.getAttribute('data-from') ?? '',
        to: el.getAttribute('data-to') ?? '',
        label: el.querySelector('.ir-edge-any-of-label')?.childNodes[0]?.textContent ?? '',
        tooltip: el.querySelector('.ir-edge-any-of-label > title')?.textContent ?? '',
      })),
    );
    const nodes = await preview.nodes();
    const targetOf = (nodeId: string) => nodes.find((n) => n.id === nodeId)?.targetId;
    assert.deepStrictEqual(labelled.map((e) => targetOf(e.to)).sort(), [...alternatives].sort(), 'one labelled edge per alternative');
    assert.ok(labelled.every((e) => targetOf(e.from) === from), `every labelled edge leaves ${from}: ${JSON.stringify(labelled)}`);
    assert.ok(labelled.every((e) => e.label === `any of ${alternatives.length}`), JSON.stringify(labelled));
    assert.ok(labelled.every((e) => e.tooltip.startsWith(`any of ${alternatives.join(', ')}`)), JSON.stringify(labelled));
    // Each label is readable: not under the box of either end of its edge.
    const labels = preview.frame.locator('.ir-edge-any-of-label');
    for (let i = 0; i < labelled.length; i++) {
      const label = await labels.nth(i).boundingBox();
      assert.ok(label, 'the label is drawn');
      for (const end of [labelled[i].from, labelled[i].to]) {
        const box = await preview.node(end).locator(':scope > rect.ir-box').boundingBox();
        assert.ok(box, `${end} has a box`);
        const overlaps = label.x < box.x + box.width && label.x + label.width > box.x && label.y < box.y + box.height && label.y + label.height > box.y;
        assert.ok(!overlaps, `the label of the edge to ${labelled[i].to} lies partly under ${end}: ${JSON.stringify({ label, box })}`);
      }
    }
  });
});
