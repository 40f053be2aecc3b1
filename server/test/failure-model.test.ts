// The failure model and the SPOF search on small hand-written designs, one case per rule of
// docs/format.md (What the analysis means), plus a 30,000-deep dependsOn chain.

import { strict as assert } from 'node:assert';
import { buildFailureModel } from '../src/analysis/failure-model';
import type { FailureModel, Spof } from '../src/analysis/failure-types';
import { findSpofs, TRUNCATED_IMPACT } from '../src/analysis/spof';
import { buildDesign } from '../src/model/build';
import { parseText } from '../src/model/parse';
import type { Design } from '../src/model/types';
import { chainDesign } from '../../test/support/scale-designs';

function designOf(yaml: string): Design {
  const parsed = parseText(`version: 1\nname: t\n${yaml}`);
  assert.deepEqual(parsed.problems, [], 'test design must be valid YAML');
  return buildDesign(parsed.data);
}

function analyse(yaml: string): { model: FailureModel; spofs: Spof[] } {
  const model = buildFailureModel(designOf(yaml));
  return { model, spofs: findSpofs(model) };
}

/** SPOFs as "kind id: impact,..." lines, for compact expectations. */
function spofLines(yaml: string): string[] {
  return analyse(yaml).spofs.map((s) => `${s.kind} ${s.id}: ${s.impact.join(',')}`);
}

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('failure model', () => {
  describe('the one-server stack', () => {
    const oneServer = `
domain: foobar.com
dns:
  - { name: www, type: A, target: 8.8.8.8 }
hosts:
  server-1: { ip: 8.8.8.8 }
components:
  web: { type: web-server, runsOn: [server-1], dependsOn: [app] }
  app: { type: app-server, runsOn: [server-1], dependsOn: [db] }
  db: { type: database, runsOn: [server-1] }
`;
    it('reaches web through the IP of the host, and everything is a SPOF', () => {
      assert.deepEqual(spofLines(oneServer), [
        'component app: app,web',
        'component db: app,db,web',
        'component web: web',
        'host server-1: app,db,web',
      ]);
    });

    it('derives entries, required, reachable and public hosts', () => {
      const { model } = analyse(oneServer);
      assert.deepEqual(sorted(model.entries), ['web']);
      assert.deepEqual(sorted(model.required), ['app', 'db', 'web']);
      assert.deepEqual(sorted(model.publicHosts), ['server-1']);
      assert.equal(model.usesDns, true);
      assert.deepEqual(
        model.serviceNames.map((n) => [n.fqdn, n.alternatives.map((a) => (a.kind === 'host' ? `${a.host}[${a.components}]` : a.component))]),
        [['www.foobar.com', ['server-1[web]']]],
      );
    });

    it('names the failed instance as the element of a component SPOF', () => {
      const web = analyse(oneServer).spofs.find((s) => s.id === 'web');
      assert.deepEqual(web?.element, { kind: 'instance', component: 'web', index: 0 });
    });
  });

  describe('DNS', () => {
    it('follows a CNAME chain to its A record', () => {
      const { model, spofs } = analyse(`
domain: foobar.com
dns:
  - { name: www, type: CNAME, target: edge }
  - { name: edge, type: CNAME, target: "@" }
  - { name: "@", type: A, target: lb }
components:
  lb: { type: load-balancer, replicas: 2, dependsOn: [web] }
  web: { type: web-server }
`);
      assert.deepEqual(
        model.serviceNames.map((n) => `${n.fqdn}→${n.alternatives.map((a) => (a.kind === 'component' ? a.component : a.host))}`),
        ['www.foobar.com→lb', 'edge.foobar.com→lb', 'foobar.com→lb'],
      );
      assert.deepEqual(spofs.map((s) => `${s.kind} ${s.id}`), ['component web']);
      assert.deepEqual(spofs[0].impact, ['lb', 'web']);
    });

    it('ignores CNAME cycles and CNAMEs to names without records in the domain', () => {
      const { model, spofs } = analyse(`
domain: foobar.com
dns:
  - { name: a, type: CNAME, target: b }
  - { name: b, type: CNAME, target: a }
  - { name: c, type: CNAME, target: missing }
  - { name: www, type: A, target: web }
components:
  web: { type: web-server }
  other: { type: service }
`);
      assert.deepEqual(model.serviceNames.map((n) => [n.fqdn, n.alternatives.length]), [
        ['a.foobar.com', 0],
        ['b.foobar.com', 0],
        ['c.foobar.com', 0],
        ['www.foobar.com', 1],
      ]);
      assert.deepEqual(sorted(model.entries), ['web']);
      assert.deepEqual(spofs.map((s) => s.id), ['web']);
    });

    it('treats a CNAME to a name outside the domain as an external service that is always up', () => {
      const { model, spofs } = analyse(`
domain: foobar.com
dns:
  - { name: www, type: CNAME, target: shop.example.net }
  - { name: www, type: A, target: web }
components:
  web: { type: web-server }
`);
      assert.equal(model.serviceNames[0].external, true);
      assert.deepEqual(sorted(model.entries), ['web']);
      assert.deepEqual(spofs, []);
      assert.equal(model.whatIf([{ kind: 'instance', component: 'web', index: 0 }]).serviceDown, false);
    });

    it('serves a host target through the components on it that nothing depends on', () => {
      const { model, spofs } = analyse(`
dns:
  - { name: www.foobar.com, type: A, target: lb-1 }
hosts:
  lb-1: {}
  web-1: {}
  web-2: {}
components:
  lb: { type: load-balancer, runsOn: [lb-1, web-1], dependsOn: [web] }
  web: { type: web-server, runsOn: [lb-1, web-1, web-2] }
`);
      const alt = model.serviceNames[0].alternatives[0];
      assert.equal(alt.kind, 'host');
      assert.deepEqual(alt.kind === 'host' && alt.components, ['lb']);
      // lb's instance on lb-1 is the only one the name reaches, even though lb has two.
      assert.deepEqual(spofs.map((s) => `${s.kind} ${s.id}: ${s.impact}`), ['component lb: ', 'host lb-1: ']);
      assert.deepEqual(sorted(model.publicHosts), ['lb-1']);
    });

    it('points an IP target at the host with that ip, and ignores an IP no host has', () => {
      const { model } = analyse(`
dns:
  - { name: www.foobar.com, type: A, target: 10.0.0.7 }
  - { name: api.foobar.com, type: AAAA, target: "2001:db8::1" }
hosts:
  h1: { ip: 10.0.0.7 }
components:
  web: { type: web-server, runsOn: [h1] }
`);
      assert.deepEqual(model.serviceNames.map((n) => n.alternatives.map((a) => a.kind === 'host' && a.host)), [['h1'], []]);
      assert.deepEqual(sorted(model.publicHosts), ['h1']);
    });

    it('keeps a round-robin name up while any alternative is up', () => {
      const yaml = `
dns:
  - { name: www.foobar.com, type: A, target: web-1 }
  - { name: www.foobar.com, type: A, target: web-2 }
hosts:
  web-1: {}
  web-2: {}
  db-1: {}
components:
  web: { type: web-server, runsOn: [web-1, web-2], dependsOn: [db] }
  db: { type: database, runsOn: [db-1] }
`;
      assert.deepEqual(spofLines(yaml), ['component db: db,web', 'host db-1: db,web']);
      const { model } = analyse(yaml);
      assert.equal(model.whatIf([{ kind: 'host', id: 'web-1' }]).serviceDown, false);
      assert.equal(model.whatIf([{ kind: 'host', id: 'web-1' }, { kind: 'host', id: 'web-2' }]).serviceDown, true);
    });

    it('needs every separate name up', () => {
      const yaml = `
dns:
  - { name: www.foobar.com, type: A, target: site }
  - { name: api.foobar.com, type: A, target: api }
components:
  site: { type: web-server, replicas: 2 }
  api: { type: app-server }
`;
      assert.deepEqual(spofLines(yaml), ['component api: api']);
      const result = analyse(yaml).model.whatIf([{ kind: 'instance', component: 'api', index: 0 }]);
      assert.deepEqual(result.downServices, ['api.foobar.com']);
    });

    it('falls back to the root components when no DNS record resolves', () => {
      const { model, spofs } = analyse(`
dns:
  - { name: www.foobar.com, type: A, target: typo }
components:
  web: { type: web-server }
`);
      assert.equal(model.usesDns, false);
      assert.deepEqual(model.serviceNames, []);
      assert.deepEqual(spofs.map((s) => s.id), ['web']);
    });
  });

  describe('dependencies', () => {
    it('degrades, and does not take down, a component whose optional dependency fails', () => {
      const { model, spofs } = analyse(`
components:
  app: { type: app-server, replicas: 2, dependsOn: [db, { component: cache, optional: true }] }
  db: { type: database, replicas: 2 }
  cache: { type: cache }
`);
      assert.deepEqual(spofs, []);
      assert.deepEqual(sorted(model.entries), ['app']);
      assert.deepEqual(sorted(model.required), ['app', 'db']);
      assert.deepEqual(sorted(model.reachable), ['app', 'cache', 'db']);
      const result = model.whatIf([{ kind: 'instance', component: 'cache', index: 0 }]);
      assert.deepEqual(sorted(result.down), ['cache']);
      assert.deepEqual(sorted(result.degraded), ['app']);
      assert.equal(result.serviceDown, false);
    });

    it('keeps a cycle up unless one of its members loses its instances', () => {
      const yaml = `
components:
  entry: { type: load-balancer, replicas: 2, dependsOn: [a] }
  a: { type: service, replicas: 2, dependsOn: [b] }
  b: { type: service, replicas: 2, dependsOn: [a, c] }
  c: { type: service }
`;
      const { model } = analyse(yaml);
      assert.deepEqual(sorted(model.whatIf([]).down), []);
      assert.deepEqual(spofLines(yaml), ['component c: a,b,c,entry']);
    });

    it('makes every component that nothing depends on an entry without DNS', () => {
      const { model, spofs } = analyse(`
components:
  site: { type: web-server, replicas: 2 }
  admin: { type: web-server }
  shared: { type: database, replicas: 2 }
`);
      assert.equal(model.usesDns, false);
      assert.deepEqual(sorted(model.entries), ['admin', 'shared', 'site']);
      assert.deepEqual(spofs.map((s) => s.id), ['admin']);
      assert.deepEqual(model.whatIf([{ kind: 'instance', component: 'admin', index: 0 }]).downServices, ['admin']);
    });

    it('lists dependents, optional ones included', () => {
      const { model } = analyse(`
components:
  a: { type: service, dependsOn: [c] }
  b: { type: service, dependsOn: [{ component: c, optional: true }] }
  c: { type: service }
`);
      assert.deepEqual(model.dependentsOf('c'), ['a', 'b']);
      assert.deepEqual(model.dependentsOf('a'), []);
    });
  });

  describe('instances, modes and zones', () => {
    it('spreads replicas round-robin over zones, and a zone holding all of them is a SPOF', () => {
      const { model } = analyse(`
zones: { za: {}, zb: {} }
components:
  cache: { type: cache, replicas: 3, zones: [za, zb] }
`);
      assert.deepEqual(model.instances.get('cache')?.map((i) => i.zone), ['za', 'zb', 'za']);
      assert.deepEqual(findSpofs(model), []);
      assert.deepEqual(
        spofLines(`
zones: { za: {}, zb: {} }
components:
  cache: { type: cache, replicas: 2, zones: [za] }
`),
        ['zone za: cache'],
      );
    });

    it('makes the primary of a manual active-passive pair a SPOF, not the passive one', () => {
      const yaml = (failover: string) => `
hosts: { h1: {}, h2: {} }
components:
  lb: { type: load-balancer, runsOn: [h1, h2], mode: active-passive${failover} }
`;
      assert.deepEqual(spofLines(yaml('')), ['component lb: lb', 'host h1: lb']);
      assert.deepEqual(spofLines(yaml(', failover: automatic')), []);
    });

    it('does the same for primary-replica', () => {
      const yaml = `
hosts: { d1: {}, d2: {} }
components:
  db: { type: database, runsOn: [d1, d2], mode: primary-replica, failover: manual }
`;
      assert.deepEqual(spofLines(yaml), ['component db: db', 'host d1: db']);
      const result = analyse(yaml).model.whatIf([{ kind: 'instance', component: 'db', index: 1 }]);
      assert.deepEqual(sorted(result.down), []);
    });

    it('gives two instances on one host no redundancy against that host', () => {
      const { model, spofs } = analyse(`
hosts: { h1: {} }
components:
  web: { type: web-server, runsOn: [h1, h1] }
`);
      assert.deepEqual(model.instances.get('web')?.map((i) => [i.host, i.path.join('.')]), [
        ['h1', 'components.web.runsOn.0'],
        ['h1', 'components.web.runsOn.1'],
      ]);
      assert.deepEqual(spofs.map((s) => `${s.kind} ${s.id}`), ['host h1']);
    });

    it('fails every host in a zone with the zone', () => {
      const yaml = (zone2: string) => `
zones: { za: {}, zb: {} }
hosts: { h1: { zone: za }, h2: { zone: ${zone2} } }
components:
  web: { type: web-server, runsOn: [h1, h2] }
`;
      assert.deepEqual(spofLines(yaml('za')), ['zone za: web']);
      assert.deepEqual(spofLines(yaml('zb')), []);
      const { model } = analyse(yaml('zb'));
      assert.deepEqual(sorted(model.whatIf([{ kind: 'zone', id: 'za' }, { kind: 'zone', id: 'zb' }]).down), ['web']);
    });

    it('ignores unknown hosts and zones in placement', () => {
      const { model } = analyse(`
zones: { za: {} }
hosts: { h1: { zone: nowhere } }
components:
  a: { type: service, runsOn: [typo, h1] }
  b: { type: service, runsOn: [typo] }
  c: { type: service, replicas: 2, zones: [nowhere, za] }
`);
      assert.deepEqual(model.instances.get('a')?.map((i) => [i.index, i.host, i.zone]), [[0, 'h1', undefined]]);
      assert.deepEqual(model.instances.get('b')?.map((i) => [i.index, i.host]), [[0, undefined]]);
      assert.deepEqual(model.instances.get('c')?.map((i) => i.zone), ['za', 'za']);
    });

    it('reports no SPOF in a design without components', () => {
      assert.deepEqual(spofLines('dns: [{ name: www.foobar.com, type: A, target: h1 }]\nhosts: { h1: {} }\n'), []);
    });
  });

  describe('scale', () => {
    // Its time is in `npm run bench` (Engine: the 30,000-deep chain).
    it('handles a 30,000-deep dependsOn chain without overflowing the stack', function () {
      const model = buildFailureModel(chainDesign(30_000));
      const spofs = findSpofs(model);
      const whatIf = model.whatIf([{ kind: 'instance', component: 'c29999', index: 0 }]);
      assert.equal(model.required.size, 30_000);
      assert.equal(spofs.length, 30_000);
      assert.equal(whatIf.down.size, 30_000);
      // The radii sum to 450 million: past the budget they are cut to the nearest components.
      const c0 = spofs.find((s) => s.id === 'c0');
      assert.deepEqual(c0?.impact, ['c0']);
      assert.equal(c0?.impactTruncated, undefined);
      const last = spofs.find((s) => s.id === 'c29999');
      assert.equal(last?.impactTruncated, true);
      assert.equal(last?.impact.length, TRUNCATED_IMPACT);
      assert.ok(last?.impact.includes('c29999'));
    });

    it('keeps every blast radius complete within the budget, and marks the cut ones beyond it', () => {
      const model = buildFailureModel(chainDesign(60));
      const complete = findSpofs(model);
      assert.ok(complete.every((s) => s.impactTruncated === undefined));
      assert.equal(complete.find((s) => s.id === 'c59')?.impact.length, 60);
      const cut = findSpofs(model, { impactBudget: 100 });
      assert.deepEqual(cut.map((s) => s.id), complete.map((s) => s.id));
      cut.forEach((s, k) => {
        const full = complete[k].impact;
        assert.ok(s.impact.every((id) => full.includes(id)));
        assert.equal(s.impactTruncated === true, s.impact.length < full.length);
      });
      assert.ok(cut.some((s) => s.impactTruncated));
    });
  });
});
