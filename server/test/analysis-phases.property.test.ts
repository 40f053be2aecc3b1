// The editor's two steps (engine.ts: `deferAvailability`, then `completeAnalysis`) give the
// complete analysis: for random designs with an `slo`, suppressions of every kind (some of
// `below-slo`, some stale, some without a reason), rule settings and broken lines, the
// findings and the suppressed findings are those of one `analyze`, in the same order; and
// the first step's findings are those findings without the rules that need the availability.
// And an analysis given the one before an edit reuses that one's availability only when it
// cannot differ (its figures are always those computed afresh), and is then complete at once.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { availabilityOf, computeAvailability } from '../src/analysis/availability';
import type { Availability } from '../src/analysis/availability';
import { analyze, completeAnalysis } from '../src/analysis/engine';
import { CATALOGUE } from '../src/analysis/catalogue';
import type { SeveritySetting } from '../src/model/findings';
import { randomDesignData } from '../../test/support/random-design';

const RUNS = Number(process.env.PHASES_PROPERTY_RUNS ?? 200);
const NEEDS_AVAILABILITY = new Set(CATALOGUE.filter((m) => m.needsAvailability).map((m) => m.id));
const SUPPRESSIBLE = [...NEEDS_AVAILABILITY, 'spof', 'deploy-downtime', 'no-monitoring'];

const suppression = fc.record(
  { rule: fc.constantFrom(...SUPPRESSIBLE), target: fc.constantFrom('c0', 'h0', 'nothing'), reason: fc.constant('reviewed') },
  { requiredKeys: ['rule'] },
);
const setting = fc.option(fc.constantFrom<SeveritySetting>('off', 'error', 'warning', 'info'), { nil: undefined });

const designText = fc
  .record({
    data: randomDesignData(),
    slo: fc.option(fc.constantFrom(0.5, 0.99, 0.999, 0.99999, 1), { nil: undefined }),
    suppress: fc.array(suppression, { maxLength: 3 }),
    /** An ignore comment of a rule, above the line of that index (mod the line count). */
    comment: fc.option(fc.record({ rule: fc.constantFrom(...SUPPRESSIBLE), above: fc.nat(), reason: fc.boolean() }), { nil: undefined }),
    broken: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ data, slo, suppress, comment, broken }) => {
    const lines = stringify({ ...data, ...(slo === undefined ? {} : { slo }), ...(suppress.length ? { suppress } : {}) }).split('\n');
    if (broken !== undefined) lines[broken % lines.length] = lines[broken % lines.length].replace(/([a-z])([a-z]):/, '$2$1:');
    if (comment) {
      const at = comment.above % lines.length;
      const indent = /^\s*/.exec(lines[at])![0];
      lines.splice(at, 0, `${indent}# infra-review-ignore ${comment.rule}${comment.reason ? ': reviewed' : ''}`);
    }
    return lines.join('\n');
  });

const rules = fc.record({ 'below-slo': setting, 'unused-suppression': setting, spof: setting }).map((r) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, SeveritySetting>,
);

