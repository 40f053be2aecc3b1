import assert from 'node:assert/strict';
import { analyze } from '../../src/analysis/engine';
import type { Finding, FixIntent } from '../../src/model/findings';
import { codeActions, findingOf, IGNORE_REASON_PLACEHOLDER, QUICK_FIX_KIND } from '../../src/language/code-actions';
import type { CodeActionInfo } from '../../src/language/code-actions';
import { toDiagnostic } from '../../src/lsp/convert';
import { yaml } from '../../../test/support/cursor';
import { applyEdits } from '../../../test/support/apply-edits';

const URI = 'file:///work/infra.yaml';

const DESIGN = yaml(
  'version: 1',
  'name: shop',
  'hosts:',
  '  web-1: { firewall: true } # the only one',
  'components:',
  '  web:',
  '    type: web-server',
  '    runsOn: [web-1]',
  '    tls: true',
);

type Diagnostic = ReturnType<typeof toDiagnostic>;

function actionsFor(text: string, pick: (f: Finding) => boolean, only?: string[]) {
  const result = analyze(text);
  const findings = result.findings.filter(pick);
  assert.ok(findings.length > 0, `no such finding among ${result.findings.map((f) => f.rule).join(', ')}`);
  const diagnostics = findings.map((f) => toDiagnostic(f, URI));
  const actions = codeActions(result, { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics, only } });
  return { result, diagnostics, actions };
}

function applied(text: string, action: CodeActionInfo<Diagnostic>): string {
  assert.deepEqual(Object.keys(action.edit.changes), [URI]);
  return applyEdits(text, action.edit.changes[URI]);
}

