import assert from 'node:assert/strict';
import { analyze } from '../../src/analysis/engine';
import { definitions, documentSymbols, prepareRename, references, rename } from '../../src/language/navigation';
import { completions } from '../../src/language/completion';
import { hover } from '../../src/language/hover';
import type { EditInfo } from '../../src/language/navigation';
import type { Range } from '../../src/model/types';
import { at, find, yaml } from '../../../test/support/cursor';
import { DESIGN, mark } from '../../../test/support/feature-design';

/** The text each range covers, for readable assertions. */
function textsOf(text: string, ranges: Range[]): string[] {
  const lines = text.split('\n');
  return ranges.map((r) => `${r.start.line}:${lines[r.start.line].slice(r.start.character, r.end.character)}`);
}

function applyEdits(text: string, edits: EditInfo[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const WITH_SUPPRESS = yaml(
  'version: 1',
  'name: x',
  'domain: x.com',
  'dns:',
  '  - { name: www, type: A, target: web }',
  '  - { name: api, type: CNAME, target: web }',
  'hosts:',
  '  h1: {}',
  'components:',
  '  web:',
  '    runsOn: [h1]',
  '    dependsOn:',
  '      - app',
  '  app:',
  '    runsOn: [h1]',
  '  worker: { runsOn: [h1], dependsOn: [{ component: app, optional: true }] }',
  'suppress:',
  '  - { rule: deploy-downtime, target: app, reason: batch }',
);

describe('navigation', () => {
  describe('definition', () => {
    it('goes from a runsOn reference to the host key', () => {
      const { result, position } = at(mark(DESIGN, 'runsOn: [db-1', 10));
      const [range] = definitions(result, position);
      assert.deepEqual(range, { start: find(DESIGN, 'db-1:'), end: { ...find(DESIGN, 'db-1:'), character: find(DESIGN, 'db-1:').character + 4 } });
    });

    it('goes from dependsOn (both forms), zone, zones and a DNS target to the key', () => {
      const cases: [string, number, string][] = [
        ['dependsOn: [web]', 12, '  web:\n'],
        ['{ component: cache', 13, '  cache:\n'],
        ['zone: us-east-1b', 7, '  us-east-1b:'],
        ['zones: [us-east-1a, us-east-1b]', 21, '  us-east-1b:'],
        ['target: lb', 9, '  lb:\n'],
      ];
      for (const [needle, delta, key] of cases) {
        const { result, position } = at(mark(DESIGN, needle, delta));
        const [range] = definitions(result, position);
        assert.equal(range?.start.line, find(DESIGN, key).line, needle);
        assert.equal(range?.start.character, 2, needle);
      }
    });

    it('finds nothing for an unknown id, a CNAME target or free text', () => {
      const unknown = yaml('version: 1', 'name: x', 'components:', '  web: { runsOn: [nowhere] }');
      assert.deepEqual(definitions(...args(mark(unknown, 'nowhere', 2))), []);
      assert.deepEqual(definitions(...args(mark(DESIGN, 'target: foobar.com', 10))), []);
      assert.deepEqual(definitions(...args(mark(DESIGN, 'software: nginx', 11))), []);
    });
  });

  describe('references', () => {
    it('finds every use of a component: dependsOn in both forms, DNS targets (not CNAME names), suppress targets', () => {
      const { result, position, text } = at(mark(WITH_SUPPRESS, '  app:\n', 3));
      assert.deepEqual(textsOf(text, references(result, position, false)), ['12:app', '15:app', '17:app']);
      assert.deepEqual(textsOf(text, references(result, position, true)), ['12:app', '13:app', '15:app', '17:app']);
      const web = at(mark(WITH_SUPPRESS, 'target: web }', 9));
      assert.deepEqual(textsOf(web.text, references(web.result, web.position, true)), ['4:web', '9:web']);
    });

    it('finds every use of a host and of a zone from any of their occurrences', () => {
      const host = at(mark(DESIGN, 'runsOn: [web-1, web-2]\n    capacity', 17));
      assert.deepEqual(textsOf(host.text, references(host.result, host.position, true)).map((s) => s.split(':')[1]), ['web-2', 'web-2', 'web-2']);
      const zone = at(mark(DESIGN, '  us-east-1b: {', 3));
      const uses = references(zone.result, zone.position, false);
      assert.equal(uses.length, 4, 'lb-2, web-2, db-2 and cache zones');
    });
  });

  describe('rename', () => {
    it('renames a component key and every reference, keeping quotes and flow style', () => {
      const text = WITH_SUPPRESS.replace('      - app', '      - "app"');
      const { result, position } = at(mark(text, '  app:\n', 3));
      const renamed = rename(result, position, 'backend');
      assert.ok(renamed && 'edits' in renamed);
      const after = applyEdits(text, renamed.edits);
      assert.equal(after, text.replace(/\bapp\b/g, 'backend'));
      assert.ok(after.includes('- "backend"'));
      // Renaming changed the names, not the meaning.
      assert.deepEqual(analyze(after).findings.map((f) => f.rule), analyze(text).findings.map((f) => f.rule));
    });

    it('renames a host from a reference', () => {
      const { result, position, text } = at(mark(DESIGN, 'runsOn: [db-1', 10));
      const renamed = rename(result, position, 'db-primary');
      assert.ok(renamed && 'edits' in renamed);
      assert.equal(renamed.edits.length, 2);
      const after = applyEdits(text, renamed.edits);
      assert.ok(after.includes('  db-primary:   { zone') && after.includes('runsOn: [db-primary, db-2]'));
    });

    it('refuses a name the schema does not allow', () => {
      const { result, position } = at(mark(DESIGN, '  cache:\n', 3));
      const renamed = rename(result, position, 'my cache');
      assert.ok(renamed && 'error' in renamed);
      assert.match(renamed.error, /not a valid component id/);
    });

    it('refuses a name another element already has (hosts and components share names)', () => {
      const { result, position } = at(mark(DESIGN, '  cache:\n', 3));
      const taken = rename(result, position, 'db');
      assert.ok(taken && 'error' in taken);
      assert.match(taken.error, /already the id of a component/);
      const host = rename(result, position, 'web-1');
      assert.ok(host && 'error' in host);
      assert.match(host.error, /already the id of a host/);
    });

    it('prepares a rename on an id and on nothing else', () => {
      const { result, position } = at(mark(DESIGN, 'runsOn: [db-1', 11));
      const prepared = prepareRename(result, position);
      assert.deepEqual(prepared && 'placeholder' in prepared && prepared.placeholder, 'db-1');
      assert.equal(prepareRename(...args(mark(DESIGN, 'software: nginx', 11))), undefined);
      const unknown = yaml('version: 1', 'name: x', 'components:', '  web: { runsOn: [nowhere] }');
      const refused = prepareRename(...args(mark(unknown, 'nowhere', 1)));
      assert.ok(refused && 'error' in refused);
    });
  });

  describe('document symbols', () => {
    it('lists DNS records, zones, hosts and components under their sections, in file order', () => {
      const symbols = documentSymbols(analyze(DESIGN));
      assert.deepEqual(symbols.map((s) => s.name), ['dns', 'zones', 'hosts', 'components']);
      const components = symbols[3].children!;
      assert.deepEqual(components.map((c) => [c.name, c.kind, c.detail]), [
        ['lb', 'component', 'load-balancer · haproxy'],
        ['web', 'component', 'web-server · nginx'],
        ['app', 'component', 'app-server · gunicorn'],
        ['cache', 'component', 'cache · redis'],
        ['db', 'component', 'database · mysql'],
      ]);
      assert.deepEqual(symbols[0].children!.map((d) => [d.name, d.detail]), [['www', 'CNAME → foobar.com'], ['@', 'A → lb']]);
      assert.deepEqual(symbols[2].children!.map((h) => h.name), ['lb-1', 'lb-2', 'web-1', 'web-2', 'db-1', 'db-2']);
      assert.equal(symbols[2].children![0].detail, 'us-east-1a · 8.8.8.8');
      const db = components[4];
      assert.equal(db.selectionRange.start.line, find(DESIGN, '  db:\n').line);
      assert.ok(db.range.end.line > db.range.start.line + 5, 'the range covers the whole entry');
    });

    it('lists nothing for sections that are not there', () => {
      const symbols = documentSymbols(analyze(yaml('version: 1', 'name: x', 'hosts:', '  h: {}')));
      assert.deepEqual(symbols.map((s) => s.name), ['hosts']);
    });
  });
});

function args(marked: string): [ReturnType<typeof at>['result'], ReturnType<typeof at>['position']] {
  const { result, position } = at(marked);
  return [result, position];
}

describe('an anyOf dependency in the editor', () => {
  const BLUE_GREEN = yaml(
    'version: 1',
    'name: x',
    'components:',
    '  front: { type: web-server, replicas: 2, dependsOn: [{ anyOf: [blue, green] }] }',
    '  blue: { type: app-server }',
    '  green: { type: app-server }',
    '  other: { type: app-server }',
  );

  it('goes from each alternative to its key, and finds the alternative among the references', () => {
    for (const needle of ['[blue,', 'green]']) {
      const id = needle.replace(/[^a-z]/g, '');
      const { result, position } = at(mark(BLUE_GREEN, needle, needle.indexOf(id) + 1));
      const [range] = definitions(result, position);
      assert.deepEqual(range?.start, { line: find(BLUE_GREEN, `  ${id}:`).line, character: 2 }, id);
    }
    const { result, position } = at(mark(BLUE_GREEN, '  blue:', 3));
    assert.deepEqual(textsOf(BLUE_GREEN, references(result, position, false)), ['3:blue']);
  });

  it('completes the other component names in the list, not the ones listed nor the component itself', () => {
    const marked = BLUE_GREEN.replace('anyOf: [blue, green]', 'anyOf: [blue, |]');
    const { text, position, result } = at(marked);
    assert.deepEqual(completions(text, position, result).map((c) => c.label).sort(), ['green', 'other']);
  });

  it('hovers an alternative as the component, and the depending component lists the group', () => {
    const { result, position } = at(mark(BLUE_GREEN, 'green]', 2));
    const info = hover(result, position);
    assert.match(info?.markdown ?? '', /^\*\*green\*\* · component/);
    const front = hover(at(mark(BLUE_GREEN, '  front:', 3)).result, at(mark(BLUE_GREEN, '  front:', 3)).position);
    assert.match(front?.markdown ?? '', /\*\*Depends on:\*\* any of blue, green/);
  });
});
