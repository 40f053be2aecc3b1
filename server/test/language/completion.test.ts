import assert from 'node:assert/strict';
import { completions } from '../../src/language/completion';
import type { CompletionCandidate } from '../../src/language/completion';
import { at, yaml } from '../../../test/support/cursor';
import { DESIGN, edit, mark } from '../../../test/support/feature-design';

function complete(marked: string): CompletionCandidate[] {
  const { text, position, result } = at(marked);
  return completions(text, position, result);
}

const labels = (items: CompletionCandidate[]) => items.map((i) => i.label);
const sorted = (items: CompletionCandidate[]) => labels(items).sort();

const HOSTS = ['db-1', 'db-2', 'lb-1', 'lb-2', 'web-1', 'web-2'];

describe('completion', () => {
  describe('ids', () => {
    it('offers every host in an opened flow list `runsOn: [`', () => {
      const items = complete(edit(DESIGN, 'runsOn: [web-1, web-2]\n    capacity', 'runsOn: [|\n    capacity'));
      assert.deepEqual(sorted(items), HOSTS);
      assert.ok(items.every((i) => i.kind === 'host'));
    });

    it('leaves out the hosts already listed in the flow list, before and after the cursor', () => {
      const items = complete(edit(DESIGN, 'runsOn: [web-1, web-2]', 'runsOn: [web-1, |, web-2]'));
      assert.deepEqual(sorted(items), ['db-1', 'db-2', 'lb-1', 'lb-2']);
    });

    it('offers hosts on a new `  - ` line of a block list, without the listed ones', () => {
      const text = edit(DESIGN, 'runsOn: [db-1, db-2]', 'runsOn:\n      - db-1\n      - |');
      assert.deepEqual(sorted(complete(text)), ['db-2', 'lb-1', 'lb-2', 'web-1', 'web-2']);
    });

    it('offers hosts in a compact block list (dashes at the key\'s column) and in a CRLF file', () => {
      const compact = edit(DESIGN, 'runsOn: [db-1, db-2]', 'runsOn:\n    - db-1\n    - |');
      assert.deepEqual(sorted(complete(compact)), ['db-2', 'lb-1', 'lb-2', 'web-1', 'web-2']);
      const crlf = edit(DESIGN, 'runsOn: [web-1, web-2]', 'runsOn: [web-1, |]').replace(/\n/g, '\r\n');
      assert.deepEqual(sorted(complete(crlf)), ['db-1', 'db-2', 'lb-1', 'lb-2', 'web-2']);
    });

    it('wraps the id in a list after `runsOn: ` with nothing yet', () => {
      const items = complete(edit(DESIGN, 'runsOn: [web-1, web-2]\n    capacity', 'runsOn: |\n    capacity'));
      assert.equal(items.find((i) => i.label === 'web-1')?.insertText, '[web-1]');
    });

    it('replaces the half-typed id under the cursor', () => {
      const marked = edit(DESIGN, 'runsOn: [web-1, web-2]', 'runsOn: [web-1, we|]');
      const { position } = at(marked);
      const item = complete(marked).find((i) => i.label === 'web-2')!;
      assert.deepEqual(item.replace, { start: { line: position.line, character: position.character - 2 }, end: position });
    });

    it('offers in dependsOn neither the component itself nor one that would close a cycle', () => {
      // app ← web ← lb: app depending on web or lb would be a cycle.
      const items = complete(edit(DESIGN, '      - db\n      - { component: cache, optional: true }\n', '      - db\n      - |\n'));
      assert.deepEqual(sorted(items), ['cache']);
    });

    it('offers the other components in a flow dependsOn of a new component', () => {
      const text = edit(DESIGN, 'load:\n', '  worker:\n    type: service\n    dependsOn: [|]\nload:\n');
      assert.deepEqual(sorted(complete(text)), ['app', 'cache', 'db', 'lb', 'web']);
    });

    it('offers components in the `component:` of a dependency mapping', () => {
      const text = edit(DESIGN, '{ component: cache, optional: true }', '{ component: |, optional: true }');
      assert.deepEqual(sorted(complete(text)), ['cache', 'db']);
    });

    it('offers zones in a host zone, block and flow', () => {
      assert.deepEqual(sorted(complete(edit(DESIGN, 'zone: us-east-1a\n    ip', 'zone: |\n    ip'))), ['us-east-1a', 'us-east-1b']);
      assert.deepEqual(sorted(complete(edit(DESIGN, 'web-2:  { zone: us-east-1b,', 'web-2:  { zone: |,'))), ['us-east-1a', 'us-east-1b']);
    });

    it('offers zones in a component zones list, without the listed ones', () => {
      assert.deepEqual(sorted(complete(edit(DESIGN, 'zones: [us-east-1a, us-east-1b]', 'zones: [us-east-1a, |]'))), ['us-east-1b']);
    });

    it('offers components and hosts as an A record target, nothing for a CNAME', () => {
      const a = complete(edit(DESIGN, 'target: lb', 'target: |'));
      assert.deepEqual(sorted(a), ['app', 'cache', 'db', 'lb', 'web', ...HOSTS].sort());
      assert.deepEqual(complete(edit(DESIGN, 'target: foobar.com', 'target: |')), []);
    });

    it('offers rule ids and element ids in a suppress entry', () => {
      const rules = labels(complete(edit(DESIGN, 'rule: no-monitoring', 'rule: |')));
      assert.ok(rules.includes('spof') && rules.includes('no-monitoring'), rules.join());
      const targets = labels(complete(edit(DESIGN, 'target: cache', 'target: |')));
      assert.ok(targets.includes('cache') && targets.includes('web-1') && targets.includes('us-east-1a'));
    });

    it('quotes an id that YAML would read as a number', () => {
      const text = yaml('version: 1', 'name: n', 'hosts:', '  "1": {}', 'components:', '  web:', '    runsOn: [|]');
      assert.equal(complete(text).find((i) => i.label === '1')?.insertText, '"1"');
    });
  });

  describe('enum values', () => {
    it('offers the modes after `mode: ` with nothing after it, for a data store', () => {
      const items = complete(edit(DESIGN, 'mode: primary-replica', 'mode: |'));
      assert.deepEqual(labels(items), ['active-active', 'active-passive', 'primary-replica']);
      assert.match(items[2].documentation ?? '', /primary/);
    });

    it('does not offer primary-replica for a web server', () => {
      const text = edit(DESIGN, '    capacity: 2000', '    mode: |\n    capacity: 2000');
      assert.deepEqual(labels(complete(text)), ['active-active', 'active-passive']);
    });

    it('offers component types, DNS types, failover and booleans', () => {
      assert.ok(labels(complete(edit(DESIGN, 'type: cache', 'type: |'))).includes('load-balancer'));
      assert.deepEqual(labels(complete(edit(DESIGN, 'type: A', 'type: |'))), ['A', 'AAAA', 'CNAME', 'ALIAS']);
      assert.deepEqual(labels(complete(edit(DESIGN, 'failover: automatic\n    healthCheck', 'failover: |\n    healthCheck'))), ['automatic', 'manual']);
      assert.deepEqual(labels(complete(edit(DESIGN, 'tls: true', 'tls: |'))), ['true', 'false']);
    });

    it('offers nothing in a free-text value or a comment', () => {
      assert.deepEqual(complete(edit(DESIGN, 'software: nginx', 'software: |')), []);
      assert.deepEqual(complete(edit(DESIGN, 'tls: true', 'tls: true  # |')), []);
    });
  });

  describe('keys', () => {
    it('offers the missing keys of a component on an empty new line', () => {
      const items = complete(edit(DESIGN, '    capacity: 2000\n', '    capacity: 2000\n    |\n'));
      const keys = labels(items);
      for (const present of ['type', 'software', 'runsOn', 'capacity', 'dependsOn']) assert.ok(!keys.includes(present), present);
      for (const missing of ['mode', 'failover', 'healthCheck', 'tls', 'backup']) assert.ok(keys.includes(missing), missing);
      assert.ok(!keys.includes('replicas'), 'replicas is exclusive with runsOn');
      assert.equal(items.find((i) => i.label === 'mode')?.insertText, 'mode: ');
      assert.equal(items.find((i) => i.label === 'mode')?.retrigger, true);
    });

    it('completes a half-typed key and replaces only the word', () => {
      const marked = edit(DESIGN, '    capacity: 2000\n', '    capacity: 2000\n    he|\n');
      const item = complete(marked).find((i) => i.label === 'healthCheck')!;
      const { position } = at(marked);
      assert.deepEqual(item.replace, { start: { line: position.line, character: 4 }, end: position });
    });

    it('does not add a second colon when completing a key that has one', () => {
      const item = complete(edit(DESIGN, '    software: nginx', '    softw|are: nginx')).find((i) => i.label === 'mode');
      assert.equal(item?.insertText, 'mode');
    });

    it('offers the keys of a host in a flow mapping, without those present', () => {
      const keys = labels(complete(edit(DESIGN, 'web-2:  { zone: us-east-1b, firewall: true,', 'web-2:  { zone: us-east-1b, | firewall: true,')));
      assert.deepEqual(keys.sort(), ['availability', 'ip', 'public']);
    });

    it('offers the missing top-level keys at column 0', () => {
      const keys = labels(complete(edit(DESIGN, 'slo: 0.999\n', 'slo: 0.999\n|\n')));
      assert.deepEqual(keys.sort(), ['description']);
    });

    it('offers a snippet for a new component and for a new host', () => {
      const component = complete(edit(DESIGN, '  cache:\n', '  |\n  cache:\n'));
      const snippet = component.find((i) => i.kind === 'snippet' && /component/i.test(i.label));
      assert.ok(snippet, labels(component).join());
      assert.match(snippet.insertText, /^\$\{1:[a-z]+\}:\n  type: /);
      assert.ok(component.every((i) => i.kind === 'snippet'), 'no property keys under components');
      const host = complete(edit(DESIGN, '  db-2:', '  |\n  db-2:'));
      assert.ok(host.some((i) => i.kind === 'snippet' && /host/i.test(i.label)));
    });

    it('offers the keys of a DNS record on a new `  - ` item', () => {
      const items = complete(edit(DESIGN, 'zones:\n  us', '  - |\n\nzones:\n  us'));
      const keys = labels(items.filter((i) => i.kind === 'property'));
      assert.deepEqual(keys, ['name', 'type', 'target']);
    });

    it('offers the remaining keys of a DNS record being written', () => {
      const keys = labels(complete(edit(DESIGN, '    type: A\n    target: lb\n', '    type: A\n    |\n')));
      assert.deepEqual(keys, ['target']);
    });

    it('inserts a list snippet for a key whose value lists ids, and asks for the ids at once', () => {
      const text = edit(DESIGN, 'load:\n', '  worker:\n    type: service\n    |\nload:\n');
      const runsOn = complete(text).find((i) => i.label === 'runsOn')!;
      assert.deepEqual([runsOn.insertText, runsOn.snippet, runsOn.retrigger], ['runsOn: [$1]', true, true]);
      // `backup: true` is allowed: the key goes in bare and true/false are offered next.
      const backup = complete(text).find((i) => i.label === 'backup')!;
      assert.deepEqual([backup.insertText, backup.retrigger], ['backup: ', true]);
    });

    it('offers the DNS record snippet on a new `  - ` item, without the dash', () => {
      const items = complete(edit(DESIGN, 'zones:\n  us', '  - |\n\nzones:\n  us'));
      const snippet = items.find((i) => i.kind === 'snippet');
      assert.ok(snippet, labels(items).join());
      assert.match(snippet.insertText, /^name: \$\{1:www\}\ntype: /);
    });

    it('works on a file that does not parse', () => {
      const items = complete(yaml('version: 1', 'name: x', 'hosts:', '  h1: {}', 'components:', '  web:', '    runsOn: [h1', '    mode: |', '  bad: [unclosed'));
      assert.deepEqual(labels(items), ['active-active', 'active-passive', 'primary-replica']);
    });
  });
});

describe('completion cursor marker', () => {
  it('marks the position where the cursor stands', () => {
    const { position, text } = at(mark('a: b\nc: d\n', 'd'));
    assert.deepEqual(position, { line: 1, character: 3 });
    assert.equal(text, 'a: b\nc: d\n');
  });
});
