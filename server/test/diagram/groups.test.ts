import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../src/analysis/engine';
import { formatOptionsFor } from '../../src/formats';
import {
  buildScene,
  drawnOnce,
  readability,
  renderSceneSvg,
  sceneNodeIdsAtPath,
  sceneNodeIdsFor,
} from '../../src/diagram';
import { previewAvailability, whatIfNodes } from '../../src/language/preview-links';
import { GROUPED, GROUPED_GROUPS, ZONES } from '../../../test/support/diagram-designs';
import { inside, sceneNode } from '../../../test/support/scene-queries';
import { edge, node as fixtureNode, scene as fixtureScene } from '../../../test/support/scene-fixtures';
import { withGroups, workloadDesign, workloadManifest } from '../../../test/support/workload-design';

const node = sceneNode;

const grouped = () => withGroups(analyze(GROUPED), GROUPED_GROUPS);

describe('diagram groups and ×N workloads', () => {
  it('draws each group as a labelled box around its components, at the top level', async () => {
    const scene = await buildScene(grouped());
    const shop = node(scene, 'group:shop');
    const identity = node(scene, 'group:identity');
    assert.strictEqual(shop.kind, 'group');
    assert.strictEqual(shop.label, 'shop');
    assert.strictEqual(shop.detail, '3 workloads');
    assert.strictEqual(identity.detail, '2 workloads');
    assert.strictEqual(shop.parent, undefined);
    assert.strictEqual(shop.fault, undefined, 'a group is no element that fails');
    for (const id of ['workload:gateway', 'workload:api', 'workload:db']) {
      assert.strictEqual(node(scene, id).parent, 'group:shop');
      assert.ok(inside(node(scene, id), shop), `${id} inside its group`);
    }
    assert.ok(inside(node(scene, 'workload:auth'), identity));
  });

  it('puts a grouped instance on a modelled host in its group, and says which host', async () => {
    const scene = await buildScene(grouped());
    const users = node(scene, 'instance:users#0');
    assert.strictEqual(users.parent, 'group:identity');
    assert.match(users.detail ?? '', /on h1/);
    assert.strictEqual(node(scene, 'host:h1').parent, 'zone:zone-a', 'the host is still drawn, in its zone');
  });

  it('draws replicas without a modelled host once, with their count, zones and every replica to fail', async () => {
    const scene = await buildScene(grouped());
    const api = node(scene, 'workload:api');
    assert.strictEqual(api.kind, 'workload');
    assert.strictEqual(api.replicas, 3);
    assert.deepStrictEqual(api.zones, ['zone-a', 'zone-b']);
    assert.deepStrictEqual(api.fault, { kind: 'instance', component: 'api', index: 0 });
    assert.deepStrictEqual(api.faults?.map((f) => (f.kind === 'instance' ? f.index : -1)), [0, 1, 2]);
    assert.ok(!scene.nodes.some((n) => n.id.startsWith('instance:api#')), 'no per-replica boxes');
    assert.deepStrictEqual(node(scene, 'workload:db').zones, undefined, 'no zones, none listed');
  });

  it('keeps a box per replica where the boxes say something: spread over zones outside a group, or on hosts', async () => {
    const scene = await buildScene(grouped());
    assert.strictEqual(node(scene, 'instance:legacy#0').parent, 'zone:zone-a');
    assert.strictEqual(node(scene, 'instance:legacy#1').parent, 'zone:zone-b');
    const zones = await buildScene(analyze(ZONES));
    assert.ok(!zones.nodes.some((n) => n.kind === 'workload' || n.kind === 'group'), 'infra.yaml designs without groups on hosts are drawn as before');
  });

  it('decides ×N by placement only', () => {
    const result = grouped();
    const decide = (id: string): boolean => drawnOnce(result.design, result.design.components.get(id), result.model.instances.get(id) ?? []);
    assert.deepStrictEqual(['gateway', 'api', 'db', 'auth', 'users', 'legacy'].map(decide), [true, true, true, true, false, false]);
  });

  it('marks a ×N node as the SPOF its component is, and keeps arrows between representatives', async () => {
    const scene = await buildScene(grouped());
    const db = node(scene, 'workload:db');
    assert.strictEqual(db.spof, true, 'db (primary-replica, manual failover) is a SPOF');
    assert.strictEqual(db.status, 'spof');
    assert.strictEqual(node(scene, 'workload:api').spof, false);
    const api = scene.edges.find((e) => e.id === 'depends:api->db');
    assert.deepStrictEqual([api?.from, api?.to], ['workload:api', 'workload:db']);
    assert.ok(scene.edges.some((e) => e.id === 'dns:shop->workload:gateway'), 'DNS points at the ×N node');
  });

  it('maps components, paths, what-if and heat shares to the ×N node', () => {
    const result = grouped();
    assert.deepStrictEqual(sceneNodeIdsFor(result.model, { kind: 'component', id: 'api' }, result.design), ['workload:api']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(result.model, result.design, ['components', 'api', 'replicas']), ['workload:api']);
    const one = whatIfNodes(result, [{ kind: 'instance', component: 'api', index: 1 }]);
    assert.ok(!one.downNodes.includes('workload:api'), 'one replica lost: the workload is up');
    assert.deepStrictEqual(one.lostReplicas, { 'workload:api': 1 });
    const all = whatIfNodes(result, [0, 1, 2].map((index) => ({ kind: 'instance' as const, component: 'api', index })));
    assert.ok(all.downNodes.includes('workload:api') && all.downNodes.includes('workload:gateway'));
    assert.deepStrictEqual(all.lostReplicas, {});
    const zone = whatIfNodes(result, [{ kind: 'zone', id: 'zone-b' }]);
    assert.deepStrictEqual(zone.lostReplicas, { 'workload:api': 1, 'workload:gateway': 1 }, 'api#1 and gateway#1 sit in zone-b');
  });

  it('gives a ×N node the largest share of its replicas in the heat map', () => {
    const result = analyze(GROUPED.replace('name: grouped', 'name: grouped\nslo: 99.9'));
    const shares = previewAvailability(withGroups(result, GROUPED_GROUPS))?.shares ?? {};
    assert.ok('workload:db' in shares, `shares: ${Object.keys(shares).join(', ')}`);
    assert.ok(!Object.keys(shares).some((id) => id.startsWith('instance:db#')));
  });

  it('collapses a group into one node: members hidden, links rewired and merged, findings added up', async () => {
    const scene = await buildScene(grouped(), { collapsedGroups: new Set(['identity']) });
    const identity = node(scene, 'group:identity');
    assert.strictEqual(identity.collapsed, true);
    assert.deepStrictEqual(identity.members, ['workload:auth', 'instance:users#0']);
    assert.ok(!scene.nodes.some((n) => n.parent === 'group:identity'));
    assert.strictEqual(identity.spof, true, 'users, inside, is a SPOF');
    assert.ok(identity.findings.error >= 1);
    const into = scene.edges.filter((e) => e.to === 'group:identity');
    assert.deepStrictEqual(into.map((e) => [e.from, e.merged, e.optional]), [['workload:api', 2, false]], 'api→auth and api→users (optional) merge');
    assert.ok(!scene.edges.some((e) => e.from === 'group:identity'), 'auth→users was inside the group');
    assert.strictEqual(node(scene, 'group:shop').collapsed, undefined, 'the other group stays open');
    const expanded = await buildScene(grouped(), { collapsedGroups: new Set() });
    assert.ok(expanded.nodes.some((n) => n.id === 'workload:auth'), 'expanding brings the members back');
  });

  it('draws groups, ×N badges and collapsed groups in the SVG export too', async () => {
    const svg = renderSceneSvg(await buildScene(grouped(), { collapsedGroups: new Set(['identity']) }));
    assert.match(svg, /data-node-id="group:shop" data-kind="group"/);
    assert.match(svg, /data-node-id="group:identity" data-kind="group"/);
    assert.match(svg, /class="badge-replicas">.*>×3<\/text>/);
    assert.match(svg, /3 replicas in zone-a, zone-b/);
  });

  it('cuts the crossings of 100 workloads by drawing them in groups, once each', async () => {
    const design = workloadDesign(100, 5);
    const result = analyze(design.text);
    const flat = readability(await buildScene(result));
    const inGroups = readability(await buildScene(withGroups(result, design.groupOf)));
    assert.strictEqual(inGroups.leaves, 100 + 4, '100 workloads and 4 DNS names');
    assert.ok(inGroups.crossings * 2 < flat.crossings, `${inGroups.crossings} crossings in groups, ${flat.crossings} without`);
  });
});

