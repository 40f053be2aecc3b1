import assert from 'node:assert/strict';
import { findingAbout, findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

const ONE_SERVER = yaml(
  'version: 1',
  'name: t',
  'hosts:',
  '  server-1: {}',
  '# ^^^^^^^^ spof',
  'components:',
  '  web: { type: web-server, runsOn: [server-1], dependsOn: [app] }',
  '# ^^^ spof',
  '  app: { type: app-server, runsOn: [server-1], dependsOn: [db] }',
  '# ^^^ spof',
  '  db: { type: database, runsOn: [server-1] }',
  '# ^^ spof',
);

describe('rules: redundancy', () => {
  describe('spof', () => {
    it('reports the host and each component of a one-server design, with the blast radius in file order', () => {
      const findings = expectMarked(ONE_SERVER);
      assert.deepEqual(findings.map((f) => f.message), [
        'Host server-1 is a single point of failure: if it fails, web, app and db go down',
        'Web server web is a single point of failure: if it fails, web goes down',
        'App server app is a single point of failure: if it fails, web and app go down',
        'Database db is a single point of failure: if it fails, web, app and db go down',
      ]);
      assert.deepEqual(findings.map((f) => f.target), [
        { kind: 'host', id: 'server-1' },
        { kind: 'component', id: 'web' },
        { kind: 'component', id: 'app' },
        { kind: 'component', id: 'db' },
      ]);
      // Related information: each component that goes down, at its key.
      assert.deepEqual(findings[0].related?.map((r) => [r.message, r.range.start.line, r.range.start.character]), [
        ['web goes down when server-1 fails', 6, 2],
        ['app goes down when server-1 fails', 8, 2],
        ['db goes down when server-1 fails', 10, 2],
      ]);
      assert.deepEqual(findings[3].related?.map((r) => r.message), ['web goes down when db fails', 'app goes down when db fails']);
    });

    it('relates the first ten components that go down, in file order, and counts the rest in the message', () => {
      const ids = Array.from({ length: 14 }, (_, i) => `c${i}`);
      const text = yaml('version: 1', 'name: t', 'hosts:', '  h: {}', 'components:', ...ids.map((id) => `  ${id}: { type: web-server, runsOn: [h] }`));
      const f = findingAbout(text, 'spof', 'h');
      assert.deepEqual(f.related?.map((r) => r.message), ids.slice(0, 10).map((id) => `${id} goes down when h fails`));
      assert.match(f.message, /if it fails, c0, c1, c2 and 11 more go down$/);
    });

    it('fixes a host SPOF with a second host running what it ran, the database as primary-replica', () => {
      const f = findingAbout(ONE_SERVER, 'spof', 'server-1');
      assert.deepEqual(f.fixes, [{
        title: 'Add host server-2 running web, app and db',
        preferred: true, addsRedundancy: true,
        changes: [
          { op: 'set', path: ['hosts'], key: 'server-2', value: { firewall: true } },
          { op: 'append', path: ['components', 'web', 'runsOn'], value: 'server-2' },
          { op: 'append', path: ['components', 'app', 'runsOn'], value: 'server-2' },
          { op: 'append', path: ['components', 'db', 'runsOn'], value: 'server-2' },
          { op: 'set', path: ['components', 'db'], key: 'mode', value: 'primary-replica' },
          { op: 'set', path: ['components', 'db'], key: 'failover', value: 'automatic' },
        ],
      }]);
    });

    it('fixes a single web tier with a second instance, or a load balancer in front of two', () => {
      const f = findingAbout(ONE_SERVER, 'spof', 'web');
      assert.deepEqual(f.fixes, [
        {
          title: 'Run another instance of web on a new host server-2',
          preferred: true, addsRedundancy: true,
          changes: [
            { op: 'set', path: ['hosts'], key: 'server-2', value: { firewall: true } },
            { op: 'append', path: ['components', 'web', 'runsOn'], value: 'server-2' },
          ],
        },
        {
          title: 'Put load balancer lb on new hosts lb-1 and lb-2 in front of web, and run another instance of web on a new host server-2',
          addsRedundancy: true,
          changes: [
            { op: 'set', path: ['components'], key: 'lb', value: { type: 'load-balancer', runsOn: ['lb-1', 'lb-2'], healthCheck: '/health', tls: true, dependsOn: ['web'] } },
            { op: 'set', path: ['hosts'], key: 'lb-1', value: { firewall: true } },
            { op: 'set', path: ['hosts'], key: 'lb-2', value: { firewall: true } },
            { op: 'set', path: ['hosts'], key: 'server-2', value: { firewall: true } },
            { op: 'append', path: ['components', 'web', 'runsOn'], value: 'server-2' },
          ],
        },
      ]);
      // An internal tier gets a balancer of its own, and its dependents go through it.
      const app = findingAbout(ONE_SERVER, 'spof', 'app');
      assert.equal(app.fixes?.[1].title, 'Put load balancer app-lb on new hosts app-lb-1 and app-lb-2 in front of app, and run another instance of app on a new host server-2');
      assert.deepEqual(app.fixes?.[1].changes.at(-1), { op: 'replace-value', path: ['components', 'web', 'dependsOn', 0], value: 'app-lb' });
      // A database gets no balancer.
      assert.equal(findingAbout(ONE_SERVER, 'spof', 'db').fixes?.length, 1);
    });

    it('copies firewall and monitoring to the new host, puts it in another zone, and retargets DNS for the balancer', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: web }',
        'zones:',
        '  z1: {}',
        '  z2: {}',
        'hosts:',
        '  web-1: { zone: z1, firewall: { allow: [443] }, monitoring: datadog }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], tls: true }',
      );
      const f = findingAbout(text, 'spof', 'web');
      assert.deepEqual(f.fixes?.[0].changes[0], { op: 'set', path: ['hosts'], key: 'web-2', value: { zone: 'z2', firewall: { allow: [443] }, monitoring: 'datadog' } });
      assert.deepEqual(f.fixes?.[1].changes.at(-1), { op: 'replace-value', path: ['dns', 0, 'target'], value: 'lb' });
    });

    it('points the DNS records that reach a host at its twin too, and adds none behind a balancer', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: "@", type: A, target: 192.0.2.1 }',
        '  - { name: www, type: CNAME, target: "@" }',
        'hosts:',
        '  server-1: { ip: 192.0.2.1, firewall: true, monitoring: datadog }',
        'components:',
        '  web: { type: web-server, runsOn: [server-1], tls: true, dependsOn: [app] }',
        '  app: { type: app-server, runsOn: [server-1] }',
      );
      const record = { op: 'append', path: ['dns'], value: { name: '@', type: 'A', target: 'server-2' } };
      const host = findingAbout(text, 'spof', 'server-1').fixes?.[0];
      assert.equal(host?.title, 'Add host server-2 running web and app, and point shop.example at it too');
      assert.deepEqual(host?.changes.at(-1), record);
      const [more, balanced] = findingAbout(text, 'spof', 'web').fixes ?? [];
      assert.equal(more.title, 'Run another instance of web on a new host server-2, and point shop.example at it too');
      assert.deepEqual(more.changes.at(-1), record);
      // The balancer takes the record over; its backends need none of their own.
      assert.ok(!balanced.changes.some((c) => c.op === 'append' && c.path[0] === 'dns'));
      assert.deepEqual(balanced.changes.at(-1), { op: 'replace-value', path: ['dns', 0, 'target'], value: 'lb' });
      // app is reached through web, not through DNS.
      const app = findingAbout(text, 'spof', 'app').fixes?.[0];
      assert.equal(app?.title, 'Run another instance of app on a new host server-2');
      assert.ok(!app?.changes.some((c) => c.op === 'append' && c.path[0] === 'dns'));
    });

    it('gives a new host a firewall, and the design\'s most used agent, when its template has none', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: { firewall: false }',
        '  db-1: { firewall: true, monitoring: zabbix }',
        '  db-2: { firewall: true, monitoring: datadog }',
        '  db-3: { firewall: true, monitoring: datadog }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], tls: true, dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1, db-2, db-3], failover: automatic, mode: primary-replica }',
      );
      assert.deepEqual(findingAbout(text, 'spof', 'web').fixes?.[0].changes[0], { op: 'set', path: ['hosts'], key: 'web-2', value: { firewall: true, monitoring: 'datadog' } });
      // No agent anywhere: the fix does not choose one.
      assert.deepEqual(findingAbout(ONE_SERVER, 'spof', 'web').fixes?.[0].changes[0], { op: 'set', path: ['hosts'], key: 'server-2', value: { firewall: true } });
    });

    it('puts a managed balancer pair in front of a tier whose hosts are not modelled', () => {
      const text = yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server, tls: true }');
      assert.deepEqual(findingAbout(text, 'spof', 'web').fixes?.[1], {
        title: 'Put load balancer lb in front of web and run web as 2 replicas',
        addsRedundancy: true,
        changes: [
          { op: 'set', path: ['components'], key: 'lb', value: { type: 'load-balancer', replicas: 2, healthCheck: '/health', tls: true, dependsOn: ['web'] } },
          { op: 'set', path: ['components', 'web'], key: 'replicas', value: 2 },
        ],
      });
    });

    it('shortens a long blast radius', () => {
      const services = [1, 2, 3, 4, 5, 6, 7].map((i) => `s${i}`);
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  big: {}',
        'components:',
        `  front: { type: web-server, runsOn: [big], dependsOn: [${services.join(', ')}] }`,
        ...services.map((s) => `  ${s}: { type: service, replicas: 2, dependsOn: [db] }`),
        '  db: { type: database, runsOn: [big] }',
      );
      assert.equal(findingAbout(text, 'spof', 'big').message, 'Host big is a single point of failure: if it fails, front, s1, s2 and 6 more go down');
    });

    it('reports a primary whose failover is manual, and fixes it with automatic failover', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  db-1: {}',
        '# ^^^^ spof',
        '  db-2: {}',
        'components:',
        '  web: { type: web-server, replicas: 2, dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1, db-2], mode: primary-replica }',
        '# ^^ spof',
      );
      const [host, db] = expectMarked(text);
      assert.equal(db.message, 'Database db is a single point of failure: if its primary on db-1 fails, web and db go down');
      assert.deepEqual(db.fixes, [{ title: 'Set failover: automatic on db', preferred: true, addsRedundancy: true, safe: true, changes: [{ op: 'set', path: ['components', 'db'], key: 'failover', value: 'automatic' }] }]);
      assert.equal(host.message, 'Host db-1 is a single point of failure: if it fails, web and db go down');
      assert.deepEqual(host.fixes, db.fixes);
    });

    it('reports a zone SPOF and spreads the zone\'s components over another zone', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'zones:',
        '  z1: { region: eu }',
        '# ^^ spof',
        'hosts:',
        '  web-1: { zone: z1, firewall: true }',
        '  web-2: { zone: z1, firewall: true }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2] }',
      );
      const [f] = expectMarked(text, ['spof']);
      assert.equal(f.message, 'Zone z1 is a single point of failure: if it fails, web goes down');
      assert.deepEqual(f.fixes, [{
        title: 'Spread web over zone z2',
        preferred: true, addsRedundancy: true,
        changes: [
          { op: 'set', path: ['zones'], key: 'z2', value: { region: 'eu' } },
          { op: 'set', path: ['hosts'], key: 'web-3', value: { zone: 'z2', firewall: true } },
          { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-3' },
        ],
      }]);
    });

    it('fixes a replicas component by raising the count, and a component with neither by replicas: 2', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, replicas: 1, dependsOn: [api] }',
        '  api: { type: service }',
      );
      assert.deepEqual(findingAbout(text, 'spof', 'web').fixes?.[0], {
        title: 'Raise the replicas of web to 2', preferred: true, addsRedundancy: true, changes: [{ op: 'set', path: ['components', 'web'], key: 'replicas', value: 2 }],
      });
      assert.deepEqual(findingAbout(text, 'spof', 'api').fixes?.[0], {
        title: 'Run api as 2 replicas', preferred: true, addsRedundancy: true, changes: [{ op: 'set', path: ['components', 'api'], key: 'replicas', value: 2 }],
      });
    });

    it('does not report a design with redundancy everywhere', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        '  web-2: {}',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], dependsOn: [db] }',
        '  db: { type: database, replicas: 2, mode: primary-replica, failover: automatic }',
      );
      assert.deepEqual(findingsOf(text, 'spof'), []);
    });
  });

  describe('colocated-replicas', () => {
    it('reports instances that share one host, and moves one to a new host', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: { firewall: true, monitoring: datadog }',
        'components:',
        '  web:',
        '    type: web-server',
        '    runsOn: [web-1, web-1]',
        '#   ^^^^^^ colocated-replicas',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Web server web runs 2 instances, all on host web-1: when web-1 fails they fail together, so they add capacity but no redundancy');
      assert.deepEqual(f.fixes, [{
        title: 'Move one instance of web to a new host web-2',
        preferred: true, addsRedundancy: true,
        changes: [
          { op: 'set', path: ['hosts'], key: 'web-2', value: { firewall: true, monitoring: 'datadog' } },
          { op: 'replace-value', path: ['components', 'web', 'runsOn', 1], value: 'web-2' },
        ],
      }]);
    });

    it('does not report one instance, or instances on different hosts', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        '  web-2: {}',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2] }',
        '  db: { type: database, runsOn: [web-1] }',
        '  cache: { type: cache, replicas: 3 }',
      );
      assert.deepEqual(findingsOf(text, 'colocated-replicas'), []);
    });
  });

  describe('single-zone', () => {
    const zones = ['version: 1', 'name: t', 'zones:', '  z-a: {}', '  z-b: {}'];

    it('reports instances all in one zone and moves a host that only they use', () => {
      const text = yaml(
        ...zones,
        'hosts:',
        '  web-1: { zone: z-a }',
        '  web-2: { zone: z-a }',
        'components:',
        '  web:',
        '    type: web-server',
        '    runsOn: [web-1, web-2]',
        '#   ^^^^^^ single-zone',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Web server web has 2 instances, all in zone z-a: an outage of that zone takes them all down');
      assert.deepEqual(f.fixes, [{ title: 'Move host web-2 to zone z-b', preferred: true, addsRedundancy: true, changes: [{ op: 'replace-value', path: ['hosts', 'web-2', 'zone'], value: 'z-b' }] }]);
    });

    it('adds a host in the other zone when moving the host would break another component\'s spread', () => {
      const text = yaml(
        ...zones,
        'hosts:',
        '  web-1: { zone: z-a }',
        '  web-2: { zone: z-a }',
        '  db-2: { zone: z-b }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], dependsOn: [db] }',
        '  db: { type: database, runsOn: [web-2, db-2], mode: primary-replica, failover: automatic }',
      );
      assert.deepEqual(findingAbout(text, 'single-zone', 'web').fixes, [{
        title: 'Move one instance of web to a new host web-3 in zone z-b',
        preferred: true, addsRedundancy: true,
        changes: [
          { op: 'set', path: ['hosts'], key: 'web-3', value: { zone: 'z-b', firewall: true } },
          { op: 'replace-value', path: ['components', 'web', 'runsOn', 1], value: 'web-3' },
        ],
      }]);
    });

    it('reports replicas kept in one zone at their zones list', () => {
      const text = yaml(
        ...zones,
        'components:',
        '  cache:',
        '    type: cache',
        '    replicas: 2',
        '    zones: [z-a]',
        '#   ^^^^^ single-zone',
      );
      const [f] = expectMarked(text);
      assert.deepEqual(f.fixes?.[0].changes, [{ op: 'append', path: ['components', 'cache', 'zones'], value: 'z-b' }]);
    });

    it('does not report spread instances, a design with one zone, or instances on one host', () => {
      for (const text of [
        yaml(...zones, 'hosts:', '  a: { zone: z-a }', '  b: { zone: z-b }', 'components:', '  web: { type: web-server, runsOn: [a, b] }'),
        yaml('version: 1', 'name: t', 'zones:', '  z-a: {}', 'hosts:', '  a: { zone: z-a }', '  b: { zone: z-a }', 'components:', '  web: { type: web-server, runsOn: [a, b] }'),
        yaml(...zones, 'hosts:', '  a: { zone: z-a }', '  b: { zone: z-b }', 'components:', '  web: { type: web-server, runsOn: [a, a] }', '  x: { type: service, runsOn: [b] }'),
      ]) {
        assert.deepEqual(findingsOf(text, 'single-zone'), []);
      }
    });
  });

  describe('manual-failover', () => {
    it('reports primary-replica without automatic failover at the mode', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  db:',
        '    type: database',
        '    replicas: 2',
        '    mode: primary-replica',
        '#         ^^^^^^^^^^^^^^^ manual-failover',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Database db is primary-replica with manual failover: when the primary fails, it stays down until someone promotes a replica by hand');
      assert.deepEqual(f.fixes, [{ title: 'Set failover: automatic on db', preferred: true, addsRedundancy: true, safe: true, changes: [{ op: 'set', path: ['components', 'db'], key: 'failover', value: 'automatic' }] }]);
    });

    it('reports an explicit failover: manual at its value and rewrites it', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  lb:',
        '    type: load-balancer',
        '    replicas: 2',
        '    mode: active-passive',
        '    failover: manual',
        '#             ^^^^^^ manual-failover',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Load balancer lb is active-passive with manual failover: when the active instance fails, it stays down until someone switches to the passive one by hand');
      assert.deepEqual(f.fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'lb', 'failover'], value: 'automatic' }]);
    });

    it('does not report automatic failover, active-active, or a single instance', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  a: { type: database, replicas: 2, mode: primary-replica, failover: automatic }',
        '  b: { type: web-server, replicas: 2, mode: active-active }',
        '  c: { type: database, replicas: 1, mode: primary-replica }',
      );
      assert.deepEqual(findingsOf(text, 'manual-failover'), []);
    });
  });

  describe('deploy-downtime', () => {
    it('reports a required component with one instance', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, replicas: 2, dependsOn: [app] }',
        '  app: { type: app-server }',
        '# ^^^ deploy-downtime',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'App server app has a single instance: every deploy, restart or patch of app is an outage of the service');
      assert.deepEqual(f.fixes, [{ title: 'Run app as 2 replicas', preferred: true, addsRedundancy: true, changes: [{ op: 'set', path: ['components', 'app'], key: 'replicas', value: 2 }] }]);
    });

    it('does not report redundant components or components the service does not need', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'dns:',
        '  - { name: www.shop.example, type: A, target: web }',
        'components:',
        '  web: { type: web-server, replicas: 2, dependsOn: [{ component: search, optional: true }] }',
        '  search: { type: service }',
        '  batch: { type: service }',
      );
      assert.deepEqual(findingsOf(text, 'deploy-downtime'), []);
    });

    it('does not report one alternative of an anyOf (a blue-green pair), deployed while the other serves', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  front: { type: web-server, replicas: 2, dependsOn: [{ anyOf: [blue, green] }] }',
        '  blue: { type: app-server }',
        '  green: { type: app-server }',
      );
      assert.deepEqual(findingsOf(text, 'deploy-downtime'), []);
      assert.deepEqual(findingsOf(text, 'spof'), []);
    });

    it('reports an alternative whose loss takes the service down anyway (another component needs it alone)', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  front: { type: web-server, replicas: 2, dependsOn: [{ anyOf: [blue, green] }, blue] }',
        '  blue: { type: app-server }',
        '# ^^^^ deploy-downtime',
        '# ^^^^ spof',
        '  green: { type: app-server }',
      );
      expectMarked(text);
    });
  });

  describe('mixed-role-host', () => {
    it('reports a host that runs a database next to web or app servers', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  node-1: {}',
        '# ^^^^^^ mixed-role-host',
        '  node-2: {}',
        'components:',
        '  web: { type: web-server, runsOn: [node-1, node-2], dependsOn: [app] }',
        '  app: { type: app-server, runsOn: [node-1, node-2], dependsOn: [db] }',
        '  db: { type: database, runsOn: [node-1] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Host node-1 runs database db alongside web and app: the tiers compete for the machine, and a break-in through the web tier lands next to the data');
      assert.deepEqual(f.target, { kind: 'host', id: 'node-1' });
      assert.equal(f.severity, 'info');
    });

    it('does not report a single-server design or a database host of its own', () => {
      assert.deepEqual(findingsOf(ONE_SERVER, 'mixed-role-host'), []);
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        '  db-1: {}',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1] }',
      );
      assert.deepEqual(findingsOf(text, 'mixed-role-host'), []);
    });
  });
});
