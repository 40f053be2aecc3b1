// Proven bounds on A for a design whose BDD would exceed its budget.
//
// The service is a conjunction (over names) of disjunctions (over alternatives) of
// conjunctions of "serves" events, all increasing in the elements' states. Conditioned on the
// zones, hosts and instances are independent, and for increasing events Harris's (FKG)
// inequality gives P(F ∧ G) ≥ P(F)·P(G) and P(F ∨ G) ≤ 1 − (1 − P(F))(1 − P(G)). So:
//   AND: lower = Π lower; upper = Π over groups of children that share no host of min upper
//        (children in different groups are independent given the zones);
//   OR:  lower = max lower; upper = 1 − Π (1 − upper).
// Leaves (one component serves; a host alternative's own part) are exact. An any-of group is
// an OR too, of the conjunctions over each alternative's reach. Where a group's expansion
// comes back to a group it is inside of (a cycle through an alternative), the Up there is
// replaced by FALSE for the lower bound and by TRUE for the upper one, {0, 1} with no keys:
// a smaller and a larger increasing event, the larger depending on nothing, so both products
// stay proven. With few zones the
// bounds are summed over every zone state; with many, A ≥ P(all zones up)·lower(all up) and
// A ≤ upper(all up), since A given the zones is largest with every zone up.

import { hostElement, zoneElement } from '../failure-graph';
import type { FailureGraph } from '../failure-graph';
import type { CompiledModel } from '../failure-model';
import type { CompiledAlternative } from '../service-names';
import { relevantComponents, servingInstances } from './service-function';

/** Zones whose every state is enumerated (2^this evaluations at most). */
const MAX_CONDITIONED_ZONES = 10;

export interface Bounds {
  lower: number;
  upper: number;
}

interface Term {
  lower: number;
  upper: number;
  /**
   * What the term depends on besides zones: host h as h, component c's instances as
   * hostCount + c. Terms with no key in common are independent given the zones.
   */
  keys: readonly number[];
}

export function availabilityBounds(compiled: CompiledModel, up: Float64Array): Bounds {
  const g = compiled.graph;
  const zoneCount = g.zoneIds.length;
  const keysOf = componentKeys(g, relevantComponents(compiled));
  const zoneUp = new Uint8Array(zoneCount).fill(1);
  if (zoneCount > MAX_CONDITIONED_ZONES) {
    let allZonesUp = 1;
    for (let z = 0; z < zoneCount; z++) allZonesUp *= up[zoneElement(g, z)];
    const b = boundsGivenZones(compiled, up, zoneUp, keysOf);
    return { lower: allZonesUp * b.lower, upper: b.upper };
  }
  let lower = 0;
  let upper = 0;
  for (let state = 0; state < 1 << zoneCount; state++) {
    let weight = 1;
    for (let z = 0; z < zoneCount; z++) {
      zoneUp[z] = (state >> z) & 1 ? 0 : 1;
      weight *= zoneUp[z] === 1 ? up[zoneElement(g, z)] : 1 - up[zoneElement(g, z)];
    }
    if (weight === 0) continue;
    const b = boundsGivenZones(compiled, up, zoneUp, keysOf);
    lower += weight * b.lower;
    upper += weight * b.upper;
  }
  return { lower: Math.min(lower, upper), upper: Math.min(1, upper) };
}

function componentKeys(g: FailureGraph, components: readonly number[]): Map<number, number[]> {
  const keys = new Map<number, number[]>();
  for (const c of components) {
    const set = new Set<number>([g.hostIds.length + c]);
    for (const i of servingInstances(g, c)) if (g.instanceHost[i] >= 0) set.add(g.instanceHost[i]);
    keys.set(c, [...set]);
  }
  return keys;
}

