// Small hand-made scenes for the preview's tests.

import type { Scene, SceneEdge, SceneNode } from '../../server/src/diagram/scene-types';

export function node(id: string, overrides: Partial<SceneNode> = {}): SceneNode {
  const [kind, name] = id.split(':') as [SceneNode['kind'], string];
  return {
    id,
    kind,
    label: name,
    x: 10,
    y: 20,
    width: 100,
    height: 38,
    status: 'ok',
    spof: false,
    findings: { error: 0, warning: 0, info: 0 },
    target: { kind: kind === 'instance' || kind === 'workload' ? 'component' : kind, id: name },
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } },
    ...overrides,
  };
}

export function edge(from: string, to: string, overrides: Partial<SceneEdge> = {}): SceneEdge {
  return { id: `${from}->${to}`, from, to, optional: false, points: [{ x: 0, y: 0 }, { x: 10, y: 10 }], ...overrides };
}

export function scene(nodes: SceneNode[], edges: SceneEdge[] = []): Scene {
  return { width: 400, height: 300, nodes, edges, legend: [{ status: 'spof', label: 'Single point of failure' }] };
}

/** The one-server stack: a zone, a host, three instances, web → app → db. */
export function oneServer(): Scene {
  return scene(
    [
      node('zone:a', { width: 300, height: 200 }),
      node('host:server-1', { parent: 'zone:a', spof: true, status: 'spof', fault: { kind: 'host', id: 'server-1' } }),
      node('instance:web#0', { parent: 'host:server-1', detail: 'nginx', fault: { kind: 'instance', component: 'web', index: 0 } }),
      node('instance:app#0', { parent: 'host:server-1', findings: { error: 1, warning: 2, info: 0 } }),
      node('instance:db#0', { parent: 'host:server-1', status: 'warning' }),
    ],
    [edge('instance:web#0', 'instance:app#0'), edge('instance:app#0', 'instance:db#0')],
  );
}
