import { strict as assert } from 'node:assert';
import { SVG_NS } from '../../../client/src/preview/dom';
import { heatLevel, NO_MARKS, SceneRenderer, arrowHead, edgePath, paintOrder } from '../../../client/src/preview/scene-render';
import { nodeLayers, ShimDocument, ShimElement } from '../../../test/support/dom-shim';
import { edge, node, oneServer, scene } from '../../../test/support/scene-fixtures';

function setup(): { doc: ShimDocument; root: ShimElement; renderer: SceneRenderer; nodes: () => ShimElement; edges: () => ShimElement } {
  const doc = new ShimDocument();
  const root = doc.createElementNS(SVG_NS, 'g');
  const renderer = new SceneRenderer(doc, root);
  return { doc, root, renderer, edges: () => root.children[1], nodes: () => nodeLayers(root) };
}

const ids = (layer: ShimElement): (string | null)[] => layer.children.map((c) => c.getAttribute('data-node-id') ?? c.getAttribute('data-edge-id'));

describe('client: scene renderer', () => {
  it('draws every node as a <g> with stable ids and data attributes, containers first', () => {
    const { renderer, nodes } = setup();
    renderer.render(oneServer());
    assert.deepEqual(ids(nodes()), ['zone:a', 'host:server-1', 'instance:web#0', 'instance:app#0', 'instance:db#0']);
    const host = nodes().children[1];
    assert.equal(host.tagName, 'g');
    assert.equal(host.namespace, SVG_NS);
    assert.equal(host.getAttribute('id'), 'host:server-1');
    assert.equal(host.getAttribute('data-kind'), 'host');
    assert.equal(host.getAttribute('data-status'), 'spof');
    assert.equal(host.getAttribute('data-spof'), 'true');
    assert.ok(host.classList.contains('ir-spof'));
    assert.ok(host.classList.contains('ir-can-fail'));
    const badge = [...host.descendants()].find((e) => e.classList.contains('ir-badge-spof'));
    assert.equal(badge?.textContent, 'SPOF');
  });

  it('shows the findings count of a node in a badge coloured by the worst severity', () => {
    const { renderer, nodes } = setup();
    renderer.render(oneServer());
    const app = nodes().children.find((c) => c.getAttribute('data-node-id') === 'instance:app#0');
    const badge = [...(app?.descendants() ?? [])].find((e) => e.classList.contains('ir-badge-findings'));
    assert.equal(badge?.textContent, '3');
    assert.ok(badge?.classList.contains('ir-sev-error'));
    assert.equal(app?.getAttribute('data-findings'), '3');
  });

  it('sets a name made of markup as text: no element is created from it', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { doc, renderer, root } = setup();
    renderer.render(scene([node('host:evil', { label: hostile, detail: '</text><script>alert(2)</script>' })]));
    const allowed = new Set(['g', 'path', 'rect', 'text', 'title']);
    for (const el of doc.created) assert.ok(allowed.has(el.tagName), `created <${el.tagName}>`);
    const label = [...root.descendants()].find((e) => e.classList.contains('ir-label'));
    assert.equal(label?.textContent, hostile);
    assert.equal(label?.children.length, 0);
    const xml = root.serialize();
    assert.ok(xml.includes('&lt;img src=x onerror=alert(1)&gt;'), xml);
    assert.ok(!xml.includes('<img') && !xml.includes('<script'));
  });

  it('prefers the display label (made visible and shortened by the server) and keeps the full name in the tooltip', () => {
    const { renderer, root } = setup();
    renderer.render(scene([node('instance:x#0', { label: 'a\u202Eb-very-long-name', displayLabel: 'a[U+202E]b-very…' })]));
    const label = [...root.descendants()].find((e) => e.classList.contains('ir-label'));
    const title = [...root.descendants()].find((e) => e.tagName === 'title');
    assert.equal(label?.textContent, 'a[U+202E]b-very…');
    assert.match(title?.textContent ?? '', /^a\[U\+202E\]b-very-long-name/);
  });

  it('on a re-render, keeps the elements of unchanged nodes and touches only what changed', () => {
    const { renderer, nodes } = setup();
    renderer.render(oneServer());
    const before = new Map(nodes().children.map((c) => [c.getAttribute('data-node-id'), c]));
    const beforeHostChildren = [...before.get('host:server-1')!.children];
    const next = oneServer();
    next.nodes = next.nodes.filter((n) => n.id !== 'instance:db#0');
    next.nodes.find((n) => n.id === 'instance:web#0')!.label = 'web-renamed';
    next.nodes.push(node('instance:cache#0', { parent: 'host:server-1' }));
    const stats = renderer.render(next);
    assert.deepEqual(stats.nodes, { remove: 1, add: 1, update: 1, keep: 3 });
    assert.deepEqual(ids(nodes()), ['zone:a', 'host:server-1', 'instance:web#0', 'instance:app#0', 'instance:cache#0']);
    for (const id of ['zone:a', 'host:server-1', 'instance:web#0', 'instance:app#0']) assert.equal(nodes().children.find((c) => c.getAttribute('data-node-id') === id), before.get(id), id);
    assert.deepEqual(nodes().children[1].children, beforeHostChildren, 'an unchanged node is not redrawn');
    const web = nodes().children[2];
    assert.equal([...web.descendants()].find((e) => e.classList.contains('ir-label'))?.textContent, 'web-renamed');
  });

  it('follows a change of order in the scene', () => {
    const { renderer, nodes } = setup();
    const s = scene([node('host:a'), node('host:b'), node('host:c')]);
    renderer.render(s);
    renderer.render(scene([node('host:c'), node('host:a'), node('host:b')]));
    assert.deepEqual(ids(nodes()), ['host:c', 'host:a', 'host:b']);
  });

  it('draws edges below nodes, marks optional ones and removes gone ones', () => {
    const { renderer, edges } = setup();
    renderer.render(oneServer());
    assert.deepEqual(ids(edges()), ['instance:web#0->instance:app#0', 'instance:app#0->instance:db#0']);
    const next = oneServer();
    next.edges = [edge('instance:web#0', 'instance:app#0', { optional: true })];
    renderer.render(next);
    assert.deepEqual(ids(edges()), ['instance:web#0->instance:app#0']);
    assert.ok(edges().children[0].classList.contains('ir-edge-optional'));
  });

  it('marks selection, highlight and what-if states, greying edges into down nodes', () => {
    const { renderer, nodes, edges } = setup();
    renderer.render(oneServer());
    renderer.mark({ ...NO_MARKS, selected: 'host:server-1', highlighted: new Set(['instance:web#0']), down: new Set(['instance:db#0']), degraded: new Set(['instance:app#0']), failed: new Set(['host:server-1']) });
    const el = (id: string): ShimElement => nodes().children.find((c) => c.getAttribute('data-node-id') === id)!;
    assert.ok(el('host:server-1').classList.contains('ir-selected'));
    assert.ok(el('host:server-1').classList.contains('ir-failed'));
    assert.ok(el('instance:web#0').classList.contains('ir-highlight'));
    assert.ok(el('instance:db#0').classList.contains('ir-down'));
    assert.ok(el('instance:app#0').classList.contains('ir-degraded'));
    assert.deepEqual(
      edges().children.map((e) => e.classList.contains('ir-down')),
      [false, true],
    );
    renderer.mark(NO_MARKS);
    assert.ok(!el('instance:db#0').classList.contains('ir-down'));
    assert.ok(!el('host:server-1').classList.contains('ir-selected'));
  });

  it('sets the heat-map level of each node while the heat map is on, and clears it when off', () => {
    const { renderer, nodes } = setup();
    renderer.render(oneServer());
    const el = (id: string): ShimElement => nodes().children.find((c) => c.getAttribute('data-node-id') === id)!;
    renderer.mark({ ...NO_MARKS, heat: new Map([['host:server-1', heatLevel(0.4)], ['instance:web#0', heatLevel(0.02)]]) });
    assert.equal(el('host:server-1').getAttribute('data-heat'), '5');
    assert.equal(el('instance:web#0').getAttribute('data-heat'), '2');
    assert.equal(el('instance:db#0').getAttribute('data-heat'), null);
    renderer.mark(NO_MARKS);
    assert.equal(el('host:server-1').getAttribute('data-heat'), null);
  });

  it('heat levels follow the legend: each share falls in the band whose bounds hold it', () => {
    assert.deepEqual([0, 0.009, 0.01, 0.05, 0.1, 0.249, 0.25, 1].map(heatLevel), [1, 1, 2, 3, 4, 4, 5, 5]);
  });

  it('orders containers before their contents whatever the scene order', () => {
    const ordered = paintOrder([node('instance:w#0', { parent: 'host:h' }), node('host:h', { parent: 'zone:z' }), node('zone:z'), node('dns:www')]);
    assert.deepEqual(
      ordered.map((n) => n.id),
      ['zone:z', 'dns:www', 'host:h', 'instance:w#0'],
    );
  });

  it('uses the server path only when it is numbers and commands, else rebuilds it from the points', () => {
    assert.equal(edgePath(edge('a', 'b', { path: 'M1,2 C3,4 5,6 7,8' })), 'M1,2 C3,4 5,6 7,8');
    const points = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }];
    assert.equal(edgePath(edge('a', 'b', { path: 'M0,0 url(javascript:alert(1))', points, curve: 'bezier' })), 'M0,0 C1,1 2,2 3,3');
    assert.equal(edgePath(edge('a', 'b', { points: [{ x: 0, y: 0 }, { x: 5, y: 0 }] })), 'M0,0 L5,0');
    assert.match(arrowHead(edge('a', 'b', { points: [{ x: 0, y: 0 }, { x: 10, y: 0 }], arrowTip: { x: 20, y: 0 } })) ?? '', /^M20,0 L/);
  });
});
