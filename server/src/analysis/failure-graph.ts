// The failure model compiled to integer-indexed arrays: components, their instances, the
// hosts and zones they sit on, and the dependency edges in both directions. Everything
// the what-if query and the SPOF search walk lives here, so both run over typed arrays
// and never over strings or nested objects.

import type { Component, Design } from '../model/types';
import { effectiveMode, hasAutomaticFailover } from '../model/types';
import type { Instance } from './failure-types';

/** Compressed adjacency lists: the neighbours of node i are targets[offsets[i] .. offsets[i+1]). */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

/**
 * `replicas` beyond this many instances change no single-failure outcome but would cost
 * memory in proportion to a typo (`replicas: 100000000`); the model keeps this many.
 */
export const MAX_REPLICAS = 10_000;

/**
 * Fault elements are numbered: instances first (0 .. instanceCount-1), then hosts
 * (instanceCount + hostIndex), then zones (instanceCount + hostCount + zoneIndex).
 */
export interface FailureGraph {
  componentIds: readonly string[];
  componentIndex: ReadonlyMap<string, number>;
  hostIds: readonly string[];
  hostIndex: ReadonlyMap<string, number>;
  zoneIds: readonly string[];
  zoneIndex: ReadonlyMap<string, number>;
  /** Zone index of each host, -1 when it has none (or an unknown one). */
  hostZone: Int32Array;

  /** Per component, the instances in order (public shape). */
  instances: ReadonlyMap<string, readonly Instance[]>;
  instanceCount: number;
  instanceComponent: Int32Array;
  /** Host index, -1 for an unmodelled host of its own. */
  instanceHost: Int32Array;
  /** Zone index, -1 when it sits in no zone. */
  instanceZone: Int32Array;
  /** Component → its global instance numbers, in index order. */
  componentInstances: Adjacency;
  hostInstances: Adjacency;
  /** Every instance in the zone: on its hosts, and `replicas` placed there. */
  zoneInstances: Adjacency;
  zoneHosts: Adjacency;
  /** 1 when only instance 0 serves (active-passive / primary-replica without automatic failover). */
  needsPrimary: Uint8Array;
  /**
   * Per component, up to three fault elements (-1 = none) whose failure alone leaves it
   * without a serving instance: its "lethal" set L(c).
   */
  lethal: Int32Array;

  /** Non-optional plain dependencies, to existing components. */
  hardDeps: Adjacency;
  /**
   * Any-of groups of two or more existing components (a group that names fewer is a plain
   * dependency above, or none): the owner, whether optional, and the alternatives.
   */
  groupOwner: Int32Array;
  groupOptional: Uint8Array;
  groupAlternatives: Adjacency;
  /** Component → its non-optional groups. */
  hardGroups: Adjacency;
  /** Component → the groups (optional or not) it is an alternative of. */
  alternativeGroups: Adjacency;
  /** hardDeps and the alternatives of hardGroups: every component a component's up-state reads. */
  reachDeps: Adjacency;
  /** Who lists this component in `dependsOn`, in a group or not, each once, in order. */
  dependents: Adjacency;
  /** Optional dependencies, to existing components. */
  softDeps: Adjacency;
  /** Reverse of hardDeps: who goes down when this goes down. */
  hardDependents: Adjacency;
  /** Reverse of the optional dependencies: who is degraded when this goes down. */
  softDependents: Adjacency;
  /** 1 when another component lists this one in `dependsOn` (optional included). */
  hasDependent: Uint8Array;

  elementCount: number;
}

export const LETHAL_SLOTS = 3;