describe('codeActions', () => {
  it('a fix that adds redundancy says what it buys, computed from the text after its edits', () => {
    const { actions } = actionsFor(DESIGN, (f) => f.rule === 'spof' && f.target.kind === 'host');
    const fix = actions.find((a) => a.title.startsWith('Add host web-2 running web'));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    // One host and one instance: 0.999 × 0.9995. Two of each, active-active: (1 − (1 − 0.999 × 0.9995)²).
    const after = 1 - (1 - 0.999 * 0.9995) ** 2;
    assert.match(fix.title, /\(99\.85 % → (\S+) %\)$/);
    assert.equal(/→ (\S+) %/.exec(fix.title)?.[1], (after * 100).toFixed(4));
    const ignore = actions.find((a) => a.title.startsWith('Ignore'));
    assert.ok(ignore && !ignore.title.includes('→'), 'an ignore comment buys nothing and says nothing');
  });

  it('the fix intent, not the rule, says whether the title carries the availability gain', () => {
    const { result, diagnostics } = actionsFor(DESIGN, (f) => f.rule === 'spof' && f.target.kind === 'host');
    const spof = findingOf(result, 'spof', diagnostics[0])!;
    assert.ok(spof.fixes?.length && spof.fixes.every((fix) => fix.addsRedundancy), 'the spof rule marks its fixes');
    const withFixes = (fixes: FixIntent[]) => ({ ...result, findings: result.findings.map((f) => (f === spof ? { ...f, fixes } : f)) });
    const titles = (r: typeof result) =>
      codeActions(r, { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } })
        .filter((a) => !a.title.startsWith('Ignore'))
        .map((a) => a.title);
    const unmarked = titles(withFixes(spof.fixes.map(({ addsRedundancy: _, ...fix }) => fix)));
    const marked = titles(result);
    assert.ok(unmarked.length > 0 && unmarked.every((t) => !t.includes('→')), unmarked.join(' | '));
    assert.ok(marked.length > 0 && marked.every((t) => /\(99\.85 % → \S+ %\)$/.test(t)), marked.join(' | '));
  });

  it('a diagnostic carries its rule only: the fixes are those of its finding in the analysis', () => {
    const { result, diagnostics, actions } = actionsFor(DESIGN, (f) => f.rule === 'no-monitoring');
    assert.deepEqual(diagnostics[0].data, { rule: 'no-monitoring' });
    const finding = findingOf(result, 'no-monitoring', diagnostics[0])!;
    assert.deepEqual(
      actions.filter((a) => !a.title.startsWith('Ignore')).map((a) => a.title),
      finding.fixes?.map((f) => f.title),
    );
  });

  it('finds the finding of a diagnostic published for the version before, and none once it is gone', () => {
    const { diagnostics } = actionsFor(DESIGN, (f) => f.rule === 'no-monitoring');
    // Two lines above the element: the client's copy is two lines off.
    const moved = analyze(`# a\n# b\n${DESIGN}`);
    const found = findingOf(moved, 'no-monitoring', diagnostics[0]);
    assert.equal(found?.range.start.line, diagnostics[0].range.start.line + 2);
    const titles = codeActions(moved, { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } }).map((a) => a.title);
    assert.ok(titles.some((t) => !t.startsWith('Ignore')), titles.join(' | '));
    const monitored = analyze(DESIGN.replace('{ firewall: true }', '{ firewall: true, monitoring: prometheus }'));
    assert.equal(findingOf(monitored, 'no-monitoring', diagnostics[0]), undefined);
    const left = codeActions(monitored, { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } });
    assert.ok(left.every((a) => a.title.startsWith('Ignore')), left.map((a) => a.title).join(' | '));
  });

  it('a fix that only sets a value gains no availability title', () => {
    const { actions } = actionsFor(DESIGN, (f) => f.rule === 'no-monitoring');
    assert.ok(actions.length > 0 && actions.every((a) => !a.title.includes('→')), actions.map((a) => a.title).join(' | '));
  });

  it('offers each fix of a diagnostic as a quick fix for it, preferred as the rule says', () => {
    const { diagnostics, actions } = actionsFor(DESIGN, (f) => f.rule === 'no-monitoring');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Set monitoring: prometheus on web-1', QUICK_FIX_KIND, true],
        ['Ignore no-monitoring here (with a reason)', QUICK_FIX_KIND, false],
      ],
    );
    for (const a of actions) assert.deepEqual(a.diagnostics, [diagnostics[0]]);
    const out = applied(DESIGN, actions[0]);
    assert.equal(out, DESIGN.replace('{ firewall: true }', '{ firewall: true, monitoring: prometheus }'));
    assert.ok(!analyze(out).findings.some((f) => f.rule === 'no-monitoring'));
  });

  it('"ignore here" adds the comment above the element, with a reason to fill in, and suppresses the finding', () => {
    const { actions } = actionsFor(DESIGN, (f) => f.rule === 'no-monitoring');
    const out = applied(DESIGN, actions[1]);
    assert.equal(out, DESIGN.replace('  web-1:', `  # infra-review-ignore no-monitoring: ${IGNORE_REASON_PLACEHOLDER}\n  web-1:`));
    const after = analyze(out);
    assert.ok(after.suppressed.some((f) => f.rule === 'no-monitoring'));
    assert.deepEqual(after.findings.filter((f) => f.rule.includes('suppression')), []);
  });

  it('puts the comment above the line of a finding that is on a list item', () => {
    const text = yaml('version: 1', 'name: shop', 'hosts:', '  web-1: { firewall: true, monitoring: x }', 'components:', '  web:', '    type: web-server', '    tls: true', '    runsOn:', '      - web-1', '      - web-01');
    const { actions } = actionsFor(text, (f) => f.rule === 'unknown-reference');
    const ignore = actions.find((a) => a.title.startsWith('Ignore'))!;
    const out = applied(text, ignore);
    assert.ok(out.includes(`      - web-1\n      # infra-review-ignore unknown-reference: ${IGNORE_REASON_PLACEHOLDER}\n      - web-01\n`), out);
    assert.ok(!analyze(out).findings.some((f) => f.rule === 'unknown-reference'));
  });

  it('answers for every diagnostic of the request, fixes first', () => {
    const { actions } = actionsFor(DESIGN, (f) => f.target.id === 'web-1' || f.rule === 'deploy-downtime');
    const titles = actions.map((a) => a.title);
    const firstIgnore = titles.findIndex((t) => t.startsWith('Ignore'));
    assert.ok(firstIgnore > 0 && titles.slice(firstIgnore).every((t) => t.startsWith('Ignore')), titles.join('\n'));
    assert.ok(titles.includes('Ignore deploy-downtime here (with a reason)'));
  });

  it('honours `only`', () => {
    assert.equal(actionsFor(DESIGN, (f) => f.rule === 'no-monitoring', ['source.organizeImports']).actions.length, 0);
    assert.equal(actionsFor(DESIGN, (f) => f.rule === 'no-monitoring', [QUICK_FIX_KIND]).actions.length, 2);
  });

  it('ignores diagnostics without infra-review data, and fixes that do not apply', () => {
    const result = analyze(DESIGN);
    const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 7 } };
    const ask = (r: typeof result, data: unknown, message?: string) => codeActions(r, { textDocument: { uri: URI }, range, context: { diagnostics: [{ range, data, message }] } });
    assert.deepEqual(ask(result, undefined), []);
    assert.deepEqual(ask(result, 'spof'), []);
    assert.deepEqual(ask(result, { fixes: [] }), []);
    const monitoring = result.findings.find((f) => f.rule === 'no-monitoring' && f.range.start.line === 3)!;
    const stale: FixIntent = { title: 'Stale', changes: [{ op: 'replace-value', path: ['hosts', 'gone', 'zone'], value: 'a' }] };
    const withStale = { ...result, findings: result.findings.map((f) => (f === monitoring ? { ...f, fixes: [stale] } : f)) };
    assert.deepEqual(ask(withStale, { rule: 'no-monitoring' }, monitoring.message).map((a) => a.title), ['Ignore no-monitoring here (with a reason)']);
  });

  it('offers no ignore comment for a syntax error', () => {
    const { actions } = actionsFor('version: 1\nname: [oops\n', (f) => f.rule === 'yaml-syntax');
    assert.deepEqual(actions, []);
  });
});
