// The editor ↔ diagram links behind the custom requests: "fail this" (what goes down, as
// scene node ids) and the node under the cursor. Node ids follow diagram/ids.ts.

import { availabilityOf, downtimeHoursPerYear } from '../analysis/availability';
import type { Availability } from '../analysis/availability';
import { formatDowntime, formatEstimate, formatYearlyDowntime, formatPercent, formatTarget } from '../analysis/availability/wording';
import type { AnalysisResult } from '../analysis/engine';
import type { FaultElement } from '../analysis/failure-types';
import { dnsNodeId, faultNodeId, hostNodeId, instanceNodeId, instanceNodeIdsOf, sceneNodeIdsAtPath } from '../diagram/ids';
import type { Position } from '../model/types';
import type { AvailabilityHeader, PreviewAvailability, WhatIfResponse } from '../protocol';

export function whatIfNodes(result: AnalysisResult, failed: readonly FaultElement[]): WhatIfResponse {
  const { model, design } = result;
  const w = model.whatIf(failed);
  const nodeOf = instanceNodeIdsOf(design, model);
  const down = new Set<string>();
  const failedHosts = new Set<string>();
  const failedZones = new Set<string>();
  const failedInstances = new Set<string>();
  for (const f of failed) {
    if (f.kind !== 'instance') down.add(faultNodeId(f));
    if (f.kind === 'host') failedHosts.add(f.id);
    else if (f.kind === 'zone') failedZones.add(f.id);
    else failedInstances.add(instanceNodeId(f.component, f.index));
  }
  for (const h of design.hosts.values()) {
    if (h.zone !== undefined && failedZones.has(h.zone)) {
      failedHosts.add(h.id);
      down.add(hostNodeId(h.id));
    }
  }
  const degraded = new Set<string>();
  // Lost instances per node: a ×N node is down when every replica is lost, and otherwise
  // says how many are (`lostReplicas`).
  const lostOf = new Map<string, { lost: number; of: number }>();
  for (const [component, instances] of model.instances) {
    for (const i of instances) {
      const node = nodeOf(component, i.index);
      const lost =
        w.down.has(component) ||
        failedInstances.has(instanceNodeId(component, i.index)) ||
        (i.host !== undefined && failedHosts.has(i.host)) ||
        (i.zone !== undefined && failedZones.has(i.zone));
      const count = lostOf.get(node) ?? { lost: 0, of: 0 };
      count.of++;
      if (lost) count.lost++;
      lostOf.set(node, count);
      if (!lost && w.degraded.has(component)) degraded.add(node);
    }
  }
  const lostReplicas: Record<string, number> = {};
  for (const [node, { lost, of }] of lostOf) {
    if (lost === of) {
      down.add(node);
      degraded.delete(node);
    } else if (lost > 0) lostReplicas[node] = lost;
  }
  // A DNS name that is down greys out too (without DNS the labels are entry ids: no node).
  const dnsNames = new Set(design.dns.map((r) => r.fqdn));
  for (const label of w.downServices) if (dnsNames.has(label)) down.add(dnsNodeId(label));
  return {
    downNodes: [...down].sort(),
    degradedNodes: [...degraded].sort(),
    lostReplicas,
    downComponents: [...w.down].sort(),
    serviceDown: w.serviceDown,
    availability: availabilityGiven(result, failed),
  };
}

/** The header and the heat map's shares, by scene node id. */
export function previewAvailability(result: AnalysisResult): PreviewAvailability | null {
  const a = availabilityOf(result);
  if (!a) return null;
  const shares: Record<string, number> = {};
  // A ×N node shows its largest replica's share (the replicas' shares are not additive).
  const nodeOf = instanceNodeIdsOf(result.design, result.model);
  for (const s of a.shares) {
    const id = faultNodeId(s.element, nodeOf);
    shares[id] = Math.max(shares[id] ?? 0, s.share);
  }
  const slo = a.slo !== undefined ? ` · SLO ${formatTarget(a.slo)}` : '';
  const text = `Availability ${formatEstimate(a)} · ${formatYearlyDowntime(a)}${slo}`;
  return { text, status: sloStatus(a, a.bounds ?? { lower: a.estimate, upper: a.estimate }), shares };
}

function availabilityGiven(result: AnalysisResult, failed: readonly FaultElement[]): AvailabilityHeader | null {
  const a = availabilityOf(result);
  if (!a || failed.length === 0) return null;
  const given = a.given(failed);
  const figure = `${given.exact ? '' : '≥ '}${formatPercent(given.estimate)}`;
  const text = `Availability with this failure: ${figure} (${formatDowntime(downtimeHoursPerYear(given.estimate))} down a year at this rate)${a.slo !== undefined ? ` · SLO ${formatTarget(a.slo)}` : ''}`;
  // With bounds only, the figure is a lower bound: it shows "met" only when that is.
  return { text, status: sloStatus(a, { lower: given.estimate, upper: given.exact ? given.estimate : 1 }) };
}

function sloStatus(a: Availability, range: { lower: number; upper: number }): AvailabilityHeader['status'] {
  if (a.slo === undefined) return 'none';
  return range.lower >= a.slo ? 'met' : range.upper < a.slo ? 'missed' : 'unknown';
}

/** The scene nodes of the element under the cursor ([] when it is on none). */
export function nodeIdsAt(result: AnalysisResult, position: Position): string[] {
  const sm = result.parsed.sourceMap;
  const at = sm.nodeAtOffset(sm.offsetAt(position));
  return sceneNodeIdsAtPath(result.model, result.design, result.locator.modelPath(at.path) ?? []);
}
