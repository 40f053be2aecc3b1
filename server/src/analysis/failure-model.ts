// The failure model of docs/format.md (What the analysis means): instances on hosts in zones, the entries users reach,
// the required set, and the what-if query. A component is down when it has no serving
// instance or when a non-optional dependency is down; with dependency cycles this is the
// greatest fixpoint (a cycle stays up unless something takes one of its members down), which
// is exactly "some component in its non-optional reach lost its instances". So a failure
// is propagated upward from the components it touches, never iterated to a fixpoint.

import type { Design } from '../model/types';
import { adjacency, compileGraph } from './failure-graph';
import type { Adjacency, FailureGraph } from './failure-graph';
import type { FailureModel, FaultElement, ServiceName, WhatIfResult } from './failure-types';
import { resolveDns } from './service-names';
import type { CompiledAlternative } from './service-names';

/** What the SPOF search needs beyond the public model. */
export interface CompiledModel {
  graph: FailureGraph;
  /** The service's constraints: each must keep one alternative up (a DNS name, or an entry). */
  constraints: readonly (readonly CompiledAlternative[])[];
  /** The constraints' labels for `downServices`: fqdn, or the entry's id. */
  constraintLabels: readonly string[];
}

const compiledModels = new WeakMap<FailureModel, CompiledModel>();

export function compiledModelOf(model: FailureModel): CompiledModel {
  const compiled = compiledModels.get(model);
  if (!compiled) throw new Error('This failure model was not made by buildFailureModel');
  return compiled;
}

export function buildFailureModel(design: Design): FailureModel {
  const g = compileGraph(design);
  const dns = resolveDns(design, g);
  // DNS defines the service once any name resolves to something; a design whose records all
  // dangle (mid-typing, a typo) falls back to its root components rather than to nothing.
  const usesDns = dns.names.some((name) => name.external || name.alternatives.length > 0);

  const entryMarks = new Uint8Array(g.componentIds.length);
  const constraints: CompiledAlternative[][] = [];
  const constraintLabels: string[] = [];
  if (usesDns) {
    for (const name of dns.names) {
      for (const alt of name.alternatives) {
        if (alt.kind === 'component') entryMarks[alt.component] = 1;
        else for (const top of alt.tops) entryMarks[top.component] = 1;
      }
      if (!name.external && name.alternatives.length > 0) {
        constraints.push(name.alternatives);
        constraintLabels.push(name.fqdn);
      }
    }
  } else {
    g.hasDependent.forEach((has, c) => {
      if (has === 1) return;
      entryMarks[c] = 1;
      constraints.push([{ kind: 'component', component: c }]);
      constraintLabels.push(g.componentIds[c]);
    });
  }
  const entryList: number[] = [];
  entryMarks.forEach((m, c) => m === 1 && entryList.push(c));

  const required = closure(g, entryList, [g.reachDeps]);
  const reachable = closure(g, entryList, [g.reachDeps, g.softDeps, optionalGroupDeps(g)]);
  const compiled: CompiledModel = { graph: g, constraints, constraintLabels };
  const dependents: (readonly string[] | undefined)[] = [];

  const model: FailureModel = {
    instances: g.instances,
    entries: idSet(g, entryList),
    required: idSet(g, required),
    reachable: idSet(g, reachable),
    publicHosts: publicHostsOf(design, g, dns.targetedHosts, dns.targetedComponents),
    serviceNames: usesDns ? dns.serviceNames : ([] as ServiceName[]),
    usesDns,
    dependentsOf(id) {
      const c = g.componentIndex.get(id);
      if (c === undefined) return [];
      return (dependents[c] ??= dependentsFromGraph(g, c));
    },
    whatIf: (failed) => whatIf(compiled, failed),
  };
  compiledModels.set(model, compiled);
  return model;
}

/**
 * Components reached from `starts` through these edges. The required set follows every
 * non-optional dependency, each alternative of a group included: the service uses them,
 * though it can lose one alternative of a group.
 */
