// The service's up-function (DESIGN.md §3 "Up") as a BDD over the fault elements, with the
// semantics of failure-model.ts's what-if: an instance serves while it, its host and its zone
// are up; a component serves per its mode (servesWith); it is up while every component in its
// non-optional reach serves (propagateDown); a host alternative is up while its host is up,
// each top component keeps a local instance and the top's dependencies are up (alternativeUp).
//
// Variable order: every zone first, then the components in depth-first order from the
// service's alternatives, each as its hosts (at their first use) and its instances. Zones are
// few and shared by everything, so they go on top (a diagram at most 2^zones wide there);
// below them a component's variables are adjacent to those of the components it depends on,
// so a layered design stays linear in size.

import { hostElement, zoneElement } from '../failure-graph';
import type { FailureGraph } from '../failure-graph';
import type { CompiledModel } from '../failure-model';
import type { CompiledAlternative } from '../service-names';
import { Bdd, TRUE } from './bdd';
import type { BddBudget } from './bdd';

export interface ServiceFunction {
  bdd: Bdd;
  root: number;
  /** The fault element (failure-graph numbering) of each variable. */
  elementOf: Int32Array;
}

/** The components the service's alternatives reach through non-optional `dependsOn` (every alternative of a group), depth first. */
export function relevantComponents(compiled: CompiledModel): number[] {
  const g = compiled.graph;
  const seen = new Uint8Array(g.componentIds.length);
  const order: number[] = [];
  const stack: number[] = [];
  const visit = (start: number): void => {
    if (seen[start] === 1) return;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop() as number;
      if (seen[c] === 1) continue;
      seen[c] = 1;
      order.push(c);
      // Pushed in reverse so the first dependency is visited first.
      for (let k = g.reachDeps.offsets[c + 1] - 1; k >= g.reachDeps.offsets[c]; k--) {
        if (seen[g.reachDeps.targets[k]] === 0) stack.push(g.reachDeps.targets[k]);
      }
    }
  };
  for (const alternatives of compiled.constraints) {
    for (const alt of alternatives) {
      if (alt.kind === 'component') visit(alt.component);
      else for (const top of alt.tops) for (let k = g.reachDeps.offsets[top.component]; k < g.reachDeps.offsets[top.component + 1]; k++) visit(g.reachDeps.targets[k]);
    }
  }
  return order;
}

/** The instances that decide whether component c serves: the first alone when only it serves. */
export function servingInstances(g: FailureGraph, c: number): Int32Array {
  const from = g.componentInstances.offsets[c];
  const to = g.needsPrimary[c] === 1 ? from + 1 : g.componentInstances.offsets[c + 1];
  return g.componentInstances.targets.subarray(from, to);
}

/** The variable order: the fault elements the up-function can depend on, each once. */
function variableOrder(compiled: CompiledModel, components: readonly number[]): Int32Array {
  const g = compiled.graph;
  const placed = new Uint8Array(g.elementCount);
  const order: number[] = [];
  const place = (e: number): void => {
    if (placed[e] === 0) {
      placed[e] = 1;
      order.push(e);
    }
  };
  const placeInstance = (i: number): void => {
    if (g.instanceHost[i] >= 0) place(hostElement(g, g.instanceHost[i]));
    place(i);
  };
  for (let z = 0; z < g.zoneIds.length; z++) place(zoneElement(g, z));
  for (const alternatives of compiled.constraints) {
    for (const alt of alternatives) {
      if (alt.kind !== 'host') continue;
      place(hostElement(g, alt.host));
      for (const top of alt.tops) top.local.forEach(placeInstance);
    }
  }
  for (const c of components) servingInstances(g, c).forEach(placeInstance);
  return Int32Array.from(order);
}

export function buildServiceFunction(compiled: CompiledModel, budget: BddBudget): ServiceFunction {
  const g = compiled.graph;
  const components = relevantComponents(compiled);
  const elementOf = variableOrder(compiled, components);
  const variableOf = new Int32Array(g.elementCount).fill(-1);
  elementOf.forEach((e, v) => {
    variableOf[e] = v;
  });
  const bdd = new Bdd(elementOf.length, budget);
  const zoneVariable = (z: number): number[] => (z >= 0 ? [variableOf[zoneElement(g, z)]] : []);
  const hostVariable = (h: number): number[] => (h >= 0 ? [variableOf[hostElement(g, h)]] : []);
  const instanceUp = (i: number): number =>
    bdd.allOf([variableOf[i], ...hostVariable(g.instanceHost[i]), ...zoneVariable(g.instanceZone[i])]);

  const serves = new Int32Array(g.componentIds.length).fill(-1);
  for (const c of components) serves[c] = bdd.orAll(Array.from(servingInstances(g, c), instanceUp));
  const up = componentsUp(g, components, serves, bdd);

  const alternativeUp = (alt: CompiledAlternative): number => {
    if (alt.kind === 'component') return up[alt.component];
    const parts = [bdd.allOf([...hostVariable(alt.host), ...zoneVariable(g.hostZone[alt.host])])];
    for (const top of alt.tops) {
      parts.push(bdd.orAll(top.local.map((i) => bdd.literal(variableOf[i]))));
      dependencyParts(g, top.component, (d) => up[d], bdd, parts);
    }
    return bdd.andAll(parts);
  };
  const root = bdd.andAll(compiled.constraints.map((alternatives) => bdd.orAll(alternatives.map(alternativeUp))));
  return { bdd, root: compiled.constraints.length === 0 ? TRUE : root, elementOf };
}

