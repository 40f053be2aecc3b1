import * as assert from 'assert';
import { analyze } from '../../src/analysis/engine';
import type { AnalysisResult } from '../../src/analysis/engine';
import type { Finding } from '../../src/model/findings';
import {
  buildScene,
  instanceNodeId,
  orderStability,
  sceneNodeIdsAtPath,
  sceneNodeIdsFor,
} from '../../src/diagram';
import type { Scene, SceneNode } from '../../src/diagram';
import { ONE_SERVER, SMALL, ZONES } from '../../../test/support/diagram-designs';
import { generateDesign } from '../../../test/support/generate-design';
import { inside, sceneNode } from '../../../test/support/scene-queries';

const node = sceneNode;

/** The same analysis with these findings instead of the rules' (marking is tested alone). */
function withFindings(result: AnalysisResult, findings: Partial<Finding>[]): AnalysisResult {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    ...result,
    findings: findings.map((f) => ({ rule: 'x', severity: 'info', message: 'm', target: { kind: 'document', id: '' }, path: [], range: zero, ...f })),
    spofs: [],
  };
}

describe('diagram scene', () => {
  it('nests zones ⊃ hosts ⊃ instances, by parent and by geometry', async () => {
    const scene = await buildScene(analyze(ZONES));
    const zone = node(scene, 'zone:az-1');
    const host = node(scene, 'host:app-1');
    const app = node(scene, 'instance:app#0');
    assert.strictEqual(host.parent, 'zone:az-1');
    assert.strictEqual(app.parent, 'host:app-1');
    assert.ok(inside(host, zone), 'host inside its zone');
    assert.ok(inside(app, host), 'instance inside its host');
    assert.strictEqual(zone.parent, undefined);
  });

  it('puts replicas in their zone and a host-less component at the top level', async () => {
    const scene = await buildScene(analyze(ZONES));
    assert.strictEqual(node(scene, 'instance:cache#0').parent, 'zone:az-1');
    assert.strictEqual(node(scene, 'instance:cache#1').parent, 'zone:az-2');
    assert.ok(inside(node(scene, 'instance:cache#1'), node(scene, 'zone:az-2')));
    assert.strictEqual(node(scene, 'instance:cron#0').parent, undefined);
  });

  it('draws an empty host, and every node with a positive size', async () => {
    const scene = await buildScene(analyze(ZONES));
    const spare = node(scene, 'host:spare');
    assert.ok(inside(spare, node(scene, 'zone:az-2')));
    for (const n of scene.nodes) assert.ok(n.width > 0 && n.height > 0, n.id);
    assert.ok(scene.width > 0 && scene.height > 0);
  });

  it('names nodes by the id scheme, in the model order', async () => {
    const scene = await buildScene(analyze(ONE_SERVER));
    assert.deepStrictEqual(
      scene.nodes.map((n) => n.id),
      ['dns:foobar.com', 'dns:www.foobar.com', 'host:server-1', 'instance:web#0', 'instance:app#0', 'instance:db#0'],
    );
    assert.deepStrictEqual(
      scene.nodes.map((n) => n.kind),
      ['dns', 'dns', 'host', 'instance', 'instance', 'instance'],
    );
  });

  it('draws one arrow per dependsOn pair and per DNS record, optional ones marked', async () => {
    const scene = await buildScene(analyze(ZONES));
    const edges = scene.edges.map((e) => `${e.from} -> ${e.to}${e.optional ? ' (optional)' : ''}`);
    assert.deepStrictEqual(edges, [
      'instance:lb#0 -> instance:app#0',
      'instance:app#0 -> instance:db#0',
      'instance:app#0 -> instance:cache#0',
      'instance:cron#0 -> instance:db#0',
      'dns:shop.example -> instance:lb#0',
    ]);
    const small = await buildScene(analyze(SMALL));
    assert.deepStrictEqual(
      small.edges.map((e) => [e.id, e.optional]),
      [
        ['depends:api->db', false],
        ['depends:api->search', true],
      ],
    );
    for (const e of [...scene.edges, ...small.edges]) {
      assert.strictEqual((e.points.length - 1) % 3, 0, 'Bézier control points');
      assert.match(e.path ?? '', /^M[\d.,-]+( C[\d.,-]+ [\d.,-]+ [\d.,-]+)+$/);
      assert.ok(e.arrowTip);
    }
  });

  it('follows DNS records: an IP to its host, a CNAME to its name', async () => {
    const scene = await buildScene(analyze(ONE_SERVER));
    assert.deepStrictEqual(
      scene.edges.filter((e) => e.kind === 'dns').map((e) => `${e.from} -> ${e.to}`),
      ['dns:foobar.com -> host:server-1', 'dns:www.foobar.com -> dns:foobar.com'],
    );
  });

  it('puts DNS names on the left and data stores on the right', async () => {
    const scene = await buildScene(analyze(ZONES));
    const dns = node(scene, 'dns:shop.example');
    const instances = scene.nodes.filter((n) => n.kind === 'instance');
    for (const i of instances) assert.ok(dns.x + dns.width <= i.x, `DNS left of ${i.id}`);
    const db = node(scene, 'instance:db#0');
    const centre = (n: SceneNode): number => n.x + n.width / 2;
    for (const i of instances) assert.ok(centre(i) <= centre(db), `${i.id} not right of the database`);
    // All instances of one component share a column.
    assert.strictEqual(node(scene, 'instance:app#0').x, node(scene, 'instance:app#1').x);
  });

  it('marks SPOFs: a host, every instance of a component, a zone', async () => {
    const one = await buildScene(analyze(ONE_SERVER));
    const host = node(one, 'host:server-1');
    assert.strictEqual(host.status, 'spof');
    assert.strictEqual(host.spof, true);
    for (const id of ['instance:web#0', 'instance:app#0', 'instance:db#0']) assert.strictEqual(node(one, id).spof, true);
    assert.strictEqual(node(one, 'dns:foobar.com').spof, false);

    const zones = await buildScene(analyze(ZONES));
    assert.strictEqual(node(zones, 'zone:az-1').status, 'spof');
    assert.strictEqual(node(zones, 'zone:az-2').spof, false);
    assert.strictEqual(node(zones, 'instance:db#0').spof, false);
  });

  it('counts the findings about each element and shows the worst severity', async () => {
    const result = withFindings(analyze(ZONES), [
      { severity: 'warning', target: { kind: 'component', id: 'app' } },
      { severity: 'info', target: { kind: 'component', id: 'app' } },
      { severity: 'error', target: { kind: 'host', id: 'db-1' } },
      { severity: 'info', target: { kind: 'zone', id: 'az-2' } },
      { severity: 'error', target: { kind: 'dns', id: '@' } },
      { severity: 'error', target: { kind: 'document', id: '' } },
    ]);
    const scene = await buildScene(result);
    for (const id of ['instance:app#0', 'instance:app#1']) {
      assert.deepStrictEqual(node(scene, id).findings, { error: 0, warning: 1, info: 1 });
      assert.strictEqual(node(scene, id).status, 'warning');
    }
    assert.strictEqual(node(scene, 'host:db-1').status, 'error');
    assert.strictEqual(node(scene, 'zone:az-2').status, 'info');
    assert.strictEqual(node(scene, 'dns:shop.example').status, 'error', 'a DNS target given as written');
    assert.strictEqual(node(scene, 'host:lb-1').status, 'ok');
    assert.deepStrictEqual(node(scene, 'host:lb-1').findings, { error: 0, warning: 0, info: 0 });
  });

  it('gives each node the range of its key and the fault "fail this" fails', async () => {
    const result = analyze(ONE_SERVER);
    const scene = await buildScene(result);
    const lines = ONE_SERVER.split('\n');
    const line = (text: string): number => lines.indexOf(text);
    assert.deepStrictEqual(node(scene, 'host:server-1').range, { start: { line: line('  server-1:'), character: 2 }, end: { line: line('  server-1:'), character: 10 } });
    assert.deepStrictEqual(node(scene, 'instance:app#0').range.start, { line: line('  app:'), character: 2 });
    assert.strictEqual(node(scene, 'dns:www.foobar.com').range.start.line, line('  - name: www'));
    assert.deepStrictEqual(node(scene, 'instance:db#0').fault, { kind: 'instance', component: 'db', index: 0 });
    assert.deepStrictEqual(node(scene, 'host:server-1').fault, { kind: 'host', id: 'server-1' });
    assert.strictEqual(node(scene, 'dns:foobar.com').fault, undefined);
    const zones = await buildScene(analyze(ZONES));
    assert.deepStrictEqual(node(zones, 'zone:az-2').fault, { kind: 'zone', id: 'az-2' });
    assert.deepStrictEqual(node(zones, 'instance:lb#1').target, { kind: 'component', id: 'lb' });
  });

  it('lists every colour in the legend and keeps the title', async () => {
    const scene = await buildScene(analyze(ONE_SERVER));
    assert.deepStrictEqual(
      scene.legend.map((l) => l.status),
      ['ok', 'spof', 'error', 'warning', 'info', 'down', 'degraded'],
    );
    assert.strictEqual(scene.title, 'foobar-one-server');
  });

  it('truncates long labels for display and keeps the full text', async () => {
    const name = 'a'.repeat(60);
    const scene = await buildScene(analyze(`version: 1\nname: t\ncomponents:\n  ${name}: { type: service, software: "\\u202Eexe" }\n`));
    const n = node(scene, instanceNodeId(name, 0));
    assert.strictEqual(n.label, name);
    assert.strictEqual(n.displayLabel, 'a'.repeat(27) + '…');
    assert.strictEqual(n.displayDetail, '[U+202E]exe');
  });

  it('is deterministic: the same design gives the same scene', async () => {
    const a = await buildScene(analyze(ZONES));
    const b = await buildScene(analyze(ZONES));
    assert.deepStrictEqual(a, b);
    const big = generateDesign(50).text;
    assert.deepStrictEqual(await buildScene(analyze(big)), await buildScene(analyze(big)));
  });

  it('keeps the order of untouched nodes when one host is added', async () => {
    const before = await buildScene(analyze(generateDesign(50).text));
    const after = await buildScene(analyze(generateDesign(50, { extraHost: true }).text));
    assert.ok(after.nodes.some((n) => n.id === 'host:inserted-host'));
    const stability = orderStability(before, after);
    assert.ok(stability.pairs > 500, `compared ${stability.pairs} pairs`);
    assert.strictEqual(stability.kept, stability.pairs);

    const zonesBefore = await buildScene(analyze(ZONES));
    const zonesAfter = await buildScene(analyze(ZONES.replace('  spare: { zone: az-2 }', '  spare: { zone: az-2 }\n  spare-2: { zone: az-1 }')));
    const small = orderStability(zonesBefore, zonesAfter);
    assert.ok(small.pairs > 10);
    assert.strictEqual(small.percent, 100);
  });

  it('keeps the order of untouched nodes when one component is added', async () => {
    const before = await buildScene(analyze(generateDesign(50).text));
    const after = await buildScene(analyze(generateDesign(50, { extraComponent: true }).text));
    assert.ok(after.nodes.some((n) => n.id === 'instance:inserted-worker#0'));
    assert.strictEqual(orderStability(before, after).percent, 100);
  });

  it('keeps the order of every untouched node when one component is added at 1,000 components', async function () {
    // The size where dot's mincross alone moved 15 of 209,273 sibling pairs (db hosts pulled
    // towards the new component's edge); smaller designs kept their order without help.
    const before = await buildScene(analyze(generateDesign(1000).text));
    const after = await buildScene(analyze(generateDesign(1000, { extraComponent: true }).text));
    const stability = orderStability(before, after);
    assert.ok(stability.pairs > 200_000, `compared ${stability.pairs} pairs`);
    assert.strictEqual(stability.kept, stability.pairs);
  });

  it('notices a reordering (the stability measure can fail)', async () => {
    const before = await buildScene(analyze(ZONES));
    const mirrored: Scene = {
      ...before,
      nodes: before.nodes.map((n) => ({ ...n, x: before.width - n.x - n.width, y: before.height - n.y - n.height })),
    };
    assert.strictEqual(orderStability(before, mirrored).kept, 0);
  });

  it('still draws a broken or empty document', async () => {
    const broken = await buildScene(analyze('version: 1\ncomponents: [oops\n'));
    assert.deepStrictEqual(broken.nodes, []);
    const empty = await buildScene(analyze(''));
    assert.deepStrictEqual(empty.edges, []);
  });

  it('maps model elements and document paths to node ids', () => {
    const result = analyze(ZONES);
    const { model, design } = result;
    assert.deepStrictEqual(sceneNodeIdsFor(model, { kind: 'component', id: 'app' }), ['instance:app#0', 'instance:app#1']);
    assert.deepStrictEqual(sceneNodeIdsFor(model, { kind: 'host', id: 'lb-1' }, design), ['host:lb-1']);
    assert.deepStrictEqual(sceneNodeIdsFor(model, { kind: 'zone', id: 'nope' }, design), []);
    assert.deepStrictEqual(sceneNodeIdsFor(model, { kind: 'dns', id: '@' }, design), ['dns:shop.example']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(model, design, ['components', 'db', 'runsOn', 1]), ['instance:db#1']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(model, design, ['components', 'db', 'software']), ['instance:db#0', 'instance:db#1']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(model, design, ['hosts', 'spare']), ['host:spare']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(model, design, ['dns', 0, 'target']), ['dns:shop.example']);
    assert.deepStrictEqual(sceneNodeIdsAtPath(model, design, ['load']), []);
  });
});