function closure(g: FailureGraph, starts: readonly number[], edges: readonly Adjacency[]): number[] {
  const seen = new Uint8Array(g.componentIds.length);
  const order: number[] = [];
  const visit = (c: number): void => {
    if (seen[c] === 0) {
      seen[c] = 1;
      order.push(c);
    }
  };
  starts.forEach(visit);
  // `order` doubles as the work queue: each component is appended once, when first seen.
  for (let q = 0; q < order.length; q++) {
    const c = order[q];
    for (const adj of edges) for (let k = adj.offsets[c]; k < adj.offsets[c + 1]; k++) visit(adj.targets[k]);
  }
  return order.sort((a, b) => a - b);
}

/** Owner → alternatives of its optional groups. */
function optionalGroupDeps(g: FailureGraph): Adjacency {
  const from: number[] = [];
  const to: number[] = [];
  g.groupOwner.forEach((owner, group) => {
    if (g.groupOptional[group] === 0) return;
    for (let k = g.groupAlternatives.offsets[group]; k < g.groupAlternatives.offsets[group + 1]; k++) {
      from.push(owner);
      to.push(g.groupAlternatives.targets[k]);
    }
  });
  return adjacency(g.componentIds.length, from, to);
}

function idSet(g: FailureGraph, indexes: readonly number[]): Set<string> {
  const set = new Set<string>();
  for (const c of indexes) set.add(g.componentIds[c]);
  return set;
}

function publicHostsOf(design: Design, g: FailureGraph, targetedHosts: Set<number>, targetedComponents: Set<number>): Set<string> {
  const marks = new Uint8Array(g.hostIds.length);
  g.hostIds.forEach((id, h) => {
    if (design.hosts.get(id)?.public === true || targetedHosts.has(h)) marks[h] = 1;
  });
  for (const c of targetedComponents) {
    const { offsets, targets } = g.componentInstances;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const h = g.instanceHost[targets[k]];
      if (h >= 0) marks[h] = 1;
    }
  }
  return new Set(g.hostIds.filter((_, h) => marks[h] === 1));
}

/** The components that list c in their `dependsOn` (optional or not, in a group or not), each once, in document order. */
function dependentsFromGraph(g: FailureGraph, c: number): string[] {
  const out: string[] = [];
  for (let k = g.dependents.offsets[c]; k < g.dependents.offsets[c + 1]; k++) out.push(g.componentIds[g.dependents.targets[k]]);
  return out;
}

/** Failed elements → instance and host marks; unknown elements are ignored. */
export interface FailureMarks {
  instanceDown: Uint8Array;
  hostDown: Uint8Array;
  /** The instances marked down, each once. */
  touched: number[];
  /** The hosts marked down (with repeats). */
  touchedHosts: number[];
}

export function markFailures(g: FailureGraph, failed: readonly FaultElement[], marks: FailureMarks = emptyMarks(g)): FailureMarks {
  const markInstance = (i: number): void => {
    if (marks.instanceDown[i] === 0) {
      marks.instanceDown[i] = 1;
      marks.touched.push(i);
    }
  };
  const markAll = (adj: FailureGraph['hostInstances'], key: number): void => {
    for (let k = adj.offsets[key]; k < adj.offsets[key + 1]; k++) markInstance(adj.targets[k]);
  };
  for (const e of failed) {
    if (e.kind === 'instance') {
      const c = g.componentIndex.get(e.component);
      if (c === undefined) continue;
      const k = g.componentInstances.offsets[c] + e.index;
      if (Number.isInteger(e.index) && e.index >= 0 && k < g.componentInstances.offsets[c + 1]) markInstance(g.componentInstances.targets[k]);
    } else if (e.kind === 'host') {
      const h = g.hostIndex.get(e.id);
      if (h === undefined) continue;
      marks.hostDown[h] = 1;
      marks.touchedHosts.push(h);
      markAll(g.hostInstances, h);
    } else {
      const z = g.zoneIndex.get(e.id);
      if (z === undefined) continue;
      for (let k = g.zoneHosts.offsets[z]; k < g.zoneHosts.offsets[z + 1]; k++) {
        marks.hostDown[g.zoneHosts.targets[k]] = 1;
        marks.touchedHosts.push(g.zoneHosts.targets[k]);
      }
      markAll(g.zoneInstances, z);
    }
  }
  return marks;
}

