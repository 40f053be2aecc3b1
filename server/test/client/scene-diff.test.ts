import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countOps, diffById } from '../../../client/src/preview/scene-diff';

interface Item {
  id: string;
  value: number;
}

const item = (id: string, value = 0): Item => ({ id, value });

/** Applies ops to a list the way the renderer applies them to a layer's children. */
function apply(previous: Item[], ops: ReturnType<typeof diffById<Item>>): Item[] {
  const list = [...previous];
  for (const op of ops) {
    const at = list.findIndex((x) => x.id === op.id);
    if (op.kind === 'remove') {
      list.splice(at, 1);
      continue;
    }
    const element = op.kind === 'keep' ? list[at] : op.item;
    if (at >= 0) list.splice(at, 1);
    list.splice(op.index, 0, element);
  }
  return list;
}

describe('client: scene differ', () => {
  it('keeps unchanged items, updates changed ones, adds and removes the rest', () => {
    const ops = diffById([item('a'), item('b', 1), item('c')], [item('a'), item('b', 2), item('d')]);
    assert.deepEqual(
      ops.map((o) => [o.kind, o.id]),
      [
        ['remove', 'c'],
        ['keep', 'a'],
        ['update', 'b'],
        ['add', 'd'],
      ],
    );
    const update = ops.find((o) => o.kind === 'update');
    assert.ok(update && update.kind === 'update');
    assert.equal(update.previous.value, 1);
    assert.equal(update.item.value, 2);
  });

  it('produces only keeps for an identical scene', () => {
    const list = [item('a'), item('b'), item('c')];
    assert.deepEqual(countOps(diffById(list, list.map((x) => ({ ...x })))), { remove: 0, add: 0, update: 0, keep: 3 });
  });

  it('numbers the placed items in the new order, so a reorder is visible', () => {
    const ops = diffById([item('a'), item('b')], [item('b'), item('a')]);
    assert.deepEqual(
      ops.map((o) => (o.kind === 'remove' ? o.id : `${o.id}@${o.index}`)),
      ['b@0', 'a@1'],
    );
  });

  it('treats a repeated id in the new list as one item', () => {
    const ops = diffById([], [item('a', 1), item('a', 2)]);
    assert.equal(ops.length, 1);
    assert.equal(ops[0].kind === 'add' && ops[0].item.value, 1);
  });

  it('applied in order, turns any old list into the new one (property)', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 });
    const list = ids.chain((keys) => fc.tuple(...keys.map((k) => fc.integer({ min: 0, max: 2 }).map((v) => item(k, v)))));
    fc.assert(
      fc.property(list, list, (previous, next) => {
        const ops = diffById(previous, next);
        assert.deepEqual(apply(previous, ops), next);
        const kept = new Set(previous.map((x) => x.id));
        for (const op of ops) {
          if (op.kind === 'add') assert.ok(!kept.has(op.id));
          if (op.kind === 'keep') assert.deepEqual(previous.find((x) => x.id === op.id), op.item);
        }
      }),
      { numRuns: 500 },
    );
  });
});
