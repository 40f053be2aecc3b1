// Focus: one element's neighbourhood in the scene — everything it depends on and everything
// that depends on it, following the arrows as far as they go — plus the boxes around them,
// so that the rest can be dimmed. Its blast radius (what goes down with it) comes from the
// server's what-if, which knows the failure model; this module only reads the drawn scene.

import type { Scene, SceneNode } from '../../../server/src/diagram/scene-types';

export interface Neighbourhood {
  /** The focused node and what it contains. */
  centre: ReadonlySet<string>;
  /** Reached along the arrows from the centre: what it needs (DNS names reach their targets). */
  dependsOn: ReadonlySet<string>;
  /** Reach the centre along the arrows: what needs it. */
  dependents: ReadonlySet<string>;
  /** Every node to keep in full view: the three sets and the boxes that contain them. */
  shown: ReadonlySet<string>;
}

export function neighbourhood(scene: Scene, nodeId: string): Neighbourhood {
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  const centre = new Set<string>();
  if (byId.has(nodeId)) {
    centre.add(nodeId);
    // A container's focus is everything in it.
    const childrenOf = new Map<string, SceneNode[]>();
    for (const node of scene.nodes) {
      if (node.parent === undefined) continue;
      childrenOf.set(node.parent, [...(childrenOf.get(node.parent) ?? []), node]);
    }
    const stack = [nodeId];
    while (stack.length) {
      for (const child of childrenOf.get(stack.pop() as string) ?? []) {
        if (centre.has(child.id)) continue;
        centre.add(child.id);
        stack.push(child.id);
      }
    }
  }
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const edge of scene.edges) {
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge.to]);
    into.set(edge.to, [...(into.get(edge.to) ?? []), edge.from]);
  }
  const dependsOn = reach(centre, out);
  const dependents = reach(centre, into);
  const shown = new Set<string>([...centre, ...dependsOn, ...dependents]);
  for (const id of [...shown]) {
    const seen = new Set<string>();
    for (let p = byId.get(id)?.parent; p !== undefined && !seen.has(p); p = byId.get(p)?.parent) {
      seen.add(p);
      shown.add(p);
    }
  }
  return { centre, dependsOn, dependents, shown };
}

/** Every node reached from `from` along `next`, `from` itself left out. */
function reach(from: ReadonlySet<string>, next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    for (const id of next.get(stack.pop() as string) ?? []) {
      if (seen.has(id) || from.has(id)) continue;
      seen.add(id);
      stack.push(id);
    }
  }
  return seen;
}

/**
 * Node ids as the scene draws them: a node hidden in a collapsed group becomes the group's
 * node, an id the scene does not draw is dropped, and each id comes once.
 */
export function drawnIds(scene: Scene, ids: Iterable<string>): string[] {
  const drawn = new Set(scene.nodes.map((n) => n.id));
  const standIn = new Map<string, string>();
  for (const node of scene.nodes) for (const member of node.members ?? []) standIn.set(member, node.id);
  const out = new Set<string>();
  for (const id of ids) {
    const shown = drawn.has(id) ? id : standIn.get(id);
    if (shown !== undefined) out.add(shown);
  }
  return [...out];
}
