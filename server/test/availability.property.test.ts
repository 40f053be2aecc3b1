// Availability against brute force: for random designs of up to 14 fault elements, the sum
// over every combination of failed elements (each judged by the what-if query, itself checked
// against the SPOF oracle) gives A, the shares, the availability if each element failed and
// the order-2 cut sets; with a budget too small for the BDD, the bounds must hold.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { computeAvailability } from '../src/analysis/availability';
import { buildFailureModel } from '../src/analysis/failure-model';
import type { FaultElement } from '../src/analysis/failure-types';
import type { Design } from '../src/model/types';
import { randomDesign } from '../../test/support/random-design';
import { oracleElements } from '../../test/support/spof-oracle';

const RUNS = Number(process.env.AVAILABILITY_PROPERTY_RUNS ?? 1000);
const MAX_ELEMENTS = 14;
const TOLERANCE = 1e-9;
const LEVELS = [0.5, 0.8, 0.9, 0.97, 0.999, 1];

interface BruteForce {
  availability: number;
  /** P(down and element down), by element key. */
  downWith: Map<string, number>;
  /** P(down | element down), by element key. */
  downIfFailed: Map<string, number>;
  singles: Set<string>;
  pairs: Set<string>;
}

const keyOf = (e: FaultElement): string => (e.kind === 'instance' ? `instance ${e.component} ${e.index}` : `${e.kind} ${e.id}`);

/** A design from the random generator with random availabilities on its elements. */
const designWithAvailabilities = randomDesign().chain((generated) =>
  fc.tuple(fc.constant(generated.design), fc.array(fc.constantFrom(...LEVELS), { minLength: 40, maxLength: 40 })),
).map(([design, levels]) => {
  let k = 0;
  for (const zone of design.zones.values()) zone.availability = levels[k++];
  for (const host of design.hosts.values()) host.availability = levels[k++];
  for (const component of design.components.values()) component.availability = levels[k++];
  return design;
});

function availabilityOf(design: Design, e: FaultElement): number {
  if (e.kind === 'zone') return design.zones.get(e.id)?.availability ?? 0.9999;
  if (e.kind === 'host') return design.hosts.get(e.id)?.availability ?? 0.999;
  return design.components.get(e.component)?.availability ?? 0.9995;
}

function bruteForce(design: Design): BruteForce {
  const model = buildFailureModel(design);
  const elements = oracleElements(design);
  const up = elements.map((e) => availabilityOf(design, e));
  const keys = elements.map(keyOf);
  let availability = 0;
  const downWith = new Map(keys.map((k) => [k, 0]));
  for (let mask = 0; mask < 1 << elements.length; mask++) {
    let p = 1;
    const failed: FaultElement[] = [];
    elements.forEach((e, k) => {
      if ((mask >> k) & 1) {
        p *= 1 - up[k];
        failed.push(e);
      } else p *= up[k];
    });
    if (p === 0) continue;
    if (!model.whatIf(failed).serviceDown) availability += p;
    else elements.forEach((_, k) => (mask >> k) & 1 && downWith.set(keys[k], (downWith.get(keys[k]) as number) + p));
  }
  const downIfFailed = new Map(keys.map((key, k) => [key, up[k] < 1 ? (downWith.get(key) as number) / (1 - up[k]) : NaN]));
  const singles = new Set(keys.filter((_, k) => model.whatIf([elements[k]]).serviceDown));
  const pairs = new Set<string>();
  for (let a = 0; a < elements.length; a++) {
    for (let b = a + 1; b < elements.length; b++) {
      if (singles.has(keys[a]) || singles.has(keys[b])) continue;
      if (model.whatIf([elements[a], elements[b]]).serviceDown) pairs.add([keys[a], keys[b]].sort().join(' + '));
    }
  }
  return { availability, downWith, downIfFailed, singles, pairs };
}

const small = (design: Design): boolean => oracleElements(design).length <= MAX_ELEMENTS;