describe('analysis in two steps (the rules that need the availability after the rest)', () => {
  it('has rules that need the availability, and below-slo is one', () => {
    assert.ok(NEEDS_AVAILABILITY.has('below-slo'));
  });

  it(`first step + second step == the complete analysis, over ${RUNS} random designs`, () => {
    let withBelowSlo = 0;
    let unusedLater = 0;
    fc.assert(
      fc.property(designText, rules, (text, settings) => {
        const full = analyze(text, { rules: settings });
        const first = analyze(text, { rules: settings, deferAvailability: true });
        const complete = completeAnalysis(first);
        assert.deepEqual(complete.findings, full.findings);
        assert.deepEqual(complete.suppressed, full.suppressed);
        assert.equal(complete.pending, undefined);
        assert.equal(completeAnalysis(complete), complete, 'a complete result is complete');

        // The first step: the same findings, in the same order, less those that only the
        // second can decide (the deferred rules', and the unused suppressions of those rules).
        assert.ok(!first.findings.some((f) => NEEDS_AVAILABILITY.has(f.rule)));
        const later = new Set(full.findings.filter((f) => !first.findings.some((g) => JSON.stringify(g) === JSON.stringify(f))).map((f) => f.rule));
        for (const rule of later) assert.ok(NEEDS_AVAILABILITY.has(rule) || rule === 'unused-suppression', `${rule} appeared only in the second step`);
        const firstJson = first.findings.map((f) => JSON.stringify(f));
        const inFull = full.findings.map((f) => JSON.stringify(f)).filter((f) => firstJson.includes(f));
        assert.deepEqual(inFull, firstJson, 'the first findings are a subsequence of the complete ones');

        if (full.findings.some((f) => f.rule === 'below-slo')) withBelowSlo++;
        if (later.has('unused-suppression')) unusedLater++;
      }),
      { numRuns: RUNS },
    );
    // The generator reaches the interesting cases (a check that it could have failed for them).
    assert.ok(withBelowSlo > RUNS / 20, `${withBelowSlo} of ${RUNS} designs had below-slo`);
    assert.ok(unusedLater > 0, 'no design had a suppression of below-slo that only the second step found unused');
  });

  it(`an analysis given the one before an edit reuses its availability only when it cannot differ, and is then complete at once, over ${RUNS} random edits`, () => {
    let reused = 0;
    let recomputed = 0;
    fc.assert(
      fc.property(randomDesignData(), edit, fc.constantFrom(0.99, 0.99999), rules, ({ ...data }, change, slo, settings) => {
        const previous = analyze(stringify({ ...data, slo }), { rules: settings });
        availabilityOf(previous);
        const text = stringify(change.apply({ ...data, slo }));
        const first = analyze(text, { rules: settings, deferAvailability: true, previous });
        assert.ok(!('previous' in first.options), 'a result keeps no analysis before it');
        const full = analyze(text, { rules: settings });
        const complete = completeAnalysis(first);
        assert.deepEqual(complete.findings, full.findings);
        assert.deepEqual(complete.suppressed, full.suppressed);
        const shown = availabilityOf(complete);
        const fresh = complete.spofs === null ? null : computeAvailability(complete.design, complete.model);
        assert.deepEqual(figures(shown, complete), figures(fresh, complete));
        if (shown && shown === availabilityOf(previous)) {
          reused++;
          assert.ok(change.kind === 'cosmetic', `a ${change.kind} edit reused the availability before it`);
          assert.equal(first.pending, undefined, 'with the availability known, the first step is complete');
          assert.deepEqual(first.findings, full.findings);
        } else if (shown) recomputed++;
      }),
      { numRuns: RUNS },
    );
    assert.ok(reused > RUNS / 10, `only ${reused} of ${RUNS} edits reused the availability`);
    assert.ok(recomputed > RUNS / 10, `only ${recomputed} of ${RUNS} edits computed it again`);
  });
});

type Data = Record<string, unknown>;
const components = (data: Data) => Object.values((data.components ?? {}) as Record<string, Data>);

/** An edit to a design: one that cannot change its availability, or one that may. */
const edit = fc.oneof(
  fc.constant({ kind: 'cosmetic', apply: (d: Data): Data => ({ ...d, description: 'edited', components: Object.fromEntries(Object.entries((d.components ?? {}) as Record<string, Data>).map(([id, c]) => [id, { ...c, software: 'edited' }])) }) }),
  fc.nat().map((n) => ({
    kind: 'availability',
    apply: (d: Data): Data => {
      const list = components(d);
      return list.length ? { ...d, components: Object.fromEntries(Object.entries(d.components as Record<string, Data>).map(([id, c], i) => [id, i === n % list.length ? { ...c, availability: 0.98 } : c])) } : { ...d, slo: 0.5 };
    },
  })),
  fc.constant({ kind: 'slo', apply: (d: Data): Data => ({ ...d, slo: 0.9 }) }),
  randomDesignData().map((other) => ({ kind: 'another design', apply: (d: Data): Data => ({ ...other, slo: d.slo }) })),
);

/** What every face shows of an availability, and what it answers about each element. */
function figures(a: Availability | null, result: { design: { components: ReadonlyMap<string, unknown>; hosts: ReadonlyMap<string, unknown> } }) {
  if (!a) return null;
  const { figuresOf, given, ...shown } = a;
  const elements = [...result.design.hosts.keys()].map((id) => ({ kind: 'host' as const, id }));
  for (const component of result.design.components.keys()) elements.push(...[0, 1].map((index) => ({ kind: 'instance' as const, component, index })) as never[]);
  return { ...shown, each: elements.map((e) => figuresOf(e) ?? null), givenEach: elements.map((e) => given([e])) };
}
