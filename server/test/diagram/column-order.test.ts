import * as assert from 'assert';
import { analyze } from '../../src/analysis/engine';
import { buildScene, columnOrder, orderStability, readability, sceneColumnOrder } from '../../src/diagram';
import type { Scene } from '../../src/diagram';
import { generateDesign } from '../../../test/support/generate-design';
import { withGroups, workloadDesign } from '../../../test/support/workload-design';

/** 100 workloads in 5 groups, and the same with one workload added to the middle group. */
async function groupedInsert(): Promise<{ before: Scene; free: Scene; kept: Scene }> {
  const design = workloadDesign(100, 5);
  const inserted = workloadDesign(100, 5, { extraComponent: true });
  const before = await buildScene(withGroups(analyze(design.text), design.groupOf));
  const after = withGroups(analyze(inserted.text), inserted.groupOf);
  return { before, free: await buildScene(after), kept: await buildScene(after, { previousOrder: sceneColumnOrder(before) }) };
}

/** Four unconnected services in one zone: any order of their column costs no crossing. */
const FOUR_IN_A_ZONE = `version: 1
zones:
  z1: { region: r1 }
components:
${['a', 'b', 'c', 'd'].map((id) => `  ${id}: { type: app-server, replicas: 1, zones: [z1] }`).join('\n')}
`;

describe('diagram column order', () => {
  it('reads columns left to right, each top to bottom, by centres', () => {
    const box = (id: string, x: number, y: number, width = 40) => ({ id, x, y, width, height: 20 });
    assert.deepStrictEqual(columnOrder([box('low', 0, 50), box('wide', -20, 0, 80), box('right', 100, 10)]), [['wide', 'low'], ['right']]);
  });

  it('puts back an order dot changed where that costs no crossing', async () => {
    const result = analyze(FOUR_IN_A_ZONE);
    const free = await buildScene(result);
    const column = sceneColumnOrder(free).find((c) => c.includes('instance:a#0')) as string[];
    assert.strictEqual(column.length, 4);
    const reversed = [...column].reverse();
    const kept = await buildScene(result, { previousOrder: [reversed] });
    assert.deepStrictEqual(sceneColumnOrder(kept).find((c) => c.includes('instance:a#0')), reversed);
    assert.deepStrictEqual(orderStability(free, kept).kept, 0, 'every pair turned round');
  });

  it('keeps every untouched pair when one workload is added to a group of 100 workloads', async () => {
    const { before, free, kept } = await groupedInsert();
    const stability = orderStability(before, kept);
    assert.ok(stability.pairs > 300, `${stability.pairs} pairs compared`);
    assert.strictEqual(stability.kept, stability.pairs);
    // dot alone (no second mincross over the whole graph) keeps all but one pair; what is put
    // back adds no crossing.
    assert.ok(orderStability(before, free).percent >= 99, `dot alone keeps ${orderStability(before, free).percent} %`);
    assert.ok(readability(kept).crossings <= readability(free).crossings);
  });

  it('keeps every untouched pair when one component is added at 1,000 components, given the previous order', async function () {
    this.timeout(120000);
    const before = await buildScene(analyze(generateDesign(1000).text));
    const after = await buildScene(analyze(generateDesign(1000, { extraComponent: true }).text), { previousOrder: sceneColumnOrder(before) });
    const stability = orderStability(before, after);
    assert.ok(stability.pairs > 200000);
    assert.strictEqual(stability.kept, stability.pairs);
  });

  it('ignores a previous order that names nothing in the diagram', async () => {
    const result = analyze(FOUR_IN_A_ZONE);
    const free = await buildScene(result);
    assert.deepStrictEqual(await buildScene(result, { previousOrder: [['instance:gone#0', 'zone:nowhere'], []] }), free);
  });
});
