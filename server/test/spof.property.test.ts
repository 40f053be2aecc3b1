// The fast analysis against the brute-force oracle, on thousands of random designs.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { buildFailureModel } from '../src/analysis/failure-model';
import type { FaultElement } from '../src/analysis/failure-types';
import { findSpofs } from '../src/analysis/spof';
import { buildDesign } from '../src/model/build';
import { parseText } from '../src/model/parse';
import { randomDesign } from '../../test/support/random-design';
import { oracleElements, oracleEvaluate, oracleSets, oracleSpofs } from '../../test/support/spof-oracle';

const RUNS = Number(process.env.SPOF_PROPERTY_RUNS ?? 2000);

describe('findSpofs agrees with the brute-force oracle', function () {

  it('finds exactly the oracle’s SPOFs, with the same blast radii', () => {
    fc.assert(
      fc.property(randomDesign(), ({ design }) => {
        const spofs = findSpofs(buildFailureModel(design));
        assert.deepEqual(spofs, oracleSpofs(design));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees on larger designs too', () => {
    const larger = randomDesign({ maxZones: 4, maxHosts: 10, maxComponents: 14, maxRecords: 10 });
    fc.assert(
      fc.property(larger, ({ design }) => {
        assert.deepEqual(findSpofs(buildFailureModel(design)), oracleSpofs(design));
      }),
      { numRuns: Math.ceil(RUNS / 8) },
    );
  });

  it('derives the oracle’s entries, required and reachable sets', () => {
    fc.assert(
      fc.property(randomDesign(), ({ design }) => {
        const model = buildFailureModel(design);
        const expected = oracleSets(design);
        assert.deepEqual([...model.entries].sort(), expected.entries);
        assert.deepEqual([...model.required].sort(), expected.required);
        assert.deepEqual([...model.reachable].sort(), expected.reachable);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('answers whatIf for any set of failed elements as the oracle does', () => {
    const withFailures = randomDesign().chain((g) => {
      const elements = oracleElements(g.design);
      const failed: fc.Arbitrary<FaultElement[]> = elements.length === 0 ? fc.constant([]) : fc.subarray(elements, { maxLength: Math.min(4, elements.length) });
      return fc.tuple(fc.constant(g), failed);
    });
    fc.assert(
      fc.property(withFailures, ([{ design }, failed]) => {
        const result = buildFailureModel(design).whatIf(failed);
        const expected = oracleEvaluate(design, failed);
        assert.deepEqual([...result.down].sort(), expected.down);
        assert.deepEqual([...result.degraded].sort(), expected.degraded);
        assert.deepEqual([...result.downServices].sort(), [...expected.downServices].sort());
        assert.equal(result.serviceDown, expected.serviceDown);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('gets the same answer from the design’s YAML text as from its data', () => {
    fc.assert(
      fc.property(randomDesign(), ({ design, yaml }) => {
        const parsed = parseText(yaml);
        assert.deepEqual(parsed.problems, []);
        const fromText = buildDesign(parsed.data);
        assert.deepEqual(fromText, design);
        assert.deepEqual(findSpofs(buildFailureModel(fromText)), findSpofs(buildFailureModel(design)));
      }),
      { numRuns: 100 },
    );
  });
});