/** Whether component c still has a serving instance. */
export function servesWith(g: FailureGraph, c: number, instanceDown: Uint8Array): boolean {
  const { offsets, targets } = g.componentInstances;
  if (g.needsPrimary[c] === 1) return instanceDown[targets[offsets[c]]] === 0;
  for (let k = offsets[c]; k < offsets[c + 1]; k++) if (instanceDown[targets[k]] === 0) return true;
  return false;
}

function emptyMarks(g: FailureGraph): FailureMarks {
  return { instanceDown: new Uint8Array(g.instanceCount), hostDown: new Uint8Array(g.hostIds.length), touched: [], touchedHosts: [] };
}

/**
 * The components down under these marks: those that lost their instances, then upward.
 * `down` and `groups` may be kept from an earlier call (all clear, `groups` reset); `queue`
 * receives the components marked down, so that a caller can clear them again.
 */
export function propagateDown(
  g: FailureGraph,
  marks: FailureMarks,
  down: Uint8Array = new Uint8Array(g.componentIds.length),
  groups = new GroupCounts(g),
  queue: number[] = [],
): Uint8Array {
  for (const i of marks.touched) {
    const c = g.instanceComponent[i];
    if (down[c] === 0 && !servesWith(g, c, marks.instanceDown)) {
      down[c] = 1;
      queue.push(c);
    }
  }
  const { offsets, targets } = g.hardDependents;
  for (let q = 0; q < queue.length; q++) {
    const c = queue[q];
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const up = targets[k];
      if (down[up] === 0) {
        down[up] = 1;
        queue.push(up);
      }
    }
    groups.alternativeDown(c, (up) => {
      if (down[up] === 0) {
        down[up] = 1;
        queue.push(up);
      }
    });
  }
  return down;
}

/**
 * Whether one fault element alone takes a constraint down, by the what-if's own marks and
 * propagation, in arrays kept from one element to the next and cleared by what each touched:
 * the cost is that of the failure's reach and of the constraints, not of the design.
 */
export class SingleFailures {
  private readonly marks: FailureMarks;
  private readonly down: Uint8Array;
  private readonly groups: GroupCounts;
  private readonly queue: number[] = [];

  constructor(private readonly compiled: CompiledModel) {
    const g = compiled.graph;
    this.marks = emptyMarks(g);
    this.down = new Uint8Array(g.componentIds.length);
    this.groups = new GroupCounts(g);
  }

  takesServiceDown(element: FaultElement): boolean {
    const g = this.compiled.graph;
    markFailures(g, [element], this.marks);
    this.groups.reset();
    propagateDown(g, this.marks, this.down, this.groups, this.queue);
    const result = downConstraints(this.compiled, this.marks, this.down).length > 0;
    for (const c of this.queue) this.down[c] = 0;
    for (const i of this.marks.touched) this.marks.instanceDown[i] = 0;
    for (const h of this.marks.touchedHosts) this.marks.hostDown[h] = 0;
    this.queue.length = 0;
    this.marks.touched.length = 0;
    this.marks.touchedHosts.length = 0;
    return result;
  }
}

/**
 * How many alternatives of each any-of group are down, for an upward propagation: when the
 * last one goes, the owner of a non-optional group goes down with it. `reset` starts a new
 * propagation in the same arrays (the SPOF search runs one per element).
 */
