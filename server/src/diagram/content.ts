// What the diagram shows, before layout: boxes (zones ⊃ hosts ⊃ instances, and DNS names)
// and links (dependsOn, DNS records), in the model's order. Everything here is derived from
// the design and its failure model; positions come later (layout.ts).

import type { FailureModel, FaultElement, Instance } from '../analysis/failure-types';
import { absoluteName } from '../model/build';
import type { Component, Design, DnsRecord, Path } from '../model/types';
import { typeIs } from '../model/component-types';
import { effectiveMode } from '../model/types';
import type { SceneNode, SceneNodeKind } from './scene-types';
import { dnsNodeId, hostNodeId, instanceNodeId, zoneNodeId } from './ids';

export interface DiagramBox {
  id: string;
  kind: SceneNodeKind;
  label: string;
  detail?: string;
  /** The zone or host box that contains this one. */
  parent?: string;
  target: SceneNode['target'];
  /** Where the element is written: its range is the key at this path (or the value, for DNS). */
  rangePath: Path;
  rangePart: 'key' | 'value';
  fault?: FaultElement;
  /** Instances: the component they belong to (instances of one component share a column). */
  component?: string;
  /** Instances of a data store that depends on nothing: drawn in the rightmost column. */
  sink?: boolean;
}

export interface DiagramLink {
  id: string;
  kind: 'depends' | 'dns';
  from: string;
  to: string;
  optional: boolean;
  /** The dependency was read from the file's environment, not declared: drawn dashed. */
  inferred?: boolean;
}

export interface DiagramContent {
  /** Parents come before their children; DNS names first, then zones, hosts, instances. */
  boxes: DiagramBox[];
  links: DiagramLink[];
}


export function diagramContent(design: Design, model: FailureModel): DiagramContent {
  const boxes: DiagramBox[] = [];
  const links: DiagramLink[] = [];
  const linkIds = new Set<string>();
  const addLink = (link: DiagramLink): void => {
    if (linkIds.has(link.id)) return;
    linkIds.add(link.id);
    links.push(link);
  };

  const dnsBoxes = dnsNames(design);
  boxes.push(...dnsBoxes.values());

  for (const zone of design.zones.values()) {
    boxes.push({
      id: zoneNodeId(zone.id),
      kind: 'zone',
      label: zone.id,
      detail: zone.region,
      target: { kind: 'zone', id: zone.id },
      rangePath: zone.path,
      rangePart: 'key',
      fault: { kind: 'zone', id: zone.id },
    });
  }
  for (const host of design.hosts.values()) {
    boxes.push({
      id: hostNodeId(host.id),
      kind: 'host',
      label: host.id,
      detail: host.ip,
      parent: host.zone !== undefined && design.zones.has(host.zone) ? zoneNodeId(host.zone) : undefined,
      target: { kind: 'host', id: host.id },
      rangePath: host.path,
      rangePart: 'key',
      fault: { kind: 'host', id: host.id },
    });
  }

  for (const component of design.components.values()) {
    const instances = model.instances.get(component.id) ?? [];
    const sink = typeIs(component.type, 'dataStore') && !hasExistingDependency(component, model);
    for (const instance of instances) {
      boxes.push({
        id: instanceNodeId(component.id, instance.index),
        kind: 'instance',
        label: component.id,
        detail: instanceDetail(component, instance, instances.length),
        parent: instanceParent(instance, design),
        target: { kind: 'component', id: component.id },
        rangePath: component.path,
        rangePart: 'key',
        fault: { kind: 'instance', component: component.id, index: instance.index },
        component: component.id,
        sink,
      });
    }
  }

  // One arrow per dependsOn pair, between the first instances (the representatives) of the
  // two components. Drawing every instance pair would make n×m arrows per pair and swamp a
  // large design (and slow the layout); the other instances keep their place because every
  // instance of a component is laid out in the same column (layout.ts).
  for (const component of design.components.values()) {
    if (!model.instances.get(component.id)?.length) continue;
    for (const dep of component.dependsOn) {
      if (!model.instances.get(dep.component)?.length) continue;
      addLink({
        id: `depends:${component.id}->${dep.component}`,
        kind: 'depends',
        from: instanceNodeId(component.id, 0),
        to: instanceNodeId(dep.component, 0),
        optional: dep.optional,
        ...(dep.inferred ? { inferred: true } : {}),
      });
    }
  }

  for (const record of design.dns) {
    const to = dnsTargetNode(record, design, model, dnsBoxes);
    if (!to) continue;
    const from = dnsNodeId(dnsKey(record));
    addLink({ id: `${from}->${to}`, kind: 'dns', from, to, optional: false });
  }

  return { boxes, links };
}

