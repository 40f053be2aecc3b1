// Matching findings across versions by rule and target (diff, baselines, SARIF fingerprints).

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { identityKey, matchFindings, occurrenceKeys } from '../src/analysis/finding-identity';
import type { Identified } from '../src/analysis/finding-identity';
import type { TargetKind } from '../src/model/findings';

function f(rule: string, id: string, message = `${rule} on ${id}`, kind: TargetKind = 'host'): Identified {
  return { rule, target: { kind, id }, message };
}

describe('finding identity', () => {
  it('the key is rule and target: the message and the kind of target count, nothing else', () => {
    assert.equal(identityKey(f('spof', 'a', 'one')), identityKey(f('spof', 'a', 'two')));
    assert.notEqual(identityKey(f('spof', 'a')), identityKey(f('spof', 'a', undefined, 'component')));
    assert.notEqual(identityKey(f('spof', 'a')), identityKey(f('no-tls', 'a')));
    // No separator trick: rule "a" + id "b-c" is not rule "a-b" + id "c".
    assert.notEqual(identityKey(f('a', 'b\u0000c')), identityKey(f('a\u0000b', 'c')));
  });

  it('a finding whose message changed is the same finding', () => {
    const m = matchFindings([f('capacity-exceeded', 'web', 'needs 3')], [f('capacity-exceeded', 'web', 'needs 4')]);
    assert.deepEqual([m.added.length, m.removed.length, m.kept.length], [0, 0, 1]);
  });

  it('counts as multisets, and the one added is the one whose message is new', () => {
    const before = [f('unknown-reference', 'web', 'runsOn names x'), f('unknown-reference', 'web', 'runsOn names y')];
    const after = [f('unknown-reference', 'web', 'runsOn names z'), ...before];
    const m = matchFindings(before, after);
    assert.deepEqual(m.added.map((x) => x.message), ['runsOn names z']);
    assert.deepEqual(m.removed, []);
    const back = matchFindings(after, before);
    assert.deepEqual(back.removed.map((x) => x.message), ['runsOn names z']);
  });

  it('occurrence keys number the findings that share a key, in order', () => {
    const keys = occurrenceKeys([f('spof', 'a'), f('spof', 'b'), f('spof', 'a', 'other')]);
    assert.equal(keys[0], `${identityKey(f('spof', 'a'))}#0`);
    assert.equal(keys[1], `${identityKey(f('spof', 'b'))}#0`);
    assert.equal(keys[2], `${identityKey(f('spof', 'a'))}#1`);
  });

  it('property: per key, added = max(0, after − before), removed = max(0, before − after), and every finding is accounted for once', () => {
    const finding = fc.record({
      rule: fc.constantFrom('spof', 'no-tls', 'unused'),
      id: fc.constantFrom('a', 'b', 'c'),
      message: fc.constantFrom('m1', 'm2'),
    }).map((r) => f(r.rule, r.id, r.message));
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), fc.array(finding, { maxLength: 30 }), (before, after) => {
        const m = matchFindings(before, after);
        const count = (list: readonly Identified[], key: string): number => list.filter((x) => identityKey(x) === key).length;
        for (const key of new Set([...before, ...after].map(identityKey))) {
          assert.equal(count(m.added, key), Math.max(0, count(after, key) - count(before, key)));
          assert.equal(count(m.removed, key), Math.max(0, count(before, key) - count(after, key)));
        }
        assert.equal(m.added.length + m.kept.length, after.length);
        assert.equal(m.removed.length + m.kept.length, before.length);
        assert.equal(new Set(m.kept.map((k) => k.before)).size, m.kept.length, 'no finding paired twice');
        for (const k of m.kept) assert.equal(identityKey(k.before), identityKey(k.after));
      }),
    );
  });

  it('property: a shuffled list matches itself completely', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('spof', 'unused'), fc.string({ maxLength: 3 })), { maxLength: 20 }), fc.infiniteStream(fc.nat()), (pairs, seeds) => {
        const list = pairs.map(([rule, id]) => f(rule, id));
        const shuffled = [...list].sort(() => (seeds.next().value % 3) - 1);
        const m = matchFindings(list, shuffled);
        assert.deepEqual([m.added.length, m.removed.length], [0, 0]);
      }),
    );
  });
});
