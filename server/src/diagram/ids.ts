// The scene's node ids. They are derived from the model's ids, so they stay the same across
// edits: the preview diffs by them, and tests and the end-to-end suite find nodes by them.

import type { FailureModel, FaultElement } from '../analysis/failure-types';
import { absoluteName } from '../model/build';
import type { Design, Path } from '../model/types';

export const zoneNodeId = (id: string): string => `zone:${id}`;
export const hostNodeId = (id: string): string => `host:${id}`;
export const instanceNodeId = (component: string, index: number): string => `instance:${component}#${index}`;
export const dnsNodeId = (fqdn: string): string => `dns:${fqdn}`;

/** The node a fault element is drawn as. */
export function faultNodeId(element: FaultElement): string {
  switch (element.kind) {
    case 'zone':
      return zoneNodeId(element.id);
    case 'host':
      return hostNodeId(element.id);
    case 'instance':
      return instanceNodeId(element.component, element.index);
  }
}

/**
 * The nodes that show a model element: a component is drawn once per instance, a host, a
 * zone or a DNS name (given as written or as its absolute name) once. Unknown ids give [].
 */
export function sceneNodeIdsFor(
  model: FailureModel,
  target: { kind: 'component' | 'host' | 'zone' | 'dns'; id: string },
  design?: Design,
): string[] {
  switch (target.kind) {
    case 'component':
      return (model.instances.get(target.id) ?? []).map((i) => instanceNodeId(i.component, i.index));
    case 'host':
      return design && !design.hosts.has(target.id) ? [] : [hostNodeId(target.id)];
    case 'zone':
      return design && !design.zones.has(target.id) ? [] : [zoneNodeId(target.id)];
    case 'dns':
      return [dnsNodeId(design ? absoluteName(target.id, design.domain) : target.id)];
  }
}

/** The nodes of the components that go down (or are degraded) in a what-if answer. */
export function sceneNodeIdsOfComponents(model: FailureModel, components: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const c of components) ids.push(...sceneNodeIdsFor(model, { kind: 'component', id: c }));
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
      if (instance) return [instanceNodeId(key, instance.index)];
    }
    return sceneNodeIdsFor(model, { kind: 'component', id: key });
  }
  if (section === 'hosts' && typeof key === 'string' && design.hosts.has(key)) return [hostNodeId(key)];
  if (section === 'zones' && typeof key === 'string' && design.zones.has(key)) return [zoneNodeId(key)];
  if (section === 'dns' && typeof key === 'number') {
    const record = design.dns.find((r) => r.index === key);
    if (record) return [dnsNodeId(record.fqdn)];
  }
  return [];
}
