// What the diagram shows, before layout: boxes (zones ⊃ hosts ⊃ instances, groups ⊃
// workloads, and DNS names) and links (dependsOn, DNS records), in the model's order.
// Everything here is derived from the design and its failure model; positions come later
// (layout.ts).
//
// Groups and zones: a component with a `group` is drawn in its group's box, whatever its
// hosts and zones (a group box never sits in a zone or host, since one group's workloads
// span zones and one host can run several groups' workloads); where its replicas run is then
// said on the node (its zones on the ×N badge's node, its host in an instance's detail).

import type { FailureModel, FaultElement, Instance } from '../analysis/failure-types';
import { absoluteName } from '../model/build';
import type { Component, Design, DnsRecord, Path } from '../model/types';
import { typeIs } from '../model/component-types';
import { dependencyTargets, effectiveMode } from '../model/types';
import type { SceneNode, SceneNodeKind } from './scene-types';
import { dnsNodeId, drawnOnce, groupNodeId, hostNodeId, instanceNodeIdsOf, workloadNodeId, zoneNodeId } from './ids';

export interface DiagramBox {
  id: string;
  kind: SceneNodeKind;
  label: string;
  detail?: string;
  /** The zone, host or group box that contains this one. */
  parent?: string;
  target: SceneNode['target'];
  /** Where the element is written: its range is the key at this path (or the value, for DNS). */
  rangePath: Path;
  rangePart: 'key' | 'value';
  fault?: FaultElement;
  /** A workload box: every replica's fault element, and their zones (SceneNode has the same). */
  faults?: FaultElement[];
  replicas?: number;
  zones?: string[];
  /** A group box the user collapsed: a leaf standing for `members`. */
  collapsed?: boolean;
  members?: string[];
  /** Instances and workloads: the component (instances of one component share a column). */
  component?: string;
  /** Instances of a data store that depends on nothing: drawn in the rightmost column. */
  sink?: boolean;
}

/** A box drawn around others (a Graphviz cluster) rather than as a node of its own. */
export function isContainer(box: Pick<DiagramBox, 'kind' | 'collapsed'>): boolean {
  return box.kind === 'zone' || box.kind === 'host' || (box.kind === 'group' && !box.collapsed);
}

export interface DiagramOptions {
  /** Groups drawn as one node each (their members hidden, their links merged). */
  collapsedGroups?: ReadonlySet<string>;
}

export interface DiagramLink {
  id: string;
  kind: 'depends' | 'dns';
  from: string;
  to: string;
  optional: boolean;
  /** The dependency was read from the file's environment, not declared: drawn dashed. */
  inferred?: boolean;
  /** Links merged into this one by a collapsed group (≥ 2). */
  merged?: number;
  /** One alternative of an any-of dependency: the group's alternatives (each drawn as a link of its own). */
  anyOf?: readonly string[];
}

export interface DiagramContent {
  /** Parents come before their children; DNS names first, then zones, hosts, groups, instances. */
  boxes: DiagramBox[];
  links: DiagramLink[];
}


export function diagramContent(design: Design, model: FailureModel, options: DiagramOptions = {}): DiagramContent {
  const boxes: DiagramBox[] = [];
  const links: DiagramLink[] = [];
  const linkIds = new Set<string>();
  const addLink = (link: DiagramLink): void => {
    if (linkIds.has(link.id)) return;
    linkIds.add(link.id);
    links.push(link);
  };
  const nodeOf = instanceNodeIdsOf(design, model);

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
  boxes.push(...groupBoxes(design, model));

  for (const component of design.components.values()) {
    const instances = model.instances.get(component.id) ?? [];
    if (!instances.length) continue;
    const sink = typeIs(component.type, 'dataStore') && !hasExistingDependency(component, model);
    const group = component.group !== undefined ? groupNodeId(component.group) : undefined;
    const common = {
      kind: 'instance' as const,
      label: component.id,
      target: { kind: 'component' as const, id: component.id },
      rangePath: component.path,
      rangePart: 'key' as const,
      component: component.id,
      sink,
    };
    if (drawnOnce(design, component, instances)) {
      const zones = [...new Set(instances.flatMap((i) => (i.zone !== undefined && design.zones.has(i.zone) ? [i.zone] : [])))];
      const faults: FaultElement[] = instances.map((i) => ({ kind: 'instance', component: component.id, index: i.index }));
      boxes.push({
        ...common,
        id: workloadNodeId(component.id),
        kind: 'workload',
        detail: workloadDetail(component),
        parent: group ?? (zones.length === 1 ? zoneNodeId(zones[0]) : undefined),
        fault: faults[0],
        faults,
        replicas: instances.length,
        ...(zones.length ? { zones } : {}),
      });
      continue;
    }
    for (const instance of instances) {
      const detail = instanceDetail(component, instance, instances.length);
      // In a group box, the host is no longer drawn around the instance: say it.
      const host = group !== undefined && instance.host !== undefined && design.hosts.has(instance.host) ? instance.host : undefined;
      boxes.push({
        ...common,
        id: nodeOf(component.id, instance.index),
        detail: host === undefined ? detail : [detail, `on ${host}`].filter(Boolean).join(' · '),
        parent: group ?? instanceParent(instance, design),
        fault: { kind: 'instance', component: component.id, index: instance.index },
      });
    }
  }

  // One arrow per dependsOn pair, between the first instances (the representatives) of the
  // two components. Drawing every instance pair would make n×m arrows per pair and swamp a
  // large design (and slow the layout); the other instances keep their place because every
  // instance of a component is laid out in the same column (layout.ts). An any-of group is
  // one arrow per alternative, each saying which group it belongs to.
  for (const component of design.components.values()) {
    if (!model.instances.get(component.id)?.length) continue;
    for (const dep of component.dependsOn) {
      const alternatives = dep.anyOf?.filter((id) => model.instances.has(id));
      for (const target of dependencyTargets(dep)) {
        if (!model.instances.get(target)?.length) continue;
        addLink({
          id: `depends:${component.id}->${target}`,
          kind: 'depends',
          from: nodeOf(component.id, 0),
          to: nodeOf(target, 0),
          optional: dep.optional,
          ...(dep.inferred ? { inferred: true } : {}),
          ...(alternatives && alternatives.length > 1 ? { anyOf: alternatives } : {}),
        });
      }
    }
  }

  for (const record of design.dns) {
    const to = dnsTargetNode(record, design, model, dnsBoxes);
    if (!to) continue;
    const from = dnsNodeId(dnsKey(record));
    addLink({ id: `${from}->${to}`, kind: 'dns', from, to, optional: false });
  }

  const content = { boxes, links };
  return options.collapsedGroups?.size ? collapseGroups(content, options.collapsedGroups) : content;
}

