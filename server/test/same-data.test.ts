import { strict as assert } from 'node:assert';
import { sameData } from '../src/model/same-data';

describe('sameData', () => {
  const equal: [string, unknown, unknown][] = [
    ['numbers', 1, 1],
    ['NaN', Number.NaN, Number.NaN],
    ['strings', 'a', 'a'],
    ['nested JSON, keys in another order', { a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] }],
    ['typed arrays', Int32Array.of(1, -1), Int32Array.of(1, -1)],
    ['Float64Array with NaN', Float64Array.of(0.5, Number.NaN), Float64Array.of(0.5, Number.NaN)],
    ['Maps', new Map([['a', [1]], ['b', [2]]]), new Map([['a', [1]], ['b', [2]]])],
    ['Sets', new Set(['a', 'b']), new Set(['a', 'b'])],
    ['objects without a prototype', Object.assign(Object.create(null) as object, { a: 1 }), Object.assign(Object.create(null) as object, { a: 1 })],
  ];
  const different: [string, unknown, unknown][] = [
    ['numbers', 1, 2],
    ['a number and its string', 1, '1'],
    ['null and an object', null, {}],
    ['a missing key', { a: 1 }, { b: 1 }],
    ['an undefined key and none', { a: undefined }, {}],
    ['arrays of other lengths', [1], [1, 1]],
    ['an array and an object', [1], { 0: 1 }],
    ['typed arrays of other types', Int32Array.of(1), Uint8Array.of(1)],
    ['typed arrays of other contents', Int32Array.of(1, 2), Int32Array.of(1, 3)],
    ['Maps in another order', new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]])],
    ['Maps of other values', new Map([['a', 1]]), new Map([['a', 2]])],
    ['Sets of other sizes', new Set([1]), new Set([1, 2])],
    ['a Map and an object', new Map(), {}],
    ['two functions', () => 1, () => 1],
    ['two class instances', new Date(0), new Date(0)],
  ];
  for (const [name, a, b] of equal) it(`equal: ${name}`, () => assert.equal(sameData(a, b), true));
  for (const [name, a, b] of different) it(`different: ${name}`, () => assert.equal(sameData(a, b) || sameData(b, a), false));
});