export function compileGraph(design: Design): FailureGraph {
  const componentIds = [...design.components.keys()];
  const components = [...design.components.values()];
  const componentIndex = indexOf(componentIds);
  const hostIds = [...design.hosts.keys()];
  const hostIndex = indexOf(hostIds);
  const zoneIds = [...design.zones.keys()];
  const zoneIndex = indexOf(zoneIds);
  const hostZone = new Int32Array(hostIds.length);
  let h = 0;
  for (const host of design.hosts.values()) {
    const zone = host.zone;
    hostZone[h++] = zone === undefined ? -1 : (zoneIndex.get(zone) ?? -1);
  }

  const placement = placeInstances(componentIds, components, hostIds, hostIndex, hostZone, zoneIds, zoneIndex);
  const n = componentIds.length;
  const instanceCount = placement.count;
  const instanceComponent = placement.component.slice(0, instanceCount);
  const instanceHost = placement.host.slice(0, instanceCount);
  const instanceZone = placement.zone.slice(0, instanceCount);
  const componentInstances = groupBy(n, instanceComponent);
  const hostInstances = groupBy(hostIds.length, instanceHost);
  const zoneInstances = groupBy(zoneIds.length, instanceZone);
  const zoneHosts = groupBy(zoneIds.length, hostZone);

  const hardFrom: number[] = [];
  const hardTo: number[] = [];
  const softFrom: number[] = [];
  const softTo: number[] = [];
  const hasDependent = new Uint8Array(n);
  const needsPrimary = new Uint8Array(n);
  const groupOwner: number[] = [];
  const groupOptional: number[] = [];
  const memberGroup: number[] = [];
  const memberComponent: number[] = [];
  const reachFrom: number[] = [];
  const reachTo: number[] = [];
  const dependentFrom: number[] = [];
  const dependentTo: number[] = [];
  for (let c = 0; c < n; c++) {
    const component = components[c];
    needsPrimary[c] = effectiveMode(component) !== 'active-active' && !hasAutomaticFailover(component) ? 1 : 0;
    for (const dep of component.dependsOn) {
      const targets = existingTargets(dep.anyOf ?? [dep.component], componentIndex);
      for (const d of targets) {
        if (d !== c) hasDependent[d] = 1;
        dependentFrom.push(d);
        dependentTo.push(c);
        if (!dep.optional) {
          reachFrom.push(c);
          reachTo.push(d);
        }
      }
      if (targets.length > 1) {
        const group = groupOwner.length;
        groupOwner.push(c);
        groupOptional.push(dep.optional ? 1 : 0);
        for (const d of targets) {
          memberGroup.push(group);
          memberComponent.push(d);
        }
      } else if (targets.length === 1 && dep.optional) {
        softFrom.push(targets[0]);
        softTo.push(c);
      } else if (targets.length === 1) {
        hardFrom.push(c);
        hardTo.push(targets[0]);
      }
    }
  }
  const hardDeps = adjacency(n, hardFrom, hardTo);
  const hardDependents = adjacency(n, hardTo, hardFrom);
  const softDeps = adjacency(n, softTo, softFrom);
  const softDependents = adjacency(n, softFrom, softTo);
  const groupCount = groupOwner.length;
  const hardGroupOwners: number[] = [];
  const hardGroupIds: number[] = [];
  groupOwner.forEach((owner, group) => {
    if (groupOptional[group] === 1) return;
    hardGroupOwners.push(owner);
    hardGroupIds.push(group);
  });

  const graph: FailureGraph = {
    componentIds,
    componentIndex,
    hostIds,
    hostIndex,
    zoneIds,
    zoneIndex,
    hostZone,
    instances: placement.instances,
    instanceCount,
    instanceComponent,
    instanceHost,
    instanceZone,
    componentInstances,
    hostInstances,
    zoneInstances,
    zoneHosts,
    needsPrimary,
    lethal: new Int32Array(n * LETHAL_SLOTS).fill(-1),
    hardDeps,
    groupOwner: Int32Array.from(groupOwner),
    groupOptional: Uint8Array.from(groupOptional),
    groupAlternatives: adjacency(groupCount, memberGroup, memberComponent),
    hardGroups: adjacency(n, hardGroupOwners, hardGroupIds),
    alternativeGroups: adjacency(n, memberComponent, memberGroup),
    reachDeps: adjacency(n, reachFrom, reachTo),
    dependents: dedupedAdjacency(n, dependentFrom, dependentTo),
    softDeps,
    hardDependents,
    softDependents,
    hasDependent,
    elementCount: instanceCount + hostIds.length + zoneIds.length,
  };
  for (let c = 0; c < n; c++) fillLethal(graph, c);
  return graph;
}

export function hostElement(g: FailureGraph, h: number): number {
  return g.instanceCount + h;
}

export function zoneElement(g: FailureGraph, z: number): number {
  return g.instanceCount + g.hostIds.length + z;
}

/** Whether element e alone takes away every serving instance of component c. */
export function isLethalTo(g: FailureGraph, e: number, c: number): boolean {
  const base = c * LETHAL_SLOTS;
  return g.lethal[base] === e || g.lethal[base + 1] === e || g.lethal[base + 2] === e;
}

interface Placement {
  instances: Map<string, Instance[]>;
  /** Per instance (the first `count` entries; the arrays are sized for the most there can be). */
  component: Int32Array;
  host: Int32Array;
  zone: Int32Array;
  count: number;
}

