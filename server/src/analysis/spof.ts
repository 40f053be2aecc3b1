// The single points of failure of docs/format.md, found without simulating each element.
//
// L(c), the elements whose failure alone leaves component c without a serving instance, has
// at most three members (see failure-graph.ts). Under one failure e, c is down exactly when
// e ∈ L(c') for some c' in c's non-optional reach (c included). So an alternative is killed
// by the union of L over its reach (plus, for a host alternative, the host, its zone and a
// top component's only instance there), a name by the intersection over its alternatives,
// and the service by the union over its names. Single-alternative names share one marking
// walk; a multi-alternative name counts, per element, how many of its alternatives hold it,
// and its walks stop at components already known to be fully marked. Then only the SPOFs
// get a blast radius, each by one upward propagation from the failed element.
//
// Any-of groups (a dependency met while any of its alternatives is up) break the union-of-L
// reading; they are handled in addGroupKillers, and cost nothing in a design without them.

import { hasGroups, hostElement, isLethalTo, LETHAL_SLOTS, zoneElement } from './failure-graph';
import type { Adjacency, FailureGraph } from './failure-graph';
import type { FaultElement, FailureModel, Spof } from './failure-types';
import { compiledModelOf, GroupCounts, SingleFailures } from './failure-model';
import type { CompiledModel } from './failure-model';
import type { CompiledAlternative } from './service-names';

/**
 * Blast radii are complete while their total size stays under this many entries. A design
 * whose radii sum to more (only a very deep dependsOn chain does: 30,000 links have radii
 * summing to 450 million) gets the nearest TRUNCATED_IMPACT components (in breadth-first order, then sorted) for the rest, with
 * `impactTruncated` set, so the search stays near-linear in time and memory.
 */
export const IMPACT_BUDGET = 2_000_000;
export const TRUNCATED_IMPACT = 20;

export interface SpofOptions {
  impactBudget?: number;
}

export function findSpofs(model: FailureModel, options: SpofOptions = {}): Spof[] {
  const compiled = compiledModelOf(model);
  const { graph: g, constraints } = compiled;
  if (g.componentIds.length === 0) return [];
  const killers = killerSet(g, constraints, g.hardDeps);
  if (hasGroups(g)) addGroupKillers(compiled, killers);
  const chosen = chosenElements(g, killers);
  return withImpacts(g, chosen, options.impactBudget ?? IMPACT_BUDGET);
}

/**
 * Any-of groups. Without their edges the walk below finds a subset of the SPOFs (fewer
 * dependencies, fewer failures); with each group read as needing all its alternatives, a
 * superset. The elements in between are judged one by one, by the what-if's own propagation.
 */
function addGroupKillers(compiled: CompiledModel, killers: Uint8Array): void {
  const g = compiled.graph;
  const upper = killerSet(g, compiled.constraints, g.reachDeps);
  const single = new SingleFailures(compiled);
  for (let e = 0; e < g.elementCount; e++) {
    if (upper[e] === 1 && killers[e] === 0 && single.takesServiceDown(elementOf(g, e))) killers[e] = 1;
  }
}

/**
 * Marks every element whose failure alone takes some constraint (name or entry) down, when
 * a component goes down with any of its `deps`.
 */
function killerSet(g: FailureGraph, constraints: readonly (readonly CompiledAlternative[])[], deps: Adjacency): Uint8Array {
  const inSet = new Uint8Array(g.elementCount);
  // covered[c] = 1: every element of L over c's non-optional reach is already in the set.
  const covered = new Uint8Array(g.componentIds.length);
  const stack: number[] = [];

  const markReach = (start: number, add: (e: number) => void, visited: (c: number) => boolean): void => {
    if (visited(start)) return;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop() as number;
      for (let s = 0; s < LETHAL_SLOTS; s++) {
        const e = g.lethal[c * LETHAL_SLOTS + s];
        if (e >= 0) add(e);
      }
      for (let k = deps.offsets[c]; k < deps.offsets[c + 1]; k++) {
        const d = deps.targets[k];
        if (!visited(d)) stack.push(d);
      }
    }
  };
  const walkAlternative = (alt: CompiledAlternative, add: (e: number) => void, visited: (c: number) => boolean): void => {
    if (alt.kind === 'component') {
      markReach(alt.component, add, visited);
      return;
    }
    add(hostElement(g, alt.host));
    if (g.hostZone[alt.host] >= 0) add(zoneElement(g, g.hostZone[alt.host]));
    for (const top of alt.tops) {
      if (top.local.length === 1) add(top.local[0]);
      for (let k = deps.offsets[top.component]; k < deps.offsets[top.component + 1]; k++) {
        markReach(deps.targets[k], add, visited);
      }
    }
  };

  // visited() marks as it tests, so each component is pushed once.
  const addToSet = (e: number): void => {
    inSet[e] = 1;
  };
  const coverOnce = (c: number): boolean => {
    if (covered[c] === 1) return true;
    covered[c] = 1;
    return false;
  };
  for (const alternatives of constraints) {
    if (alternatives.length === 1) walkAlternative(alternatives[0], addToSet, coverOnce);
  }

  const count = new Int32Array(g.elementCount);
  const countOwner = new Int32Array(g.elementCount).fill(-1);
  const seenBy = new Int32Array(g.elementCount).fill(-1);
  const visitedBy = new Int32Array(g.componentIds.length).fill(-1);
  let walk = 0;
  constraints.forEach((alternatives, owner) => {
    if (alternatives.length < 2) return;
    const needed = alternatives.length;
    for (const alt of alternatives) {
      const id = walk++;
      const countOnce = (e: number): void => {
        if (seenBy[e] === id) return;
        seenBy[e] = id;
        if (countOwner[e] !== owner) {
          countOwner[e] = owner;
          count[e] = 0;
        }
        if (++count[e] === needed) inSet[e] = 1;
      };
      const stopOrVisit = (c: number): boolean => {
        if (covered[c] === 1 || visitedBy[c] === id) return true;
        visitedBy[c] = id;
        return false;
      };
      walkAlternative(alt, countOnce, stopOrVisit);
    }
  });
  return inSet;
}

