// The front ends' model path → document path table: against a map keyed by each whole path
// (what the Kubernetes locator used before), on random paths that share prefixes, mix
// numbers and numeric strings, and place one path twice.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Places } from '../../src/formats/places';
import type { Path } from '../../src/model/types';

const segment = fc.oneof(fc.constantFrom('components', 'web', 'db', 'tls', 'dependsOn', '0', '1'), fc.constantFrom(0, 1, 2));
const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 });

describe('Places: model paths → document paths', () => {
  it('finds the place of the longest prefix that has one, as a map of whole paths does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, pathArb)), fc.array(fc.array(segment, { maxLength: 6 }), { maxLength: 20 }), (placed, looked) => {
        const places = new Places();
        const byKey = new Map<string, Path>();
        for (const [model, doc] of placed) {
          places.set(model, doc);
          byKey.set(JSON.stringify(model), doc);
        }
        for (const model of [...looked, ...placed.map(([m]) => m)]) {
          let expected: { length: number; place: Path } | undefined;
          for (let n = model.length; n > 0 && !expected; n--) {
            const place = byKey.get(JSON.stringify(model.slice(0, n)));
            if (place) expected = { length: n, place };
          }
          assert.deepEqual(places.longestPrefix(model), expected, JSON.stringify(model));
        }
        // Every path once, in the order first placed, with its last place.
        assert.deepEqual(
          [...places.entries()].map(([m, d]) => [JSON.stringify(m), d]),
          [...byKey].map(([k, d]) => [k, d]),
        );
      }),
    );
  });

  it('tells a number from a numeric string, and the empty path has no place', () => {
    const places = new Places();
    places.set(['routes', 0], ['a']);
    places.set(['routes', '0'], ['b']);
    assert.deepEqual(places.longestPrefix(['routes', 0, 'x']), { length: 2, place: ['a'] });
    assert.deepEqual(places.longestPrefix(['routes', '0']), { length: 2, place: ['b'] });
    assert.equal(places.longestPrefix(['routes', 1]), undefined);
    assert.equal(places.longestPrefix([]), undefined);
  });
});
