// The editor ↔ diagram links behind the custom requests: "fail this" (what goes down, as
// scene node ids) and the node under the cursor. Node ids follow diagram/ids.ts.

import type { AnalysisResult } from '../analysis/engine';
import type { FaultElement } from '../analysis/failure-types';
import { dnsNodeId, faultNodeId, hostNodeId, instanceNodeId, sceneNodeIdsAtPath } from '../diagram/ids';
import type { Position } from '../model/types';
import type { WhatIfResponse } from '../protocol';

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
  };
}

/** The scene nodes of the element under the cursor ([] when it is on none). */
export function nodeIdsAt(result: AnalysisResult, position: Position): string[] {
  const sm = result.parsed.sourceMap;
  const at = sm.nodeAtOffset(sm.offsetAt(position));
  return sceneNodeIdsAtPath(result.model, result.design, result.locator.modelPath(at.path) ?? []);
}