function boundsGivenZones(compiled: CompiledModel, up: Float64Array, zoneUp: Uint8Array, keysOf: Map<number, number[]>): Term {
  const g = compiled.graph;
  const zoneFactor = (z: number): number => (z < 0 ? 1 : zoneUp[z]);
  const instanceUp = (i: number): number => up[i] * zoneFactor(g.instanceZone[i]);
  const hostUp = (h: number): number => up[hostElement(g, h)] * zoneFactor(g.hostZone[h]);

  const servesCache = new Map<number, Term>();
  /** Exact P(c serves | zones): its serving instances grouped by host. */
  const serves = (c: number): Term => {
    let term = servesCache.get(c);
    if (term) return term;
    const noneOnHost = new Map<number, number>();
    let none = 1;
    for (const i of servingInstances(g, c)) {
      const h = g.instanceHost[i];
      if (h < 0) none *= 1 - instanceUp(i);
      else noneOnHost.set(h, (noneOnHost.get(h) ?? 1) * (1 - instanceUp(i)));
    }
    for (const [h, noLocal] of noneOnHost) none *= 1 - hostUp(h) * (1 - noLocal);
    const p = 1 - none;
    term = { lower: p, upper: p, keys: keysOf.get(c) ?? [] };
    servesCache.set(c, term);
    return term;
  };
  // Any-of groups being expanded (their owners), and the terms of groups whose expansion
  // met none of them (those do not depend on where they are expanded from).
  const expanding = new Set<number>();
  const groupCache = new Map<number, Term>();
  let cycleCuts = 0;
  /** OR over the group's alternatives of the conjunction over each one's reach. */
  const groupTerm = (group: number): Term => {
    const cached = groupCache.get(group);
    if (cached) return cached;
    const owner = g.groupOwner[group];
    if (expanding.has(owner)) {
      // Back at a group on the way here: Up of what follows is between FALSE and TRUE.
      cycleCuts++;
      return { lower: 0, upper: 1, keys: [] };
    }
    expanding.add(owner);
    const cutsBefore = cycleCuts;
    const alternatives: Term[] = [];
    for (let k = g.groupAlternatives.offsets[group]; k < g.groupAlternatives.offsets[group + 1]; k++) {
      const terms: Term[] = [];
      reachTerms([g.groupAlternatives.targets[k]], terms, new Set());
      alternatives.push(conjunction(terms));
    }
    expanding.delete(owner);
    const term = disjunction(alternatives);
    if (cycleCuts === cutsBefore) groupCache.set(group, term);
    return term;
  };
  const reachTerms = (starts: readonly number[], out: Term[], seen: Set<number>): void => {
    const stack = starts.filter((c) => !seen.has(c));
    stack.forEach((c) => seen.add(c));
    while (stack.length > 0) {
      const c = stack.pop() as number;
      out.push(serves(c));
      for (let k = g.hardDeps.offsets[c]; k < g.hardDeps.offsets[c + 1]; k++) {
        const d = g.hardDeps.targets[k];
        if (!seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
      for (let k = g.hardGroups.offsets[c]; k < g.hardGroups.offsets[c + 1]; k++) out.push(groupTerm(g.hardGroups.targets[k]));
    }
  };
  const alternativeTerms = (alt: CompiledAlternative, out: Term[], seen: Set<number>): void => {
    if (alt.kind === 'component') {
      reachTerms([alt.component], out, seen);
      return;
    }
    let p = hostUp(alt.host);
    const deps: number[] = [];
    for (const top of alt.tops) {
      p *= 1 - top.local.reduce((none, i) => none * (1 - up[i]), 1);
      for (let k = g.hardDeps.offsets[top.component]; k < g.hardDeps.offsets[top.component + 1]; k++) deps.push(g.hardDeps.targets[k]);
    }
    out.push({ lower: p, upper: p, keys: [alt.host, ...alt.tops.map((t) => g.hostIds.length + t.component)] });
    reachTerms(deps, out, seen);
    for (const top of alt.tops) {
      for (let k = g.hardGroups.offsets[top.component]; k < g.hardGroups.offsets[top.component + 1]; k++) out.push(groupTerm(g.hardGroups.targets[k]));
    }
  };

  const top: Term[] = [];
  const seenAtTop = new Set<number>();
  for (const alternatives of compiled.constraints) {
    if (alternatives.length === 1) {
      alternativeTerms(alternatives[0], top, seenAtTop);
      continue;
    }
    top.push(
      disjunction(
        alternatives.map((alt) => {
          const terms: Term[] = [];
          alternativeTerms(alt, terms, new Set());
          return conjunction(terms);
        }),
      ),
    );
  }
  return conjunction(top);
}

/** OR of increasing terms: the likeliest below; above, FKG on their complements. */
function disjunction(terms: readonly Term[]): Term {
  let lower = 0;
  let noneUpper = 1;
  const keys = new Set<number>();
  for (const t of terms) {
    lower = Math.max(lower, t.lower);
    noneUpper *= 1 - t.upper;
    t.keys.forEach((k) => keys.add(k));
  }
  return { lower, upper: 1 - noneUpper, keys: [...keys] };
}

/** AND of increasing terms: FKG below; above, the product over independent groups of each group's weakest. */
function conjunction(terms: readonly Term[]): Term {
  const parent = new Map<number, number>();
  const find = (h: number): number => {
    let r = h;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as number;
    let x = h;
    while (x !== r) {
      const next = parent.get(x) as number;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const t of terms) for (let k = 1; k < t.keys.length; k++) parent.set(find(t.keys[k]), find(t.keys[0]));
  let lower = 1;
  let upper = 1;
  const weakest = new Map<number, number>();
  const keys = new Set<number>();
  for (const t of terms) {
    lower *= t.lower;
    t.keys.forEach((k) => keys.add(k));
    // A term with no key depends on the zones alone: a constant here.
    if (t.keys.length === 0) upper *= t.upper;
    else {
      const group = find(t.keys[0]);
      weakest.set(group, Math.min(weakest.get(group) ?? 1, t.upper));
    }
  }
  for (const w of weakest.values()) upper *= w;
  return { lower: Math.min(lower, upper), upper, keys: [...keys] };
}
