import { strict as assert } from 'node:assert';
import { SVG_NS } from '../../../client/src/preview/dom';
import { drawnIds, neighbourhood } from '../../../client/src/preview/focus';
import { parseFromWebview } from '../../../client/src/preview/messages';
import { NO_MARKS, SceneRenderer, replicaBadge } from '../../../client/src/preview/scene-render';
import { findNodes, nextMatch } from '../../../client/src/preview/search';
import type { Scene } from '../../../server/src/diagram/scene-types';
import { nodeLayers, ShimDocument, ShimElement } from '../../../test/support/dom-shim';
import { edge, node, scene } from '../../../test/support/scene-fixtures';

/** dns → lb → api → db, api → cache, and an unrelated pair batch → queue; api and db in group:shop. */
function chain(): Scene {
  return scene(
    [
      node('dns:shop.example'),
      node('group:shop', { width: 300, height: 200 }),
      node('instance:lb#0'),
      node('workload:api', { parent: 'group:shop', replicas: 3, zones: ['a', 'b'], fault: { kind: 'instance', component: 'api', index: 0 } }),
      node('workload:db', { parent: 'group:shop', label: 'orders-db', replicas: 2 }),
      node('instance:cache#0'),
      node('instance:batch#0'),
      node('instance:queue#0'),
    ],
    [
      edge('dns:shop.example', 'instance:lb#0'),
      edge('instance:lb#0', 'workload:api'),
      edge('workload:api', 'workload:db'),
      edge('workload:api', 'instance:cache#0'),
      edge('instance:batch#0', 'instance:queue#0'),
    ],
  );
}