function placeInstances(
  componentIds: readonly string[],
  components: readonly Component[],
  hostIds: readonly string[],
  hostIndex: ReadonlyMap<string, number>,
  hostZone: Int32Array,
  zoneIds: readonly string[],
  zoneIndex: ReadonlyMap<string, number>,
): Placement {
  let capacity = 0;
  for (const component of components) {
    const replicas = component.replicas === undefined ? 0 : Math.ceil(Math.min(component.replicas, MAX_REPLICAS)) || 0;
    capacity += Math.max(component.runsOn?.length ?? 0, replicas, 1);
  }
  const out: Placement = {
    instances: new Map(),
    component: new Int32Array(capacity),
    host: new Int32Array(capacity),
    zone: new Int32Array(capacity),
    count: 0,
  };
  const add = (list: Instance[], id: string, c: number, host: number, zone: number, path: Instance['path']): void => {
    list.push({
      component: id,
      index: list.length,
      host: host >= 0 ? hostIds[host] : undefined,
      zone: zone >= 0 ? zoneIds[zone] : undefined,
      path,
    });
    out.component[out.count] = c;
    out.host[out.count] = host;
    out.zone[out.count] = zone;
    out.count++;
  };
  for (let c = 0; c < components.length; c++) {
    const id = componentIds[c];
    const component = components[c];
    const list: Instance[] = [];
    const runsOn = component.runsOn;
    if (runsOn) {
      for (let i = 0; i < runsOn.length; i++) {
        const h = hostIndex.get(runsOn[i]);
        if (h !== undefined) add(list, id, c, h, hostZone[h], [...component.path, 'runsOn', i]);
      }
    }
    if (list.length === 0 && component.replicas !== undefined) {
      const zones: number[] = [];
      for (const z of component.zones ?? []) {
        const k = zoneIndex.get(z);
        if (k !== undefined) zones.push(k);
      }
      const count = Math.min(component.replicas, MAX_REPLICAS);
      for (let k = 0; k < count; k++) add(list, id, c, -1, zones.length > 0 ? zones[k % zones.length] : -1, component.path);
    }
    if (list.length === 0) add(list, id, c, -1, -1, component.path);
    out.instances.set(id, list);
  }
  return out;
}

/** L(c): the elements common to every serving instance (at most instance, host, zone). */
function fillLethal(g: FailureGraph, c: number): void {
  const from = g.componentInstances.offsets[c];
  const to = g.componentInstances.offsets[c + 1];
  const first = g.componentInstances.targets[from];
  const base = c * LETHAL_SLOTS;
  const host0 = g.instanceHost[first];
  const zone0 = g.instanceZone[first];
  if (g.needsPrimary[c] === 1 || to - from === 1) {
    g.lethal[base] = first;
    if (host0 >= 0) g.lethal[base + 1] = hostElement(g, host0);
    if (zone0 >= 0) g.lethal[base + 2] = zoneElement(g, zone0);
    return;
  }
  let sameHost = host0 >= 0;
  let sameZone = zone0 >= 0;
  for (let k = from + 1; k < to; k++) {
    const i = g.componentInstances.targets[k];
    if (g.instanceHost[i] !== host0) sameHost = false;
    if (g.instanceZone[i] !== zone0) sameZone = false;
  }
  if (sameHost) g.lethal[base + 1] = hostElement(g, host0);
  if (sameZone) g.lethal[base + 2] = zoneElement(g, zone0);
}

/** The distinct components among `names` that exist, in order. */
function existingTargets(names: readonly string[], componentIndex: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const name of names) {
    const d = componentIndex.get(name);
    if (d !== undefined && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Whether the design has any-of groups (without them, the fast paths need no group step). */
export function hasGroups(g: FailureGraph): boolean {
  return g.groupOwner.length > 0;
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return m;
}

export function adjacency(count: number, from: readonly number[], to: readonly number[]): Adjacency {
  const offsets = new Int32Array(count + 1);
  for (const f of from) offsets[f + 1]++;
  for (let i = 0; i < count; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(from.length);
  for (let k = 0; k < from.length; k++) targets[fill[from[k]]++] = to[k];
  return { offsets, targets };
}

/** adjacency() without repeated neighbours (`from` ascending per key keeps repeats adjacent). */
function dedupedAdjacency(count: number, from: readonly number[], to: readonly number[]): Adjacency {
  const raw = adjacency(count, from, to);
  const offsets = new Int32Array(count + 1);
  const targets: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let k = raw.offsets[i]; k < raw.offsets[i + 1]; k++) {
      const t = raw.targets[k];
      if (targets.length === offsets[i] || targets[targets.length - 1] !== t) targets.push(t);
    }
    offsets[i + 1] = targets.length;
  }
  return { offsets, targets: Int32Array.from(targets) };
}

/** Items grouped by a key in 0..count-1 (negative keys are left out), each group in item order. */
function groupBy(count: number, keyOfItem: Int32Array): Adjacency {
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (let item = 0; item < keyOfItem.length; item++) {
    const key = keyOfItem[item];
    if (key >= 0) {
      offsets[key + 1]++;
      total++;
    }
  }
  for (let i = 0; i < count; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(total);
  for (let item = 0; item < keyOfItem.length; item++) {
    const key = keyOfItem[item];
    if (key >= 0) targets[fill[key]++] = item;
  }
  return { offsets, targets };
}
