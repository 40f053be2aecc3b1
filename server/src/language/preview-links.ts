// The editor ↔ diagram links behind the custom requests: "fail this" (what goes down, as
// scene node ids) and the node under the cursor. Node ids follow diagram/ids.ts.

import { availabilityOf, downtimeHoursPerYear } from '../analysis/availability';
import type { Availability } from '../analysis/availability';
import { formatDowntime, formatEstimate, formatYearlyDowntime, formatPercent, formatTarget } from '../analysis/availability/wording';
import type { AnalysisResult } from '../analysis/engine';
import type { FaultElement } from '../analysis/failure-types';
import { dnsNodeId, faultNodeId, hostNodeId, instanceNodeId, sceneNodeIdsAtPath } from '../diagram/ids';
import type { Position } from '../model/types';
import type { AvailabilityHeader, PreviewAvailability, WhatIfResponse } from '../protocol';

export function whatIfNodes(result: AnalysisResult, failed: readonly FaultElement[]): WhatIfResponse {
  const { model, design } = result;
  const w = model.whatIf(failed);
  const down = new Set<string>();
  const failedHosts = new Set<string>();
  const failedZones = new Set<string>();
  const failedInstances = new Set<string>();
  for (const f of failed) {
    down.add(faultNodeId(f));
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
  const degraded: string[] = [];
  for (const [component, instances] of model.instances) {
    for (const i of instances) {
      const id = instanceNodeId(component, i.index);
      const lost =
        w.down.has(component) ||
        failedInstances.has(id) ||
        (i.host !== undefined && failedHosts.has(i.host)) ||
        (i.zone !== undefined && failedZones.has(i.zone));
      if (lost) down.add(id);
      else if (w.degraded.has(component)) degraded.push(id);
    }
  }
  // A DNS name that is down greys out too (without DNS the labels are entry ids: no node).
  const dnsNames = new Set(design.dns.map((r) => r.fqdn));
  for (const label of w.downServices) if (dnsNames.has(label)) down.add(dnsNodeId(label));
  return {
    downNodes: [...down].sort(),
    degradedNodes: degraded.sort(),
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
  for (const s of a.shares) shares[faultNodeId(s.element)] = s.share;
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