/** One element per (kind, id): for a component, its lowest-numbered SPOF instance. */
function chosenElements(g: FailureGraph, killers: Uint8Array): number[] {
  const chosen: number[] = [];
  let lastComponent = -1;
  for (let i = 0; i < g.instanceCount; i++) {
    if (killers[i] === 0 || g.instanceComponent[i] === lastComponent) continue;
    lastComponent = g.instanceComponent[i];
    chosen.push(i);
  }
  for (let e = g.instanceCount; e < g.elementCount; e++) if (killers[e] === 1) chosen.push(e);
  return chosen;
}

function withImpacts(g: FailureGraph, chosen: readonly number[], budget: number): Spof[] {
  const ids = g.componentIds;
  // Component numbers in id order; rank[c] is c's place in it (ids are unique).
  const byId = Array.from(ids, (_, c) => c).sort((a, b) => compareStrings(ids[a], ids[b]));
  const sortedIds = byId.map((c) => ids[c]);
  const rank = new Int32Array(ids.length);
  byId.forEach((c, r) => {
    rank[c] = r;
  });
  const reached = new Int32Array(ids.length).fill(-1);
  const groups = new GroupCounts(g);

  // Zones and hosts first: when the budget runs out, the broad failures keep full radii.
  const firstHostOrZone = chosen.findIndex((e) => e >= g.instanceCount);
  const order = firstHostOrZone < 0 ? chosen : [...chosen.slice(firstHostOrZone), ...chosen.slice(0, firstHostOrZone)];
  const results = new Map<number, Spof>();
  let remaining = budget;
  order.forEach((e, query) => {
    const limit = remaining > 0 ? Infinity : TRUNCATED_IMPACT;
    groups.reset();
    const { members, truncated } = blastRadius(g, e, query, reached, groups, limit);
    remaining -= members.length;
    const ranks = Int32Array.from(members, (c) => rank[c]).sort();
    const spof = spofOf(g, e, Array.from(ranks, (r) => sortedIds[r]));
    if (truncated) spof.impactTruncated = true;
    results.set(e, spof);
  });
  return chosen.map((e) => results.get(e) as Spof).sort(compareSpofs);
}

/** The components down when element e alone fails: seeds, then upward through hard edges. */
function blastRadius(
  g: FailureGraph,
  e: number,
  query: number,
  reached: Int32Array,
  groups: GroupCounts,
  limit: number,
): { members: number[]; truncated: boolean } {
  const members: number[] = [];
  const seed = (c: number): void => {
    if (reached[c] !== query && isLethalTo(g, e, c)) {
      reached[c] = query;
      members.push(c);
    }
  };
  if (e < g.instanceCount) seed(g.instanceComponent[e]);
  else {
    const hostCount = g.hostIds.length;
    const adj = e < g.instanceCount + hostCount ? g.hostInstances : g.zoneInstances;
    const key = e < g.instanceCount + hostCount ? e - g.instanceCount : e - g.instanceCount - hostCount;
    for (let k = adj.offsets[key]; k < adj.offsets[key + 1]; k++) seed(g.instanceComponent[adj.targets[k]]);
  }
  const { offsets, targets } = g.hardDependents;
  let truncated = false;
  const reach = (up: number): void => {
    if (reached[up] === query) return;
    if (members.length >= limit) {
      truncated = true;
      return;
    }
    reached[up] = query;
    members.push(up);
  };
  for (let q = 0; q < members.length && !truncated; q++) {
    const c = members[q];
    for (let k = offsets[c]; k < offsets[c + 1] && !truncated; k++) reach(targets[k]);
    if (!truncated) groups.alternativeDown(c, reach);
  }
  return { members, truncated };
}

function spofOf(g: FailureGraph, e: number, impact: string[]): Spof {
  const element = elementOf(g, e);
  if (element.kind === 'instance') return { kind: 'component', id: element.component, element, impact };
  return { kind: element.kind, id: element.id, element, impact };
}

/** Fault element number e in the public shape. */
function elementOf(g: FailureGraph, e: number): FaultElement {
  if (e < g.instanceCount) {
    const c = g.instanceComponent[e];
    return { kind: 'instance', component: g.componentIds[c], index: e - g.componentInstances.targets[g.componentInstances.offsets[c]] };
  }
  const h = e - g.instanceCount;
  if (h < g.hostIds.length) return { kind: 'host', id: g.hostIds[h] };
  return { kind: 'zone', id: g.zoneIds[h - g.hostIds.length] };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSpofs(a: Spof, b: Spof): number {
  return compareStrings(a.kind, b.kind) || compareStrings(a.id, b.id);
}
