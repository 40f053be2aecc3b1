// The service's availability (DESIGN.md §3 "Availability"): exact A from the BDD of the
// up-function, or proven bounds when the BDD would exceed its budget; the downtime, each
// element's share of it and the availability if it failed, and the order-2 cut sets.

import { sameData } from '../../model/same-data';
import type { Design } from '../../model/types';
import { hostElement, zoneElement } from '../failure-graph';
import type { FailureGraph } from '../failure-graph';
import { compiledModelOf, markFailures } from '../failure-model';
import type { CompiledModel } from '../failure-model';
import type { FailureModel, FaultElement } from '../failure-types';
import { BudgetExceeded } from './bdd';
import type { BddBudget } from './bdd';
import { availabilityBounds } from './bounds';
import type { Bounds } from './bounds';
import { downGivenFailed, downProbabilities, pairCuts } from './measures';
import { buildServiceFunction } from './service-function';
import type { ServiceFunction } from './service-function';

export const DEFAULT_AVAILABILITY = { zone: 0.9999, host: 0.999, instance: 0.9995 } as const;
export const HOURS_PER_YEAR = 8766;
/** `cutSets` lists this many, most probable first (DESIGN §5). */
export const LISTED_CUT_SETS = 100;
/** Pairs looked at to choose those; `cutSetCount` counts all of them regardless. */
const EXAMINED_CUT_SETS = 200_000;

/** Enough for a 10,000-component layered design with three zones; see bench/. */
export const DEFAULT_BUDGET: BddBudget = { nodes: 4_000_000, operations: 12_000_000 };

export interface ElementFigures {
  element: FaultElement;
  /** P(service down and this element down) / P(service down). */
  share: number;
  /** The service's availability while this element is down. */
  availabilityIfFailed: number;
}

export interface CutSet {
  elements: [FaultElement, FaultElement];
  /** Probability that both fail. */
  probability: number;
}

export interface Availability {
  /** A when exact; the proven lower bound otherwise. */
  estimate: number;
  exact: boolean;
  bounds: Bounds | null;
  downtimeHoursPerYear: number;
  slo?: number;
  /** Elements with a share above zero, largest first (empty when not exact). */
  shares: ElementFigures[];
  cutSets: CutSet[];
  cutSetCount: number;
  /** The figures of one element (also for a share of zero); undefined when not exact or unknown. */
  figuresOf(element: FaultElement): ElementFigures | undefined;
  /** A, or its lower bound, given that these elements are down (the preview's *Fail this*). */
  given(failed: readonly FaultElement[]): { estimate: number; exact: boolean };
}

export interface AvailabilityOptions {
  budget?: BddBudget;
}

const computed = new WeakMap<FailureModel, Availability>();

/**
 * The availability of an analysed design, computed on first use and kept with its model:
 * an analysis pays for it only when a face or the below-slo rule asks. Null exactly when
 * `spofs` is (the document could not be read as a design).
 */
export function availabilityOf(analysis: Analysed): Availability | null {
  if (analysis.spofs === null) return null;
  let a = computed.get(analysis.model);
  if (!a) {
    a = computeAvailability(analysis.design, analysis.model);
    computed.set(analysis.model, a);
  }
  return a;
}

type Analysed = { design: Design; model: FailureModel; spofs: unknown };

/**
 * Gives `next` the availability already computed for `previous` when the two cannot differ:
 * the same compiled failure model (the graph, every element's place and number, the
 * service's constraints), the same element availabilities and the same `slo`. Most edits
 * (a description, a port, a typo) leave all of that as it was, and comparing costs a few
 * milliseconds where computing costs tens. Returns whether it did.
 */
export function reuseAvailability(previous: Analysed, next: Analysed): boolean {
  const known = computed.get(previous.model);
  if (!known || computed.has(next.model) || (previous.spofs === null) !== (next.spofs === null)) return false;
  const before = compiledModelOf(previous.model);
  const after = compiledModelOf(next.model);
  const same =
    previous.design.slo === next.design.slo &&
    sameData(elementAvailabilities(previous.design, before.graph), elementAvailabilities(next.design, after.graph)) &&
    sameData(before, after);
  if (same) computed.set(next.model, known);
  return same;
}

export function computeAvailability(design: Design, model: FailureModel, options: AvailabilityOptions = {}): Availability {
  const compiled = compiledModelOf(model);
  const g = compiled.graph;
  const up = elementAvailabilities(design, g);
  let f: ServiceFunction | undefined;
  try {
    f = buildServiceFunction(compiled, options.budget ?? DEFAULT_BUDGET);
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
  }
  return f ? exactAvailability(design, compiled, f, up) : boundedAvailability(design, compiled, up);
}

/** Each fault element's availability, by element number; a value outside (0, 1] (a schema error) reads as the default. */
export function elementAvailabilities(design: Design, g: FailureGraph): Float64Array {
  const up = new Float64Array(g.elementCount);
  const valid = (v: number | undefined, fallback: number): number => (v !== undefined && Number.isFinite(v) && v > 0 && v <= 1 ? v : fallback);
  for (let i = 0; i < g.instanceCount; i++) {
    up[i] = valid(design.components.get(g.componentIds[g.instanceComponent[i]])?.availability, DEFAULT_AVAILABILITY.instance);
  }
  g.hostIds.forEach((id, h) => {
    up[hostElement(g, h)] = valid(design.hosts.get(id)?.availability, DEFAULT_AVAILABILITY.host);
  });
  g.zoneIds.forEach((id, z) => {
    up[zoneElement(g, z)] = valid(design.zones.get(id)?.availability, DEFAULT_AVAILABILITY.zone);
  });
  return up;
}

