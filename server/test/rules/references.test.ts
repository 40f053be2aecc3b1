import assert from 'node:assert/strict';
import { cyclicComponents } from '../../src/analysis/rules/graph';
import { check, findingAbout, findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: references', () => {
  describe('unknown-reference', () => {
    it('reports a runsOn host that does not exist, with the closest host as preferred fix', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        'components:',
        '  web:',
        '    type: web-server',
        '    runsOn: [web-01]',
        '#            ^^^^^^ unknown-reference',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'web runs on web-01, but no host web-01 is defined: this instance is left out of the analysis; did you mean web-1?');
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
      assert.deepEqual(f.fixes, [
        { title: 'Replace web-01 with web-1', preferred: true, changes: [{ op: 'replace-value', path: ['components', 'web', 'runsOn', 0], value: 'web-1' }] },
      ]);
    });

    it('reports each unknown name of an anyOf, at the name, with did-you-mean', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, dependsOn: [{ anyOf: [blue, gren, nope] }] }',
        '#                                                      ^^^^ unknown-reference',
        '#                                                            ^^^^ unknown-reference',
        '  blue: { type: app-server }',
        '  green: { type: app-server }',
      );
      const findings = expectMarked(text);
      assert.deepEqual(
        findings.map((f) => f.message),
        [
          'web depends on gren (one of the alternatives of an anyOf), but no component gren is defined; did you mean green?',
          'web depends on nope (one of the alternatives of an anyOf), but no component nope is defined',
        ],
      );
      assert.deepEqual(findings[0].fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'web', 'dependsOn', 0, 'anyOf', 1], value: 'green' }]);
    });

    it('says when runsOn names a component instead of a host', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  server-1: {}',
        'components:',
        '  web: { type: web-server, runsOn: [server-1, db], dependsOn: [db] }',
        '#                                             ^^ unknown-reference',
        '  db: { type: database, runsOn: [server-1] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'web runs on db, but db is a component, not a host: this instance is left out of the analysis');
      assert.equal(f.fixes, undefined);
    });

    it('reports a dependsOn item, pointing at the component name inside { component, optional }', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app:',
        '    type: app-server',
        '    dependsOn:',
        '      - { component: dbb, optional: true }',
        '#                    ^^^ unknown-reference',
        '      - cach',
        '#       ^^^^ unknown-reference',
        '  db: { type: database }',
        '  cache: { type: cache }',
      );
      const findings = expectMarked(text);
      assert.deepEqual(
        findings.map((f) => f.message),
        ['app depends on dbb, but no component dbb is defined; did you mean db?', 'app depends on cach, but no component cach is defined; did you mean cache?'],
      );
      assert.deepEqual(findings[0].fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'app', 'dependsOn', 0, 'component'], value: 'db' }]);
      assert.deepEqual(findings[1].fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'app', 'dependsOn', 1], value: 'cache' }]);
    });

    it('reports unknown zones of hosts and of replicas components', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'zones:',
        '  us-east-1a: {}',
        '  us-east-1b: {}',
        'hosts:',
        '  web-1: { zone: us-east-1c }',
        '#                ^^^^^^^^^^ unknown-reference',
        'components:',
        '  web: { type: web-server, runsOn: [web-1] }',
        '  cache: { type: cache, replicas: 2, zones: [us-east-1a, eu-west-9] }',
        '#                                                        ^^^^^^^^^ unknown-reference',
      );
      const findings = expectMarked(text);
      assert.equal(findings[0].message, 'Host web-1 is in zone us-east-1c, but no zone us-east-1c is defined under zones; did you mean us-east-1a?');
      assert.deepEqual(findings[0].target, { kind: 'host', id: 'web-1' });
      assert.equal(findings[1].message, 'cache is spread over zone eu-west-9, but no zone eu-west-9 is defined under zones');
    });

    it('reports DNS targets that name nothing, and CNAMEs to names without records', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: lbb }',
        '#                                 ^^^ unknown-reference',
        '  - { name: api, type: CNAME, target: backend }',
        '#                                     ^^^^^^^ unknown-reference',
        '  - { name: shop, type: CNAME, target: lb }',
        '#                                      ^^ unknown-reference',
        'components:',
        '  lb: { type: load-balancer, replicas: 2 }',
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => f.message), [
        'DNS record www points at lbb, which is neither a component, a host nor an IP address: users reach nothing through it; did you mean lb?',
        'DNS record api is a CNAME to backend.shop.example, which has no DNS records: the name does not resolve',
        'DNS record shop is a CNAME to lb.shop.example, which has no DNS records; to point at lb, use type A or ALIAS',
      ]);
      assert.deepEqual(findings[0].target, { kind: 'dns', id: 'www' });
      assert.deepEqual(findings[0].fixes?.[0].changes, [{ op: 'replace-value', path: ['dns', 0, 'target'], value: 'lb' }]);
    });

    it('reports a suppress target that names nothing', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, replicas: 2 }',
        'suppress:',
        '  - { rule: no-tls, target: wbe, reason: internal tool }',
        '#                           ^^^ unknown-reference',
      );
      const [f] = expectMarked(text, ['unknown-reference']);
      assert.equal(f.message, 'The suppression of no-tls names wbe, but no component, host, zone or DNS record has that id; did you mean web?');
    });

    const valid: [string, string][] = [
      [
        'every kind of reference resolving',
        yaml(
          'version: 1',
          'name: t',
          'domain: shop.example',
          'dns:',
          '  - { name: "@", type: A, target: 203.0.113.7 }',
          '  - { name: www, type: CNAME, target: "@" }',
          '  - { name: api, type: A, target: lb }',
          '  - { name: v6, type: AAAA, target: "2001:db8::1" }',
          '  - { name: cdn, type: CNAME, target: shop.cdn.example.net }',
          '  - { name: edge, type: ALIAS, target: lb-1 }',
          'zones:',
          '  z1: {}',
          'hosts:',
          '  lb-1: { zone: z1, ip: 203.0.113.7 }',
          'components:',
          '  lb: { type: load-balancer, runsOn: [lb-1], dependsOn: [{ component: cache, optional: true }] }',
          '  cache: { type: cache, replicas: 2, zones: [z1] }',
          'suppress:',
          '  - { rule: no-tls, target: www, reason: redirect only }',
          '  - { rule: spof, target: lb-1, reason: accepted }',
        ),
      ],
    ];
    for (const [name, text] of valid) {
      it(`does not report ${name}`, () => {
        assert.deepEqual(findingsOf(text, 'unknown-reference'), []);
      });
    }
  });

  describe('duplicate-id', () => {
    it('reports a host and a component with the same id at the component, with the host as related', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web: {}',
        'components:',
        '  web: { type: web-server, runsOn: [web] }',
        '# ^^^ duplicate-id',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'web is both a host and a component: a DNS target or a finding that names web is ambiguous');
      assert.deepEqual(f.related?.map((r) => [r.message, r.range.start.line, r.range.start.character]), [['Host web is defined here', 3, 2]]);
    });

    it('does not report distinct ids', () => {
      const text = yaml('version: 1', 'name: t', 'hosts:', '  web-1: {}', 'components:', '  web: { type: web-server, runsOn: [web-1] }');
      assert.deepEqual(findingsOf(text, 'duplicate-id'), []);
    });
  });

  describe('dependency-cycle', () => {
    it('names the cycle, starting from the first component in the file', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, dependsOn: [app] }',
        '#                                      ^^^ dependency-cycle',
        '  app: { type: app-server, dependsOn: [db] }',
        '  db: { type: database, dependsOn: [web] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Dependency cycle: web → app → db → web. Components that need each other cannot start or recover one after another');
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
      assert.deepEqual(f.related?.map((r) => r.message), ['app depends on db', 'db depends on web']);
      assert.equal(f.fixes, undefined);
    });

    it('reports a cycle through one alternative of an anyOf, at that alternative', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, dependsOn: [{ anyOf: [app, other] }] }',
        '#                                                ^^^ dependency-cycle',
        '  app: { type: app-server, dependsOn: [web] }',
        '  other: { type: app-server }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Dependency cycle: web → app → web. Components that need each other cannot start or recover one after another');
    });

    it('finds no cycle in alternatives that do not lead back', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, dependsOn: [{ anyOf: [app, other] }] }',
        '  app: { type: app-server }',
        '  other: { type: app-server }',
      );
      assert.deepEqual(findingsOf(text, 'dependency-cycle'), []);
    });

    it('reports a component that depends on itself, once per cycle', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app:',
        '    type: app-server',
        '    dependsOn: [{ component: app, optional: true }]',
        '#                            ^^^ dependency-cycle',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Dependency cycle: app → app. Components that need each other cannot start or recover one after another');
    });

    it('reports a CNAME loop', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: CNAME, target: shop }',
        '#                                     ^^^^ dependency-cycle',
        '  - { name: shop, type: CNAME, target: www.shop.example }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'CNAME loop: www.shop.example → shop.shop.example → www.shop.example: the name never resolves to an address');
      assert.deepEqual(f.target, { kind: 'dns', id: 'www' });
    });

    it('does not report a chain, a diamond or a chain of CNAMEs', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: CNAME, target: "@" }',
        '  - { name: "@", type: A, target: web }',
        'components:',
        '  web: { type: web-server, dependsOn: [a, b] }',
        '  a: { type: service, dependsOn: [db] }',
        '  b: { type: service, dependsOn: [db] }',
        '  db: { type: database }',
      );
      assert.deepEqual(findingsOf(text, 'dependency-cycle'), []);
    });

    it('handles a 30,000-deep chain and a 30,000-long cycle without exhausting the stack', () => {
      const n = 30_000;
      const nodes = Array.from({ length: n }, (_, i) => `c${i}`);
      const chain = (i: number) => (i + 1 < n ? [`c${i + 1}`] : []);
      assert.deepEqual(cyclicComponents(nodes, (id) => chain(Number(id.slice(1)))), []);
      const cycle = cyclicComponents(nodes, (id) => [`c${(Number(id.slice(1)) + 1) % n}`]);
      assert.equal(cycle.length, 1);
      assert.equal(cycle[0].length, n);
    });

    it('shortens the message and caps related locations for a very long cycle', () => {
      const n = 2_000;
      const lines = ['version: 1', 'name: t', 'components:'];
      for (let i = 0; i < n; i++) lines.push(`  c${i}: { type: service, dependsOn: [c${(i + 1) % n}] }`);
      const [f] = findingsOf(yaml(...lines), 'dependency-cycle');
      assert.equal(f.message, `Dependency cycle: c0 → c1 → c2 → c3 → c4 → … ${n + 1 - 10} more … → c1996 → c1997 → c1998 → c1999 → c0. Components that need each other cannot start or recover one after another`);
      assert.equal(f.related?.length, 50);
    });
  });

  describe('unused', () => {
    it('reports a host that runs nothing, a zone that holds nothing and an unreachable component', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: web }',
        'zones:',
        '  z1: {}',
        '  z2: {}',
        '# ^^ unused',
        'hosts:',
        '  web-1: { zone: z1 }',
        '  spare: { zone: z1 }',
        '# ^^^^^ unused',
        'components:',
        '  web: { type: web-server, runsOn: [web-1] }',
        '  legacy: { type: app-server, replicas: 2 }',
        '# ^^^^^^ unused',
        '  metrics: { type: monitoring, replicas: 2 }',
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => [f.message, f.target]), [
        ['Zone z2 holds no host and no replicas: it adds nothing to the design', { kind: 'zone', id: 'z2' }],
        ['Host spare runs no component: it serves nothing, yet it must be paid for, patched and secured', { kind: 'host', id: 'spare' }],
        ['Component legacy is reached from no entry: no DNS record or user-facing component leads to it through dependsOn', { kind: 'component', id: 'legacy' }],
      ]);
      assert.deepEqual(findings.map((f) => f.fixes), [
        [{ title: 'Remove zone z2', changes: [{ op: 'remove', path: ['zones', 'z2'] }] }],
        [{ title: 'Remove host spare', changes: [{ op: 'remove', path: ['hosts', 'spare'] }] }],
        [{ title: 'Remove component legacy', changes: [{ op: 'remove', path: ['components', 'legacy'] }] }],
      ]);
    });

    it('offers no removal of an unreachable component that others still depend on', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'dns:',
        '  - { name: www.shop.example, type: A, target: web }',
        'components:',
        '  web: { type: web-server, replicas: 2 }',
        '  old: { type: app-server, replicas: 2, dependsOn: [older] }',
        '  older: { type: app-server, replicas: 2 }',
      );
      assert.equal(findingAbout(text, 'unused', 'older').fixes, undefined);
      assert.equal(findingAbout(text, 'unused', 'old').fixes?.length, 1);
    });

    it('does not report a design whose every element is used', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'zones:',
        '  z1: {}',
        '  z2: {}',
        'hosts:',
        '  web-1: { zone: z1 }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], dependsOn: [cache] }',
        '  cache: { type: cache, replicas: 2, zones: [z2] }',
      );
      assert.deepEqual(findingsOf(text, 'unused'), []);
      assert.ok(check(text).length > 0, 'the design has other findings, so the engine ran');
    });
  });
});
