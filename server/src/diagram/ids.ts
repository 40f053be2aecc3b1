// The scene's node ids. They are derived from the model's ids, so they stay the same across
// edits: the preview diffs by them, and tests and the end-to-end suite find nodes by them.

import type { FailureModel, FaultElement, Instance } from '../analysis/failure-types';
import { absoluteName } from '../model/build';
import type { Component, Design, Path } from '../model/types';

export const zoneNodeId = (id: string): string => `zone:${id}`;
export const hostNodeId = (id: string): string => `host:${id}`;
export const instanceNodeId = (component: string, index: number): string => `instance:${component}#${index}`;
/** A component drawn once for all its instances, with a ×N badge (see `drawnOnce`). */
export const workloadNodeId = (component: string): string => `workload:${component}`;
export const groupNodeId = (group: string): string => `group:${group}`;
export const dnsNodeId = (fqdn: string): string => `dns:${fqdn}`;

/**
 * Whether a component's instances are drawn as one box with a ×N badge rather than one box
 * each: when it has several, none runs on a modelled host (each sits on an unmodelled node
 * of its own, so N boxes would say nothing N does not), and they would all be drawn in one
 * place anyway: its group, or one zone (or none). Replicas spread over zones outside a group
 * keep a box each, in their zones, since there the boxes show where each one runs.
 */
export function drawnOnce(design: Design, component: Component | undefined, instances: readonly Instance[]): boolean {
  if (instances.length < 2) return false;
  if (instances.some((i) => i.host !== undefined && design.hosts.has(i.host))) return false;
  if (component?.group !== undefined) return true;
  return new Set(instances.map((i) => (i.zone !== undefined && design.zones.has(i.zone) ? i.zone : ''))).size === 1;
}

/** Instance → the scene node it is drawn in (its own, or its component's ×N node). */
export type InstanceNodeIds = (component: string, index: number) => string;

export function instanceNodeIdsOf(design: Design, model: FailureModel): InstanceNodeIds {
  const once = new Map<string, boolean>();
  return (component, index) => {
    let single = once.get(component);
    if (single === undefined) {
      single = drawnOnce(design, design.components.get(component), model.instances.get(component) ?? []);
      once.set(component, single);
    }
    return single ? workloadNodeId(component) : instanceNodeId(component, index);
  };
}

/** The node a fault element is drawn as (pass `instanceNodeIdsOf` for the design's ×N nodes). */
export function faultNodeId(element: FaultElement, instanceNode: InstanceNodeIds = instanceNodeId): string {
  switch (element.kind) {
    case 'zone':
      return zoneNodeId(element.id);
    case 'host':
      return hostNodeId(element.id);
    case 'instance':
      return instanceNode(element.component, element.index);
  }
}

/**
 * The nodes that show a model element: a component is drawn once per instance (or once, with
 * a ×N badge), a host, a zone or a DNS name (given as written or as its absolute name) once.
 * Unknown ids give [].
 */
export function sceneNodeIdsFor(
  model: FailureModel,
  target: { kind: 'component' | 'host' | 'zone' | 'dns'; id: string },
  design?: Design,
): string[] {
  switch (target.kind) {
    case 'component': {
      const nodeOf = design ? instanceNodeIdsOf(design, model) : instanceNodeId;
      return [...new Set((model.instances.get(target.id) ?? []).map((i) => nodeOf(i.component, i.index)))];
    }
    case 'host':
      return design && !design.hosts.has(target.id) ? [] : [hostNodeId(target.id)];
    case 'zone':
      return design && !design.zones.has(target.id) ? [] : [zoneNodeId(target.id)];
    case 'dns':
      return [dnsNodeId(design ? absoluteName(target.id, design.domain) : target.id)];
  }
}

/** The nodes of the components that go down (or are degraded) in a what-if answer. */
export function sceneNodeIdsOfComponents(model: FailureModel, components: Iterable<string>, design?: Design): string[] {
  const ids: string[] = [];
  for (const c of components) ids.push(...sceneNodeIdsFor(model, { kind: 'component', id: c }, design));
  return ids;
}

/**
 * The nodes of the element at a path in the document (the cursor's, for highlighting):
 * `components.web` → every instance of web, `components.web.runsOn.1` → instance 1,
 * `hosts.h`, `zones.z` → that node, `dns.2` → the node of record 2's name.
 */
export function sceneNodeIdsAtPath(model: FailureModel, design: Design, path: Path): string[] {
  const [section, key, field, item] = path;
  if (section === 'components' && typeof key === 'string') {
    if (!model.instances.has(key)) return [];
    if (field === 'runsOn' && typeof item === 'number') {
      const instance = model.instances.get(key)?.find((i) => i.path[2] === 'runsOn' && i.path[3] === item);
      if (instance) return [instanceNodeIdsOf(design, model)(key, instance.index)];
    }
    return sceneNodeIdsFor(model, { kind: 'component', id: key }, design);
  }
  if (section === 'hosts' && typeof key === 'string' && design.hosts.has(key)) return [hostNodeId(key)];
  if (section === 'zones' && typeof key === 'string' && design.zones.has(key)) return [zoneNodeId(key)];
  if (section === 'dns' && typeof key === 'number') {
    const record = design.dns.find((r) => r.index === key);
    if (record) return [dnsNodeId(record.fqdn)];
  }
  return [];
}