/** Appends to `parts` what c's non-optional dependencies need: each plain one up, and an alternative of each group. */
function dependencyParts(g: FailureGraph, c: number, upOf: (d: number) => number, bdd: Bdd, parts: number[]): void {
  for (let k = g.hardDeps.offsets[c]; k < g.hardDeps.offsets[c + 1]; k++) parts.push(upOf(g.hardDeps.targets[k]));
  for (let k = g.hardGroups.offsets[c]; k < g.hardGroups.offsets[c + 1]; k++) {
    const group = g.hardGroups.targets[k];
    const alternatives: number[] = [];
    for (let j = g.groupAlternatives.offsets[group]; j < g.groupAlternatives.offsets[group + 1]; j++) alternatives.push(upOf(g.groupAlternatives.targets[j]));
    parts.push(bdd.orAll(alternatives));
  }
}

/**
 * Up(c) = Serves(c) and the Up of c's non-optional dependencies (an alternative of each
 * group), the greatest fixpoint where they form cycles. Strongly connected components
 * (iterative Tarjan over every alternative, so deep chains do not overflow the stack) come
 * out dependencies first. Without groups a component is the conjunction of its members'
 * Serves and of the Up of the components they depend on outside it. With a group among its
 * members, its members may differ, and their Up is found by iteration from TRUE: each round
 * is pointwise decreasing, so it is stable after at most one round per member more.
 */
function componentsUp(g: FailureGraph, components: readonly number[], serves: Int32Array, bdd: Bdd): Int32Array {
  const n = g.componentIds.length;
  const up = new Int32Array(n).fill(-1);
  const index = new Int32Array(n).fill(-1);
  const lowLink = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack: number[] = [];
  const callStack: number[] = [];
  const edgeAt = new Int32Array(n);
  let counter = 0;
  const { offsets, targets } = g.reachDeps;
  for (const start of components) {
    if (index[start] >= 0) continue;
    callStack.push(start);
    index[start] = lowLink[start] = counter++;
    edgeAt[start] = offsets[start];
    sccStack.push(start);
    onStack[start] = 1;
    while (callStack.length > 0) {
      const c = callStack[callStack.length - 1];
      if (edgeAt[c] < offsets[c + 1]) {
        const d = targets[edgeAt[c]++];
        if (index[d] < 0) {
          index[d] = lowLink[d] = counter++;
          edgeAt[d] = offsets[d];
          sccStack.push(d);
          onStack[d] = 1;
          callStack.push(d);
        } else if (onStack[d] === 1 && index[d] < lowLink[c]) lowLink[c] = index[d];
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined && lowLink[c] < lowLink[parent]) lowLink[parent] = lowLink[c];
      if (lowLink[c] !== index[c]) continue;
      const members: number[] = [];
      let m: number;
      do {
        m = sccStack.pop() as number;
        onStack[m] = 0;
        members.push(m);
      } while (m !== c);
      if (members.some((x) => g.hardGroups.offsets[x + 1] > g.hardGroups.offsets[x])) {
        greatestFixpoint(g, members, serves, up, bdd);
        continue;
      }
      const parts = members.map((x) => serves[x]);
      for (const x of members) {
        for (let k = offsets[x]; k < offsets[x + 1]; k++) if (up[targets[k]] >= 0) parts.push(up[targets[k]]);
      }
      const f = bdd.andAll(parts);
      for (const x of members) up[x] = f;
    }
  }
  return up;
}

/** Up of the members of one strongly connected component with groups, by iteration from TRUE. */
function greatestFixpoint(g: FailureGraph, members: readonly number[], serves: Int32Array, up: Int32Array, bdd: Bdd): void {
  const current = new Map<number, number>(members.map((x) => [x, TRUE]));
  const upOf = (d: number): number => current.get(d) ?? up[d];
  for (let changed = true; changed; ) {
    changed = false;
    const next = members.map((x) => {
      const parts = [serves[x]];
      dependencyParts(g, x, upOf, bdd, parts);
      return bdd.andAll(parts);
    });
    members.forEach((x, i) => {
      if (current.get(x) !== next[i]) changed = true;
      current.set(x, next[i]);
    });
  }
  for (const x of members) up[x] = current.get(x) as number;
}
