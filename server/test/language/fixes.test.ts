import assert from 'node:assert/strict';
import type { Change } from '../../src/model/findings';
import { fixToEdits } from '../../src/language/fixes';
import { parseText } from '../../src/model/parse';
import { yaml } from '../../../test/support/cursor';
import { applyChanges, applyEdits, untouchedLineMissing } from '../../../test/support/apply-edits';

/** The text after `changes`; fails when they produce no edits. */
function fixed(text: string, ...changes: Change[]): string {
  const out = applyChanges(text, changes);
  assert.ok(out !== undefined, `no edits for ${JSON.stringify(changes)}`);
  return out;
}

const HOSTS = yaml(
  'version: 1 # format',
  '# the machines',
  'hosts:',
  '  web-1: { zone: a, firewall: true } # first',
  '  web-2:',
  '    zone: b # second',
  '    firewall: true',
  '  # about the components',
  'components:',
  '  web:',
  '    runsOn: [web-1]',
  '    dependsOn:',
  '      - app # needs app',
  '      - db',
  '  app: {}',
);

describe('fixToEdits', () => {
  describe('set', () => {
    it('adds a key inside the braces of a flow mapping, keeping the comment after it', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['hosts', 'web-1'], key: 'monitoring', value: 'datadog' });
      assert.match(out, /^ {2}web-1: \{ zone: a, firewall: true, monitoring: datadog \} # first$/m);
    });

    it('fills an empty flow mapping', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['components', 'app'], key: 'replicas', value: 2 });
      assert.match(out, /^ {2}app: \{ replicas: 2 \}$/m);
    });

    it('adds a line after the last pair of a block mapping, at its indentation', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['hosts', 'web-2'], key: 'monitoring', value: 'datadog' });
      assert.equal(out, HOSTS.replace('    firewall: true\n', '    firewall: true\n    monitoring: datadog\n'));
    });

    it('adds after a nested block, before the comment that belongs to the next element', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['components', 'web'], key: 'tls', value: true });
      assert.equal(out, HOSTS.replace('      - db\n', '      - db\n    tls: true\n'));
    });

    it('adds after a block scalar, not after the line that follows it', () => {
      const text = yaml('components:', '  web:', '    type: web-server', '    description: |', '      serves pages', '', 'hosts: {}');
      assert.equal(fixed(text, { op: 'set', path: ['components', 'web'], key: 'tls', value: true }), text.replace('      serves pages\n', '      serves pages\n    tls: true\n'));
    });

    it('replaces the value of a key that exists, keeping its comment', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['hosts', 'web-2'], key: 'zone', value: 'c' });
      assert.equal(out, HOSTS.replace('    zone: b # second', '    zone: c # second'));
    });

    it('adds a new host under hosts:, as one line in flow style when it fits', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['hosts'], key: 'web-3', value: { zone: 'c', firewall: { allow: [80, 443] }, monitoring: 'datadog' } });
      assert.equal(out, HOSTS.replace('    firewall: true\n', '    firewall: true\n  web-3: { zone: c, firewall: { allow: [80, 443] }, monitoring: datadog }\n'));
    });

    it('writes a value too long for one line as a block, each child by the same rule', () => {
      const lb = { type: 'load-balancer', software: 'haproxy', replicas: 2, healthCheck: '/health', tls: true, dependsOn: ['web'] };
      const out = fixed(HOSTS, { op: 'set', path: ['components'], key: 'lb', value: lb });
      assert.equal(
        out,
        HOSTS +
          yaml('  lb:', '    type: load-balancer', '    software: haproxy', '    replicas: 2', '    healthCheck: /health', '    tls: true', '    dependsOn: [web]'),
      );
      assert.deepEqual(parseText(out).data, { ...(parseText(HOSTS).data as object), components: { ...(parseText(HOSTS).data as { components: object }).components, lb } });
    });

    it('creates the mappings a path lacks', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['components', 'db', 'backup'], key: 'offsite', value: true });
      assert.equal(out, HOSTS + '  db: { backup: { offsite: true } }\n');
      const zones = fixed(HOSTS, { op: 'set', path: ['zones'], key: 'a', value: {} }, { op: 'set', path: ['zones'], key: 'b', value: { region: 'eu' } });
      assert.equal(zones, HOSTS + yaml('zones:', '  a: {}', '  b: { region: eu }'));
    });

    it('fills a key that has no value yet, keeping the comment on its line', () => {
      const text = yaml('version: 1', 'hosts: # none yet', 'components:', '  web: { runsOn: [] }');
      assert.equal(fixed(text, { op: 'set', path: ['hosts'], key: 'web-1', value: {} }), text.replace('hosts: # none yet\n', 'hosts: # none yet\n  web-1: {}\n'));
      assert.equal(fixed(text, { op: 'set', path: ['hosts', 'web-1'], key: 'zone', value: 'a' }), text.replace('hosts: # none yet\n', 'hosts: # none yet\n  web-1: { zone: a }\n'));
      assert.equal(fixed(text, { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-1' }), text.replace('[]', '[web-1]'));
    });

    it('quotes strings that need it (through yaml)', () => {
      const out = fixed(HOSTS, { op: 'set', path: ['hosts', 'web-2'], key: 'monitoring', value: 'a: b, #c' });
      assert.equal((parseText(out).data as { hosts: Record<string, { monitoring: string }> }).hosts['web-2'].monitoring, 'a: b, #c');
      const flow = fixed(HOSTS, { op: 'set', path: ['hosts', 'web-1'], key: 'monitoring', value: 'x,y' });
      assert.equal((parseText(flow).data as { hosts: Record<string, { monitoring: string }> }).hosts['web-1'].monitoring, 'x,y');
      assert.match(fixed(HOSTS, { op: 'set', path: ['hosts', 'web-1'], key: 'ip', value: 'true' }), /ip: "true" \}/);
    });

    it('puts an inner mapping\'s new pair before the outer mapping\'s when both end on one line', () => {
      const out = fixed(
        HOSTS,
        { op: 'set', path: ['components'], key: 'lb', value: { type: 'load-balancer' } },
        { op: 'set', path: ['components', 'app'], key: 'tls', value: true },
        { op: 'set', path: ['components', 'web'], key: 'replicas', value: 2 },
      );
      const data = parseText(out).data as { components: Record<string, Record<string, unknown>> };
      assert.equal(data.components.web.replicas, 2);
      assert.equal(data.components.app.tls, true);
      assert.deepEqual(data.components.lb, { type: 'load-balancer' });
    });
  });

  describe('append', () => {
    it('adds to a flow sequence inside its brackets', () => {
      assert.match(fixed(HOSTS, { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-2' }), /^ {4}runsOn: \[web-1, web-2\]$/m);
    });

    it('adds a line to a block sequence at the dash\'s indentation', () => {
      const out = fixed(HOSTS, { op: 'append', path: ['components', 'web', 'dependsOn'], value: 'cache' });
      assert.equal(out, HOSTS.replace('      - db\n', '      - db\n      - cache\n'));
    });

    it('adds a mapping item to a block sequence', () => {
      const text = yaml('dns:', '  - name: www # the site', '    type: A', '    target: lb', 'hosts: {}');
      const out = fixed(text, { op: 'append', path: ['dns'], value: { name: 'www', type: 'A', target: 'lb-2' } });
      assert.equal(out, text.replace('    target: lb\n', '    target: lb\n  - { name: www, type: A, target: lb-2 }\n'));
    });

    it('fills an empty flow sequence and creates a missing one', () => {
      const text = yaml('components:', '  web: { runsOn: [] }', '  app:', '    type: app-server');
      assert.match(fixed(text, { op: 'append', path: ['components', 'web', 'runsOn'], value: 'h-1' }), /web: \{ runsOn: \[h-1\] \}/);
      const created = fixed(text, { op: 'append', path: ['components', 'app', 'zones'], value: 'a' }, { op: 'append', path: ['components', 'app', 'zones'], value: 'b' });
      assert.equal(created, text + '    zones: [a, b]\n');
    });

    it('merges several new hosts and their runsOn entries of one fix', () => {
      const out = fixed(
        HOSTS,
        { op: 'set', path: ['hosts'], key: 'web-3', value: {} },
        { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-3' },
        { op: 'set', path: ['hosts'], key: 'web-4', value: {} },
        { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-4' },
      );
      assert.match(out, /^ {4}firewall: true\n {2}web-3: \{\}\n {2}web-4: \{\}\n {2}# about the components$/m);
      assert.match(out, /runsOn: \[web-1, web-3, web-4\]/);
    });
  });

  describe('replace-value and rename-key', () => {
    it('replaces a scalar in place, in block and flow style', () => {
      assert.equal(fixed(HOSTS, { op: 'replace-value', path: ['hosts', 'web-2', 'zone'], value: 'a' }), HOSTS.replace('zone: b # second', 'zone: a # second'));
      assert.equal(fixed(HOSTS, { op: 'replace-value', path: ['components', 'web', 'runsOn', 0], value: 'web-2' }), HOSTS.replace('[web-1]', '[web-2]'));
      assert.equal(fixed(HOSTS, { op: 'replace-value', path: ['components', 'web', 'dependsOn', 0], value: 'api' }), HOSTS.replace('- app # needs app', '- api # needs app'));
      assert.equal(fixed(HOSTS, { op: 'replace-value', path: ['hosts', 'web-1', 'zone'], value: '@' }), HOSTS.replace('{ zone: a,', '{ zone: "@",'));
    });

    it('keeps the quotes of the scalar it replaces, and quotes a plain value that YAML 1.1 would read as another type', () => {
      const text = yaml('a: "x"', "b: 'x'", 'c: x', 'd: [\'x\', "y"]');
      const replace = (path: (string | number)[], value: string) => fixed(text, { op: 'replace-value', path, value });
      assert.equal(replace(['a'], 'say "hi"'), text.replace('a: "x"', 'a: "say \\"hi\\""'));
      assert.equal(replace(['b'], "it's"), text.replace("b: 'x'", "b: 'it''s'"));
      assert.equal(replace(['c'], 'z'), text.replace('c: x', 'c: z'));
      assert.equal(replace(['c'], 'y'), text.replace('c: x', 'c: "y"'), 'y is true in YAML 1.1');
      assert.equal(replace(['d', 0], 'z'), text.replace("['x'", "['z'"));
      assert.equal(replace(['c'], '22:22'), text.replace('c: x', 'c: "22:22"'), 'sexagesimal 1342 in YAML 1.1');
      assert.equal(replace(['c'], 'yes'), text.replace('c: x', 'c: "yes"'), 'true in YAML 1.1');
      assert.equal(replace(['c'], '3306:3306'), text.replace('c: x', 'c: 3306:3306'), 'a string in both versions');
    });

    it('renames a key, in block and flow style', () => {
      assert.equal(fixed(HOSTS, { op: 'rename-key', path: ['hosts', 'web-2', 'zone'], key: 'zones' }), HOSTS.replace('    zone: b', '    zones: b'));
      assert.equal(fixed(HOSTS, { op: 'rename-key', path: ['hosts', 'web-1', 'firewall'], key: 'public' }), HOSTS.replace('firewall: true }', 'public: true }'));
    });
  });

  describe('remove', () => {
    it('removes a block pair with its nested block and the comment on its line, not the comment above the next element', () => {
      const out = fixed(HOSTS, { op: 'remove', path: ['hosts', 'web-2'] });
      assert.equal(out, HOSTS.replace('  web-2:\n    zone: b # second\n    firewall: true\n', ''));
      const web = fixed(HOSTS, { op: 'remove', path: ['components', 'web'] });
      assert.equal(web, HOSTS.replace('  web:\n    runsOn: [web-1]\n    dependsOn:\n      - app # needs app\n      - db\n', ''));
    });

    it('removes pairs of a flow mapping: first, middle, last and only', () => {
      const text = yaml('a: { x: 1, y: 2, z: 3 }', 'b: { only: 1 } # keep');
      assert.match(fixed(text, { op: 'remove', path: ['a', 'x'] }), /^a: \{ y: 2, z: 3 \}$/m);
      assert.match(fixed(text, { op: 'remove', path: ['a', 'y'] }), /^a: \{ x: 1, z: 3 \}$/m);
      assert.match(fixed(text, { op: 'remove', path: ['a', 'z'] }), /^a: \{ x: 1, y: 2 \}$/m);
      assert.deepEqual(parseText(fixed(text, { op: 'remove', path: ['b', 'only'] })).data, { a: { x: 1, y: 2, z: 3 }, b: {} });
      assert.match(fixed(text, { op: 'remove', path: ['b', 'only'] }), /# keep\n$/);
    });

    it('removes items of flow and block sequences', () => {
      const text = yaml('a: [x, y, z]', 'b:', '  - p # first', '  # about q', '  - q', 'c: 1');
      assert.match(fixed(text, { op: 'remove', path: ['a', 1] }), /^a: \[x, z\]$/m);
      assert.equal(fixed(text, { op: 'remove', path: ['b', 0] }), text.replace('  - p # first\n', ''));
      assert.equal(fixed(text, { op: 'remove', path: ['b', 1] }), text.replace('  - q\n', ''));
    });

    it('leaves an empty collection, not a null, when the last block item goes', () => {
      const text = yaml('suppress:', '  - rule: spof', '    target: web', '    reason: ok', 'hosts:', '  web-1: {}');
      assert.equal(fixed(text, { op: 'remove', path: ['suppress', 0] }), yaml('suppress: []', 'hosts:', '  web-1: {}'));
      assert.equal(fixed(text, { op: 'remove', path: ['hosts', 'web-1'] }), yaml('suppress:', '  - rule: spof', '    target: web', '    reason: ok', 'hosts: {}'));
    });

    it('removes the first pair of a sequence item, keeping the dash', () => {
      const text = yaml('suppress:', '  - rule: spof', '    target: web');
      assert.equal(fixed(text, { op: 'remove', path: ['suppress', 0, 'rule'] }), yaml('suppress:', '  - target: web'));
    });
  });

  describe('comment-above', () => {
    it('inserts a comment line above the key, at its indentation', () => {
      const out = fixed(HOSTS, { op: 'comment-above', path: ['hosts', 'web-2'], text: 'infra-review-ignore spof: tested' });
      assert.equal(out, HOSTS.replace('  web-2:\n', '  # infra-review-ignore spof: tested\n  web-2:\n'));
    });

    it('above a sequence item goes above its dash; above a flow item, above its line', () => {
      assert.equal(fixed(HOSTS, { op: 'comment-above', path: ['components', 'web', 'dependsOn', 1], text: 'x' }), HOSTS.replace('      - db\n', '      # x\n      - db\n'));
      assert.equal(fixed(HOSTS, { op: 'comment-above', path: ['components', 'web', 'runsOn', 0], text: 'y' }), HOSTS.replace('    runsOn:', '    # y\n    runsOn:'));
    });
  });

  describe('line ends, overlap and paths that are not there', () => {
    it('keeps CRLF line ends', () => {
      const crlf = HOSTS.replace(/\n/g, '\r\n');
      const out = fixed(
        crlf,
        { op: 'set', path: ['hosts', 'web-2'], key: 'monitoring', value: 'datadog' },
        { op: 'set', path: ['components'], key: 'lb', value: { type: 'load-balancer', software: 'haproxy', replicas: 2, healthCheck: '/health', tls: true } },
        { op: 'append', path: ['components', 'web', 'dependsOn'], value: 'cache' },
        { op: 'remove', path: ['components', 'web', 'runsOn'] },
        { op: 'comment-above', path: ['hosts', 'web-1'], text: 'note' },
      );
      assert.doesNotMatch(out, /[^\r]\n/);
      const lf = fixed(
        HOSTS,
        { op: 'set', path: ['hosts', 'web-2'], key: 'monitoring', value: 'datadog' },
        { op: 'set', path: ['components'], key: 'lb', value: { type: 'load-balancer', software: 'haproxy', replicas: 2, healthCheck: '/health', tls: true } },
        { op: 'append', path: ['components', 'web', 'dependsOn'], value: 'cache' },
        { op: 'remove', path: ['components', 'web', 'runsOn'] },
        { op: 'comment-above', path: ['hosts', 'web-1'], text: 'note' },
      );
      assert.equal(out, lf.replace(/\n/g, '\r\n'));
    });

    it('keeps every untouched line byte for byte', () => {
      const changes: Change[] = [
        { op: 'set', path: ['hosts', 'web-1'], key: 'monitoring', value: 'datadog' },
        { op: 'set', path: ['hosts'], key: 'web-3', value: { zone: 'c' } },
        { op: 'remove', path: ['components', 'web', 'dependsOn', 1] },
      ];
      const edits = fixToEdits(parseText(HOSTS), { title: 't', changes });
      assert.equal(untouchedLineMissing(HOSTS, applyEdits(HOSTS, edits), edits), undefined);
      assert.ok(edits.every((e) => e.range.start.line === e.range.end.line || e.newText === ''), 'only removals span lines');
    });

    it('gives no edits for a path that is not in the text, or for overlapping changes', () => {
      const parsed = parseText(HOSTS);
      assert.deepEqual(fixToEdits(parsed, { title: 't', changes: [{ op: 'replace-value', path: ['hosts', 'nope', 'zone'], value: 'a' }] }), []);
      assert.deepEqual(fixToEdits(parsed, { title: 't', changes: [{ op: 'append', path: ['hosts', 'web-2', 'zone'], value: 'a' }] }), []);
      const overlapping: Change[] = [
        { op: 'remove', path: ['hosts', 'web-2'] },
        { op: 'replace-value', path: ['hosts', 'web-2', 'zone'], value: 'c' },
      ];
      assert.deepEqual(fixToEdits(parsed, { title: 't', changes: overlapping }), []);
    });
  });
});