describe('Kubernetes namespaces as groups', () => {
  const manifest = (text: string) => analyze(text, formatOptionsFor('manifest.yaml', undefined, text));

  it('draws the shop sample\'s namespace as a group around its workloads', async () => {
    const file = path.join(__dirname, '..', '..', '..', 'samples', 'kubernetes', 'shop.yaml');
    const result = manifest(fs.readFileSync(file, 'utf8'));
    const scene = await buildScene(result);
    assert.deepStrictEqual(scene.nodes.filter((n) => n.kind === 'group').map((n) => n.id), ['group:shop']);
    const shop = node(scene, 'group:shop');
    for (const id of result.design.components.keys()) {
      const drawn = scene.nodes.filter((n) => n.target.kind === 'component' && n.target.id === id);
      assert.strictEqual(drawn.length, 1, `${id} is drawn once`);
      assert.strictEqual(drawn[0].parent, 'group:shop');
      assert.ok(inside(drawn[0], shop), `${id} inside the shop box`);
    }
    assert.strictEqual(node(scene, 'workload:storefront').replicas, 3);
  });

  it('reads the generated 100-workload manifest as the estate its infra.yaml describes, a group per namespace', async () => {
    const result = manifest(workloadManifest(100, 5));
    const design = workloadDesign(100, 5);
    const infra = analyze(design.text).design.components;
    const calls = (deps: readonly { component: string }[]) => deps.map((d) => d.component.replace(/^[^/]*\//, '')).sort();
    assert.strictEqual(result.design.components.size, infra.size);
    for (const [id, component] of result.design.components) {
      const [group, name] = id.split('/');
      assert.strictEqual(component.group, group, `${id}'s group is its namespace`);
      assert.strictEqual(design.groupOf.get(name), group);
      const same = infra.get(name);
      assert.ok(same, `${name} is in the infra.yaml`);
      assert.strictEqual(component.replicas, same.replicas, `${id}'s replicas`);
      assert.deepStrictEqual(calls(component.dependsOn), calls(same.dependsOn), `${id}'s calls (from its env addresses)`);
    }
    const scene = await buildScene(result);
    assert.strictEqual(scene.nodes.filter((n) => n.kind === 'group').length, 5);
    assert.strictEqual(scene.nodes.filter((n) => n.target.kind === 'component').length, 100, 'each workload once');
  });
});

describe('readability metric', () => {
  const line = (from: string, to: string, a: [number, number], b: [number, number]) => edge(from, to, { points: [{ x: a[0], y: a[1] }, { x: b[0], y: b[1] }] });

  it('counts two edges that cross once, and not edges that share an end or only touch', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => fixtureNode(`instance:${id}#0`));
    const x = fixtureScene(nodes, [line('instance:a#0', 'instance:b#0', [0, 0], [10, 10]), line('instance:c#0', 'instance:d#0', [0, 10], [10, 0])]);
    assert.strictEqual(readability(x).crossings, 1);
    const sharing = fixtureScene(nodes, [line('instance:a#0', 'instance:b#0', [0, 0], [10, 10]), line('instance:a#0', 'instance:d#0', [0, 10], [10, 0])]);
    assert.strictEqual(readability(sharing).crossings, 0);
    const touching = fixtureScene(nodes, [line('instance:a#0', 'instance:b#0', [0, 0], [10, 0]), line('instance:c#0', 'instance:d#0', [5, 0], [5, 10])]);
    assert.strictEqual(readability(touching).crossings, 0);
  });

  it('leaves dashed edges out of the solid count, and measures area per leaf', () => {
    const nodes = [fixtureNode('zone:z'), ...['a', 'b', 'c', 'd'].map((id) => fixtureNode(`instance:${id}#0`, { parent: 'zone:z' }))];
    const s = fixtureScene(nodes, [
      line('instance:a#0', 'instance:b#0', [0, 0], [10, 10]),
      { ...line('instance:c#0', 'instance:d#0', [0, 10], [10, 0]), optional: true },
    ]);
    const r = readability(s);
    assert.deepStrictEqual([r.crossings, r.solidCrossings, r.leaves, r.areaPerLeaf], [1, 0, 4, (400 * 300) / 4]);
  });

  it('follows Bézier curves, not their control points', () => {
    // The control points of this curve cross the vertical line; the curve itself bulges
    // to x ≈ 7.5 only, so a line at x = 9 is not crossed.
    const curve = edge('instance:a#0', 'instance:b#0', { curve: 'bezier', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }] });
    const vertical = (x: number) => line('instance:c#0', 'instance:d#0', [x, -5], [x, 15]);
    const nodes = ['a', 'b', 'c', 'd'].map((id) => fixtureNode(`instance:${id}#0`));
    assert.strictEqual(readability(fixtureScene(nodes, [curve, vertical(9)])).crossings, 0);
    assert.strictEqual(readability(fixtureScene(nodes, [curve, vertical(5)])).crossings, 2);
  });
});