export class GroupCounts {
  private readonly downCount: Int32Array;
  private readonly stamp: Int32Array;
  private epoch = 0;

  constructor(private readonly g: FailureGraph) {
    this.downCount = new Int32Array(g.groupOwner.length);
    this.stamp = new Int32Array(g.groupOwner.length);
  }

  reset(): void {
    this.epoch++;
  }

  /** Counts c down in each group it is an alternative of; calls `ownerDown` for each non-optional group it empties. */
  alternativeDown(c: number, ownerDown: (owner: number) => void): void {
    const g = this.g;
    for (let k = g.alternativeGroups.offsets[c]; k < g.alternativeGroups.offsets[c + 1]; k++) {
      const group = g.alternativeGroups.targets[k];
      if (this.stamp[group] !== this.epoch) {
        this.stamp[group] = this.epoch;
        this.downCount[group] = 0;
      }
      const size = g.groupAlternatives.offsets[group + 1] - g.groupAlternatives.offsets[group];
      if (++this.downCount[group] === size && g.groupOptional[group] === 0) ownerDown(g.groupOwner[group]);
    }
  }
}

/** Whether group `group` keeps an alternative up under these marks. */
export function groupUp(g: FailureGraph, group: number, down: Uint8Array): boolean {
  for (let k = g.groupAlternatives.offsets[group]; k < g.groupAlternatives.offsets[group + 1]; k++) {
    if (down[g.groupAlternatives.targets[k]] === 0) return true;
  }
  return false;
}

/** Whether every non-optional dependency of c is up: each plain one, and an alternative of each group. */
export function dependenciesUp(g: FailureGraph, c: number, down: Uint8Array): boolean {
  for (let k = g.hardDeps.offsets[c]; k < g.hardDeps.offsets[c + 1]; k++) if (down[g.hardDeps.targets[k]] === 1) return false;
  for (let k = g.hardGroups.offsets[c]; k < g.hardGroups.offsets[c + 1]; k++) if (!groupUp(g, g.hardGroups.targets[k], down)) return false;
  return true;
}

export function alternativeUp(g: FailureGraph, alt: CompiledAlternative, marks: FailureMarks, down: Uint8Array): boolean {
  if (alt.kind === 'component') return down[alt.component] === 0;
  if (marks.hostDown[alt.host] === 1) return false;
  for (const top of alt.tops) {
    if (!top.local.some((i) => marks.instanceDown[i] === 0)) return false;
    if (!dependenciesUp(g, top.component, down)) return false;
  }
  return true;
}

function whatIf(compiled: CompiledModel, failed: readonly FaultElement[]): WhatIfResult {
  const g = compiled.graph;
  const marks = markFailures(g, failed);
  const downMarks = propagateDown(g, marks);
  const down = new Set<string>();
  const degraded = new Set<string>();
  downMarks.forEach((d, c) => d === 1 && down.add(g.componentIds[c]));
  const { offsets, targets } = g.softDependents;
  downMarks.forEach((d, c) => {
    if (d === 0) return;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) if (downMarks[targets[k]] === 0) degraded.add(g.componentIds[targets[k]]);
  });
  g.groupOwner.forEach((owner, group) => {
    if (g.groupOptional[group] === 1 && downMarks[owner] === 0 && !groupUp(g, group, downMarks)) degraded.add(g.componentIds[owner]);
  });
  const downServices = downConstraints(compiled, marks, downMarks).map((s) => compiled.constraintLabels[s]);
  return { down, degraded, downServices, serviceDown: downServices.length > 0 };
}

/** The constraints (by index) with no alternative up under these marks. */
export function downConstraints(compiled: CompiledModel, marks: FailureMarks, down: Uint8Array): number[] {
  const out: number[] = [];
  compiled.constraints.forEach((alternatives, s) => {
    if (!alternatives.some((alt) => alternativeUp(compiled.graph, alt, marks, down))) out.push(s);
  });
  return out;
}