export function downtimeHoursPerYear(estimate: number): number {
  return (1 - estimate) * HOURS_PER_YEAR;
}

function exactAvailability(design: Design, compiled: CompiledModel, f: ServiceFunction, up: Float64Array): Availability {
  const g = compiled.graph;
  const variableUp = Float64Array.from(f.elementOf, (e) => up[e]);
  const down = downProbabilities(f, variableUp);
  const total = f.root >= 0 ? down[f.root] : 0;
  const estimate = 1 - total;
  const downIfFailed = downGivenFailed(f, variableUp, down);
  const variableOf = new Map<number, number>();
  f.elementOf.forEach((e, v) => variableOf.set(e, v));

  const figuresOfVariable = (v: number): ElementFigures => ({
    element: faultElementOf(g, f.elementOf[v]),
    share: total > 0 ? ((1 - variableUp[v]) * downIfFailed[v]) / total : 0,
    availabilityIfFailed: 1 - downIfFailed[v],
  });
  // An element the up-function does not depend on fails independently of the service:
  // its share is its own unavailability, and its failure leaves A as it is.
  const figuresOfElement = (e: number): ElementFigures => {
    const v = variableOf.get(e);
    if (v !== undefined) return figuresOfVariable(v);
    return { element: faultElementOf(g, e), share: total > 0 ? 1 - up[e] : 0, availabilityIfFailed: estimate };
  };
  const shares: ElementFigures[] = [];
  for (let e = 0; e < g.elementCount; e++) {
    const figures = figuresOfElement(e);
    if (figures.share > 0) shares.push(figures);
  }
  shares.sort((a, b) => b.share - a.share);

  const cuts = pairCuts(f, EXAMINED_CUT_SETS);
  const cutSets: CutSet[] = [];
  for (let k = 0; k < cuts.pairs.length; k += 2) {
    const a = cuts.pairs[k];
    const b = cuts.pairs[k + 1];
    cutSets.push({
      elements: [faultElementOf(g, f.elementOf[a]), faultElementOf(g, f.elementOf[b])],
      probability: (1 - variableUp[a]) * (1 - variableUp[b]),
    });
  }
  cutSets.sort((x, y) => y.probability - x.probability);

  return {
    estimate,
    exact: true,
    bounds: null,
    downtimeHoursPerYear: total * HOURS_PER_YEAR,
    ...(design.slo !== undefined ? { slo: design.slo } : {}),
    shares,
    cutSets: cutSets.slice(0, LISTED_CUT_SETS),
    cutSetCount: cuts.count,
    figuresOf(element) {
      const e = elementNumber(g, element);
      return e === undefined ? undefined : figuresOfElement(e);
    },
    given(failed) {
      const failedUp = variableUp.slice();
      for (const e of failed) {
        const v = variableOfElement(g, e, variableOf);
        if (v !== undefined) failedUp[v] = 0;
      }
      return { estimate: 1 - downProbabilities(f, failedUp)[f.root], exact: true };
    },
  };
}

function boundedAvailability(design: Design, compiled: CompiledModel, up: Float64Array): Availability {
  const g = compiled.graph;
  const bounds = availabilityBounds(compiled, up);
  return {
    estimate: bounds.lower,
    exact: false,
    bounds,
    downtimeHoursPerYear: downtimeHoursPerYear(bounds.lower),
    ...(design.slo !== undefined ? { slo: design.slo } : {}),
    shares: [],
    cutSets: [],
    cutSetCount: 0,
    figuresOf: () => undefined,
    given(failed) {
      const failedUp = up.slice();
      const marks = markFailures(g, failed);
      marks.instanceDown.forEach((d, i) => d === 1 && (failedUp[i] = 0));
      marks.hostDown.forEach((d, h) => d === 1 && (failedUp[hostElement(g, h)] = 0));
      for (const e of failed) if (e.kind === 'zone' && g.zoneIndex.has(e.id)) failedUp[zoneElement(g, g.zoneIndex.get(e.id) as number)] = 0;
      return { estimate: availabilityBounds(compiled, failedUp).lower, exact: false };
    },
  };
}

export function faultElementOf(g: FailureGraph, e: number): FaultElement {
  if (e < g.instanceCount) {
    const c = g.instanceComponent[e];
    return { kind: 'instance', component: g.componentIds[c], index: e - g.componentInstances.targets[g.componentInstances.offsets[c]] };
  }
  const h = e - g.instanceCount;
  if (h < g.hostIds.length) return { kind: 'host', id: g.hostIds[h] };
  return { kind: 'zone', id: g.zoneIds[h - g.hostIds.length] };
}

function elementNumber(g: FailureGraph, element: FaultElement): number | undefined {
  if (element.kind === 'host') {
    const h = g.hostIndex.get(element.id);
    return h === undefined ? undefined : hostElement(g, h);
  }
  if (element.kind === 'zone') {
    const z = g.zoneIndex.get(element.id);
    return z === undefined ? undefined : zoneElement(g, z);
  }
  const c = g.componentIndex.get(element.component);
  if (c === undefined || !Number.isInteger(element.index) || element.index < 0) return undefined;
  const k = g.componentInstances.offsets[c] + element.index;
  return k < g.componentInstances.offsets[c + 1] ? g.componentInstances.targets[k] : undefined;
}

function variableOfElement(g: FailureGraph, element: FaultElement, variableOf: ReadonlyMap<number, number>): number | undefined {
  const e = elementNumber(g, element);
  return e === undefined ? undefined : variableOf.get(e);
}