describe('availability agrees with brute-force enumeration', function () {
  this.timeout(120_000);

  it('gives the exact A, shares and availability if each element failed', () => {
    fc.assert(
      fc.property(designWithAvailabilities, (design) => {
        fc.pre(small(design));
        const expected = bruteForce(design);
        const result = computeAvailability(design, buildFailureModel(design));
        assert.equal(result.exact, true);
        assert.ok(Math.abs(result.estimate - expected.availability) <= TOLERANCE, `A ${result.estimate} ≠ ${expected.availability}`);
        const down = 1 - expected.availability;
        for (const e of oracleElements(design)) {
          const figures = result.figuresOf(e);
          assert.ok(figures, `figures of ${keyOf(e)}`);
          const share = down > 0 ? (expected.downWith.get(keyOf(e)) as number) / down : 0;
          // A share is a ratio to P(down): compared as P(down and element down), absolutely.
          assert.ok(Math.abs(figures.share * down - share * down) <= TOLERANCE, `share of ${keyOf(e)}: ${figures.share} ≠ ${share}`);
          const ifFailed = expected.downIfFailed.get(keyOf(e)) as number;
          if (!Number.isNaN(ifFailed)) assert.ok(Math.abs(figures.availabilityIfFailed - (1 - ifFailed)) <= TOLERANCE, `A if ${keyOf(e)} failed`);
        }
        assert.ok(result.shares.every((s, k) => s.share > 0 && (k === 0 || result.shares[k - 1].share >= s.share)));
      }),
      { numRuns: RUNS },
    );
  });

  it('finds exactly the order-2 cut sets, most probable first', () => {
    fc.assert(
      fc.property(designWithAvailabilities, (design) => {
        fc.pre(small(design));
        const expected = bruteForce(design);
        const result = computeAvailability(design, buildFailureModel(design));
        const found = result.cutSets.map((c) => c.elements.map(keyOf).sort().join(' + '));
        assert.equal(result.cutSetCount, expected.pairs.size);
        assert.deepEqual(new Set(found), expected.pairs);
        assert.ok(result.cutSets.every((c, k) => k === 0 || result.cutSets[k - 1].probability >= c.probability));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('gives A given failed elements as the sum over the rest', () => {
    const withFailures = designWithAvailabilities.chain((design) => {
      const elements = oracleElements(design);
      return fc.tuple(fc.constant(design), elements.length === 0 ? fc.constant([]) : fc.subarray(elements, { maxLength: Math.min(3, elements.length) }));
    });
    fc.assert(
      fc.property(withFailures, ([design, failed]) => {
        fc.pre(small(design));
        const model = buildFailureModel(design);
        const elements = oracleElements(design);
        const failedKeys = new Set(failed.map(keyOf));
        const rest = elements.filter((e) => !failedKeys.has(keyOf(e)));
        let expected = 0;
        for (let mask = 0; mask < 1 << rest.length; mask++) {
          let p = 1;
          const down: FaultElement[] = [...failed];
          rest.forEach((e, k) => {
            const a = availabilityOf(design, e);
            if ((mask >> k) & 1) {
              p *= 1 - a;
              down.push(e);
            } else p *= a;
          });
          if (p > 0 && !model.whatIf(down).serviceDown) expected += p;
        }
        const given = computeAvailability(design, model).given(failed);
        assert.ok(Math.abs(given.estimate - expected) <= TOLERANCE, `A given ${[...failedKeys].join(', ')}: ${given.estimate} ≠ ${expected}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('keeps A between proven bounds when the BDD budget is exceeded', () => {
    let bounded = 0;
    fc.assert(
      fc.property(designWithAvailabilities, fc.integer({ min: 2, max: 12 }), (design, nodes) => {
        fc.pre(small(design));
        const expected = bruteForce(design).availability;
        const result = computeAvailability(design, buildFailureModel(design), { budget: { nodes, operations: 1_000_000 } });
        if (result.exact) {
          assert.ok(Math.abs(result.estimate - expected) <= TOLERANCE);
          return;
        }
        bounded++;
        assert.ok(result.bounds);
        assert.ok(result.bounds.lower <= expected + TOLERANCE, `lower ${result.bounds.lower} > A ${expected}`);
        assert.ok(result.bounds.upper >= expected - TOLERANCE, `upper ${result.bounds.upper} < A ${expected}`);
        assert.equal(result.estimate, result.bounds.lower);
      }),
      { numRuns: RUNS },
    );
    assert.ok(bounded > RUNS / 4, `only ${bounded} runs used the bounds`);
  });
});
