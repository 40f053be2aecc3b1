// The failure model of docs/format.md (What the analysis means): instances on hosts in zones, the entries users reach,
// the required set, and the what-if query. A component is down when it has no serving
// instance or when a non-optional dependency is down; with dependency cycles this is the
// greatest fixpoint (a cycle stays up unless something takes one of its members down), which
// is exactly "some component in its non-optional reach lost its instances". So a failure
// is propagated upward from the components it touches, never iterated to a fixpoint.

import type { Design } from '../model/types';
import { compileGraph } from './failure-graph';
import type { FailureGraph } from './failure-graph';
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

  const required = closure(g, entryList, false);
  const reachable = closure(g, entryList, true);
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

/** Components reached from `starts` through dependsOn (non-optional only, unless `withOptional`). */
function closure(g: FailureGraph, starts: readonly number[], withOptional: boolean): number[] {
  const seen = new Uint8Array(g.componentIds.length);
  const order: number[] = [];
  const visit = (c: number): void => {
    if (seen[c] === 0) {
      seen[c] = 1;
      order.push(c);
    }
  };
  const edges = withOptional ? [g.hardDeps, g.softDeps] : [g.hardDeps];
  starts.forEach(visit);
  // `order` doubles as the work queue: each component is appended once, when first seen.
  for (let q = 0; q < order.length; q++) {
    const c = order[q];
    for (const adj of edges) for (let k = adj.offsets[c]; k < adj.offsets[c + 1]; k++) visit(adj.targets[k]);
  }
  return order.sort((a, b) => a - b);
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

/**
 * The components that list c in their `dependsOn` (optional or not), each once, in document
 * order: the hard and the optional reverse edges are each sorted by component, so a merge.
 */
function dependentsFromGraph(g: FailureGraph, c: number): string[] {
  const out: string[] = [];
  const hard = g.hardDependents;
  const soft = g.softDependents;
  let i = hard.offsets[c];
  let j = soft.offsets[c];
  const iEnd = hard.offsets[c + 1];
  const jEnd = soft.offsets[c + 1];
  let last = -1;
  while (i < iEnd || j < jEnd) {
    const next = j >= jEnd || (i < iEnd && hard.targets[i] <= soft.targets[j]) ? hard.targets[i++] : soft.targets[j++];
    if (next !== last) out.push(g.componentIds[next]);
    last = next;
  }
  return out;
}

/** Failed elements → instance and host marks; unknown elements are ignored. */
export interface FailureMarks {
  instanceDown: Uint8Array;
  hostDown: Uint8Array;
  /** The instances marked down, each once. */
  touched: number[];
}

export function markFailures(g: FailureGraph, failed: readonly FaultElement[]): FailureMarks {
  const marks: FailureMarks = {
    instanceDown: new Uint8Array(g.instanceCount),
    hostDown: new Uint8Array(g.hostIds.length),
    touched: [],
  };
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
      markAll(g.hostInstances, h);
    } else {
      const z = g.zoneIndex.get(e.id);
      if (z === undefined) continue;
      for (let k = g.zoneHosts.offsets[z]; k < g.zoneHosts.offsets[z + 1]; k++) marks.hostDown[g.zoneHosts.targets[k]] = 1;
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

/** The components down under these marks: those that lost their instances, then upward. */
export function propagateDown(g: FailureGraph, marks: FailureMarks): Uint8Array {
  const down = new Uint8Array(g.componentIds.length);
  const queue: number[] = [];
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
  }
  return down;
}

export function alternativeUp(g: FailureGraph, alt: CompiledAlternative, marks: FailureMarks, down: Uint8Array): boolean {
  if (alt.kind === 'component') return down[alt.component] === 0;
  if (marks.hostDown[alt.host] === 1) return false;
  const { offsets, targets } = g.hardDeps;
  for (const top of alt.tops) {
    if (!top.local.some((i) => marks.instanceDown[i] === 0)) return false;
    for (let k = offsets[top.component]; k < offsets[top.component + 1]; k++) if (down[targets[k]] === 1) return false;
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
  const downServices: string[] = [];
  compiled.constraints.forEach((alternatives, s) => {
    if (!alternatives.some((alt) => alternativeUp(g, alt, marks, downMarks))) downServices.push(compiled.constraintLabels[s]);
  });
  return { down, degraded, downServices, serviceDown: downServices.length > 0 };
}
