import * as assert from 'assert';
import fc from 'fast-check';
import { analyze } from '../../src/analysis/engine';
import { buildScene, readability, sceneColumnOrder } from '../../src/diagram';
import type { Scene } from '../../src/diagram';
import { randomDesign } from '../../../test/support/random-design';

const RUNS = Number(process.env.COLUMN_ORDER_PROPERTY_RUNS ?? 60);

/** Per parent and column (by centre x), the leaves' centre heights, sorted: the places a column offers. */
function places(scene: Scene): string[] {
  const leaves = scene.nodes.filter((n) => n.kind === 'instance' || n.kind === 'workload' || n.kind === 'dns' || n.collapsed === true);
  const byColumn = new Map<string, number[]>();
  for (const n of leaves) {
    const key = `${n.parent ?? ''}@${Math.round(n.x + n.width / 2)}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), Math.round((n.y + n.height / 2) * 10)]);
  }
  return [...byColumn].map(([key, ys]) => `${key}:${ys.sort((a, b) => a - b).join(',')}`).sort();
}

describe('diagram column order (property)', () => {
  it('a scene given its own order is itself; given any order, only moves boxes between the places of their column, and crosses no more', async () => {
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(randomDesign(), fc.infiniteStream(fc.nat()), async (generated, seeds) => {
        const result = analyze(generated.yaml);
        const free = await buildScene(result);
        const own = sceneColumnOrder(free);
        assert.deepStrictEqual(await buildScene(result, { previousOrder: own }), free);

        // Any order of each column (a seeded shuffle), as an earlier scene could have had.
        const shuffled = own.map((column) => column.map((id) => ({ id, key: seeds.next().value as number })).sort((a, b) => a.key - b.key).map((e) => e.id));
        const kept = await buildScene(result, { previousOrder: shuffled });
        assert.deepStrictEqual(places(kept), places(free));
        const byId = new Map(free.nodes.map((n) => [n.id, n]));
        for (const n of kept.nodes) {
          const f = byId.get(n.id);
          assert.ok(f, n.id);
          assert.deepStrictEqual([n.x, n.width, n.height], [f.x, f.width, f.height], n.id);
        }
        if (JSON.stringify(kept) !== JSON.stringify(free)) moved++;
        assert.ok(readability(kept).crossings <= readability(free).crossings, `${readability(kept).crossings} > ${readability(free).crossings}`);
      }),
      { numRuns: RUNS },
    );
    // The orders given were put back somewhere (a run of this test that moves nothing tests nothing).
    assert.ok(moved > 0, 'no run moved a box');
  });
});
