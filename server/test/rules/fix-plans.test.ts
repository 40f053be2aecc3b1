import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDesign } from '../../src/model/build';
import { buildFailureModel } from '../../src/analysis/failure-model';
import type { Spof } from '../../src/analysis/failure-types';
import type { RawFinding } from '../../src/model/findings';
import { IdPool, nextZoneId } from '../../src/analysis/rules/fix-plans';
import { firstInDocumentOrder } from '../../src/analysis/rules/queries';
import { spof } from '../../src/analysis/rules/redundancy';
import { naturalList } from '../../src/analysis/rules/text';

const design = buildDesign({
  zones: { 'us-east-1a': {}, 'us-east-1b': {}, 'zone-1': {} },
  hosts: { 'web-1': {}, 'web-2': {}, 'db-01': {}, lb: {} },
  components: { c: {}, b: {}, a: {} },
});

describe('rules: fix building blocks', () => {
  it('hands out ids after the highest number in use, never twice', () => {
    const ids = new IdPool(design);
    assert.equal(ids.fresh('web-1'), 'web-3');
    assert.equal(ids.fresh('web-1'), 'web-4');
    assert.equal(ids.fresh('db-01'), 'db-02');
    assert.equal(ids.fresh('lb'), 'lb-2');
    assert.equal(ids.fresh('cache'), 'cache');
    assert.equal(ids.fresh('cache'), 'cache-2');
    assert.ok(ids.has('web-4') && ids.has('web-1') && !ids.has('web-5'));
  });

  it('hands out many ids of one stem in linear time', () => {
    const ids = new IdPool(design);
    const handed = new Set<string>();
    for (let i = 0; i < 50_000; i++) handed.add(ids.fresh('web-1'));
    assert.equal(handed.size, 50_000);
  });

  it('names a new zone after an existing one', () => {
    assert.equal(nextZoneId('us-east-1a', new IdPool(design)), 'us-east-1c');
    assert.equal(nextZoneId('zone-1', new IdPool(design)), 'zone-2');
  });

  it('lists a long blast radius by its head, in document order', () => {
    assert.deepEqual(firstInDocumentOrder(design, ['a', 'b', 'c'], 2), ['c', 'b']);
    assert.deepEqual(firstInDocumentOrder(design, ['a', 'c'], 5), ['c', 'a']);
    assert.equal(naturalList(['x', 'y', 'z'], 5, 40), 'x, y, z and 37 more');
    // Against sorting them all: any of the design's ids, in any order.
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const many = buildDesign({ components: Object.fromEntries(ids.map((id) => [id, {}])) });
    fc.assert(
      fc.property(fc.shuffledSubarray(ids), fc.integer({ min: 1, max: 35 }), (some, k) => {
        assert.deepEqual(firstInDocumentOrder(many, some, k), [...some].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)).slice(0, k));
      }),
      { numRuns: 500 },
    );
    assert.equal(naturalList(['x', 'y', 'z', 'w']), 'x, y, z and w');
  });

  it('says "at least" when the SPOF search truncated the blast radius', () => {
    const chain = buildDesign({ components: { a: { dependsOn: ['b'] }, b: { dependsOn: ['c'] }, c: {}, d: {} } });
    const model = buildFailureModel(chain);
    const truncated: Spof = { kind: 'component', id: 'c', element: { kind: 'instance', component: 'c', index: 0 }, impact: ['a', 'b', 'c', 'd'], impactTruncated: true };
    const reported: Omit<RawFinding, 'rule'>[] = [];
    spof.check({ design: chain, model, spofs: [truncated], documentProblems: [], report: (f) => reported.push(f), availability: () => null });
    assert.equal(reported[0].message, 'Component c is a single point of failure: if it fails, a, b, c and at least 1 more go down');
  });
});