/** One box per DNS name (round-robin records share it), plus names CNAMEs point to. */
function dnsNames(design: Design): Map<string, DiagramBox> {
  const byName = new Map<string, DiagramBox>();
  const types = new Map<string, Set<string>>();
  const add = (name: string, record: DnsRecord | undefined): void => {
    const id = dnsNodeId(name);
    let box = byName.get(id);
    if (!box) {
      box = {
        id,
        kind: 'dns',
        label: name,
        target: { kind: 'dns', id: name },
        rangePath: record ? [...record.path, 'name'] : ['dns'],
        rangePart: record ? 'value' : 'key',
      };
      byName.set(id, box);
      types.set(id, new Set());
    }
    if (record) types.get(id)?.add(record.type);
  };
  for (const record of design.dns) add(dnsKey(record), record);
  for (const record of design.dns) {
    if (record.type === 'CNAME') {
      const name = absoluteName(record.target, design.domain) || record.target;
      const known = byName.has(dnsNodeId(name));
      add(name, undefined);
      const box = byName.get(dnsNodeId(name));
      if (!known && box) {
        box.detail = 'external name';
        box.rangePath = [...record.path, 'target'];
        box.rangePart = 'value';
      }
    }
  }
  for (const [id, box] of byName) {
    const t = types.get(id);
    if (t?.size) box.detail = [...t].join(', ');
  }
  return byName;
}

function dnsKey(record: DnsRecord): string {
  return record.fqdn || record.name;
}

function dnsTargetNode(
  record: DnsRecord,
  design: Design,
  model: FailureModel,
  dnsBoxes: Map<string, DiagramBox>,
): string | undefined {
  if (record.type === 'CNAME') {
    const id = dnsNodeId(absoluteName(record.target, design.domain) || record.target);
    return dnsBoxes.has(id) ? id : undefined;
  }
  const target = record.target.trim();
  if (model.instances.get(target)?.length) return instanceNodeId(target, 0);
  if (design.hosts.has(target)) return hostNodeId(target);
  for (const host of design.hosts.values()) {
    if (host.ip !== undefined && host.ip.trim() === target) return hostNodeId(host.id);
  }
  return undefined;
}

function instanceParent(instance: Instance, design: Design): string | undefined {
  if (instance.host !== undefined && design.hosts.has(instance.host)) return hostNodeId(instance.host);
  if (instance.zone !== undefined && design.zones.has(instance.zone)) return zoneNodeId(instance.zone);
  return undefined;
}

function instanceDetail(component: Component, instance: Instance, count: number): string | undefined {
  const what = component.software ?? component.type;
  if (count < 2) return what;
  const mode = effectiveMode(component);
  const role =
    mode === 'primary-replica'
      ? instance.index === 0 ? 'primary' : 'replica'
      : mode === 'active-passive'
        ? instance.index === 0 ? 'active' : 'passive'
        : `${instance.index + 1}/${count}`;
  return what ? `${what} · ${role}` : role;
}

function hasExistingDependency(component: Component, model: FailureModel): boolean {
  return component.dependsOn.some((d) => (model.instances.get(d.component)?.length ?? 0) > 0);
}