describe('client: focus and search', () => {
  it('focuses on what a node depends on and what depends on it, transitively, with the boxes around them', () => {
    const n = neighbourhood(chain(), 'instance:lb#0');
    assert.deepEqual([...n.centre], ['instance:lb#0']);
    assert.deepEqual([...n.dependsOn].sort(), ['instance:cache#0', 'workload:api', 'workload:db']);
    assert.deepEqual([...n.dependents], ['dns:shop.example']);
    assert.ok(n.shown.has('group:shop'), 'the group around api and db stays in view');
    assert.ok(!n.shown.has('instance:batch#0') && !n.shown.has('instance:queue#0'), 'the unrelated pair is dimmed');
  });

  it('focuses on a container as on everything in it', () => {
    const n = neighbourhood(chain(), 'group:shop');
    assert.deepEqual([...n.centre].sort(), ['group:shop', 'workload:api', 'workload:db']);
    assert.ok(n.dependents.has('instance:lb#0') && n.dependents.has('dns:shop.example'));
    assert.ok(n.dependsOn.has('instance:cache#0'));
    assert.equal(neighbourhood(chain(), 'instance:gone#0').shown.size, 0, 'an unknown node shows nothing');
  });

  it('maps ids hidden in a collapsed group to the group, and drops ids not drawn', () => {
    const s = scene([node('group:shop', { collapsed: true, members: ['workload:api', 'workload:db'] }), node('instance:lb#0')]);
    assert.deepEqual(drawnIds(s, ['workload:api', 'workload:db', 'instance:lb#0', 'instance:gone#0']), ['group:shop', 'instance:lb#0']);
  });

  it('finds nodes by name or id, best match first, ignoring case', () => {
    const s = chain();
    assert.deepEqual(findNodes(s, 'API'), ['workload:api']);
    assert.deepEqual(findNodes(s, '  db '), ['workload:db'], 'by id when the name does not say it (orders-db also contains db)');
    assert.deepEqual(findNodes(s, 'orders'), ['workload:db']);
    assert.deepEqual(findNodes(s, 'a').slice(0, 4), ['workload:api', 'dns:shop.example', 'instance:cache#0', 'instance:batch#0'], 'a prefix before substrings, those in drawing order');
    assert.deepEqual(findNodes(s, 'instance:'), ['instance:lb#0', 'instance:cache#0', 'instance:batch#0', 'instance:queue#0']);
    assert.deepEqual(findNodes(s, ''), []);
    assert.deepEqual(findNodes(s, 'nothing-like-it'), []);
  });

  it('steps through the matches, wrapping round both ways', () => {
    const m = ['a', 'b', 'c'];
    assert.equal(nextMatch(m, undefined), 'a');
    assert.equal(nextMatch(m, 'a'), 'b');
    assert.equal(nextMatch(m, 'c'), 'a');
    assert.equal(nextMatch(m, 'a', -1), 'c');
    assert.equal(nextMatch(m, 'gone', -1), 'c');
    assert.equal(nextMatch([], 'a'), undefined);
  });

  it('accepts the focus and group messages from the webview, well formed only', () => {
    assert.deepEqual(parseFromWebview({ type: 'blastRadius', nodeId: 'workload:api' }), { type: 'blastRadius', nodeId: 'workload:api' });
    assert.deepEqual(parseFromWebview({ type: 'toggleGroup', group: 'shop', x: 1 }), { type: 'toggleGroup', group: 'shop' });
    for (const bad of [{ type: 'toggleGroup' }, { type: 'toggleGroup', group: 1 }, { type: 'blastRadius', nodeId: null }]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('client: renderer, groups and ×N badges', () => {
  function setup(): { renderer: SceneRenderer; nodes: () => ShimElement; edges: () => ShimElement } {
    const doc = new ShimDocument();
    const root = doc.createElementNS(SVG_NS, 'g');
    const renderer = new SceneRenderer(doc, root);
    return { renderer, edges: () => root.children[1], nodes: () => nodeLayers(root) };
  }
  const byId = (layer: ShimElement, id: string): ShimElement => {
    const found = layer.children.find((c) => c.getAttribute('data-node-id') === id || c.getAttribute('data-edge-id') === id);
    assert.ok(found, id);
    return found;
  };
  const find = (el: ShimElement, cls: string): ShimElement | undefined => [...el.descendants()].find((e) => e.classList.contains(cls));

  it('draws a ×N badge with the replica count, and the zones in the tooltip', () => {
    const { renderer, nodes } = setup();
    renderer.render(chain());
    const api = byId(nodes(), 'workload:api');
    assert.equal(api.getAttribute('data-kind'), 'workload');
    assert.equal(api.getAttribute('data-replicas'), '3');
    assert.equal(find(api, 'ir-badge-replicas')?.textContent, '×3');
    assert.match(api.children[0].textContent ?? '', /3 replicas in a, b/);
  });

  it('says how many replicas a what-if lost on the badge, and clears it', () => {
    const { renderer, nodes } = setup();
    renderer.render(chain());
    renderer.mark({ ...NO_MARKS, lost: new Map([['workload:api', 1]]) });
    const api = byId(nodes(), 'workload:api');
    assert.equal(find(api, 'ir-badge-replicas')?.textContent, '×3 · 1 down');
    assert.ok(api.classList.contains('ir-partly-down'));
    assert.equal(api.getAttribute('data-lost-replicas'), '1');
    renderer.mark(NO_MARKS);
    assert.equal(find(api, 'ir-badge-replicas')?.textContent, '×3');
    assert.ok(!api.classList.contains('ir-partly-down'));
    assert.equal(replicaBadge(2, 0), '×2');
  });

  it('gives a group a collapse button, and a collapsed one an expand button', () => {
    const { renderer, nodes } = setup();
    renderer.render(chain());
    const toggle = find(byId(nodes(), 'group:shop'), 'ir-group-toggle');
    assert.equal(toggle?.getAttribute('data-toggle-group'), 'shop');
    assert.equal(toggle?.getAttribute('role'), 'button');
    assert.equal(toggle?.getAttribute('tabindex'), '0');
    assert.equal(toggle?.getAttribute('aria-label'), 'Collapse group shop');
    renderer.render(scene([node('group:shop', { collapsed: true, members: ['workload:api'] })]));
    const collapsed = byId(nodes(), 'group:shop');
    assert.equal(collapsed.getAttribute('data-collapsed'), 'true');
    assert.equal(find(collapsed, 'ir-group-toggle')?.getAttribute('aria-label'), 'Expand group shop');
  });

  it('dims what is outside the focus, edges included, and outlines the blast radius', () => {
    const { renderer, nodes, edges } = setup();
    const s = chain();
    renderer.render(s);
    const around = neighbourhood(s, 'workload:db');
    renderer.mark({ ...NO_MARKS, focus: { centre: 'workload:db', shown: around.shown, blast: new Set(['workload:api', 'instance:lb#0']) } });
    assert.ok(byId(nodes(), 'instance:batch#0').classList.contains('ir-dimmed'));
    assert.ok(byId(nodes(), 'instance:cache#0').classList.contains('ir-dimmed'), 'cache is a sibling dependency, not on db’s path');
    assert.ok(!byId(nodes(), 'instance:lb#0').classList.contains('ir-dimmed'));
    assert.ok(byId(nodes(), 'instance:lb#0').classList.contains('ir-blast'));
    assert.ok(byId(nodes(), 'workload:db').classList.contains('ir-focus-centre'));
    assert.ok(byId(edges(), 'instance:batch#0->instance:queue#0').classList.contains('ir-dimmed'));
    assert.ok(!byId(edges(), 'workload:api->workload:db').classList.contains('ir-dimmed'));
    renderer.mark(NO_MARKS);
    assert.ok(!nodes().children.some((c) => c.classList.contains('ir-dimmed')), 'Show all brings everything back');
  });

  it('marks search matches and the current one', () => {
    const { renderer, nodes } = setup();
    renderer.render(chain());
    renderer.mark({ ...NO_MARKS, matches: new Set(['instance:cache#0', 'instance:batch#0']), currentMatch: 'instance:batch#0' });
    assert.ok(byId(nodes(), 'instance:cache#0').classList.contains('ir-match'));
    assert.ok(!byId(nodes(), 'instance:cache#0').classList.contains('ir-match-current'));
    assert.ok(byId(nodes(), 'instance:batch#0').classList.contains('ir-match-current'));
  });

  it('draws a merged edge thicker and says how many links it stands for', () => {
    const { renderer, edges } = setup();
    renderer.render(scene([node('instance:a#0'), node('group:g', { collapsed: true })], [edge('instance:a#0', 'group:g', { merged: 4 })]));
    const merged = byId(edges(), 'instance:a#0->group:g');
    assert.equal(merged.getAttribute('data-merged'), '4');
    assert.ok(merged.classList.contains('ir-edge-merged'));
    assert.match(merged.getAttribute('style') ?? '', /--ir-edge-width: 3\.2px/);
  });
});