/** One box per group, in the order its first component is written. */
function groupBoxes(design: Design, model: FailureModel): DiagramBox[] {
  const groups = new Map<string, DiagramBox>();
  const counts = new Map<string, number>();
  for (const component of design.components.values()) {
    if (component.group === undefined || !model.instances.get(component.id)?.length) continue;
    counts.set(component.group, (counts.get(component.group) ?? 0) + 1);
    if (groups.has(component.group)) continue;
    groups.set(component.group, {
      id: groupNodeId(component.group),
      kind: 'group',
      label: component.group,
      target: { kind: 'group', id: component.group },
      rangePath: component.path,
      rangePart: 'key',
    });
  }
  for (const [group, box] of groups) box.detail = plural(counts.get(group) ?? 0, 'workload');
  return [...groups.values()];
}

/**
 * The content with each collapsed group drawn as one leaf: its members leave the diagram,
 * their links end at the group instead, links inside the group go, and the links that now
 * join the same two nodes become one (`merged` counts them; it is optional or inferred only
 * when every link it stands for is).
 */
export function collapseGroups(content: DiagramContent, collapsed: ReadonlySet<string>): DiagramContent {
  const standIn = new Map<string, string>();
  const boxes: DiagramBox[] = [];
  const groupBox = new Map<string, DiagramBox>();
  for (const box of content.boxes) {
    if (box.kind === 'group' && collapsed.has(box.target.id)) {
      const leaf: DiagramBox = { ...box, collapsed: true, members: [] };
      groupBox.set(box.id, leaf);
      boxes.push(leaf);
      continue;
    }
    const group = box.parent !== undefined ? groupBox.get(box.parent) : undefined;
    if (group) {
      standIn.set(box.id, group.id);
      group.members?.push(box.id);
      continue;
    }
    boxes.push(box);
  }
  const merged = new Map<string, DiagramLink>();
  for (const link of content.links) {
    const from = standIn.get(link.from) ?? link.from;
    const to = standIn.get(link.to) ?? link.to;
    if (from === to) continue;
    const rewired = from !== link.from || to !== link.to;
    const id = rewired ? `${link.kind}:${from}->${to}` : link.id;
    const seen = merged.get(id);
    if (!seen) {
      merged.set(id, { ...link, id, from, to });
      continue;
    }
    seen.merged = (seen.merged ?? 1) + 1;
    seen.optional &&= link.optional;
    if (seen.inferred && !link.inferred) delete seen.inferred;
    if (seen.anyOf && seen.anyOf.join('\n') !== link.anyOf?.join('\n')) delete seen.anyOf;
  }
  return { boxes, links: [...merged.values()] };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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
  if (model.instances.get(target)?.length) return instanceNodeIdsOf(design, model)(target, 0);
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

/** A ×N node's second line: what runs, and how the replicas take over from each other. */
function workloadDetail(component: Component): string | undefined {
  const what = component.software ?? component.type;
  const mode = effectiveMode(component);
  return mode === 'active-active' ? what : [what, mode].filter(Boolean).join(' · ');
}

function hasExistingDependency(component: Component, model: FailureModel): boolean {
  return component.dependsOn.some((d) => dependencyTargets(d).some((id) => (model.instances.get(id)?.length ?? 0) > 0));
}
