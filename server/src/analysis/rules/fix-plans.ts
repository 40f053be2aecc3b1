// Building blocks of the quick fixes that add redundancy: new hosts modelled on existing
// ones, more instances of a component, automatic failover. They return tree changes
// (findings.ts `Change`); the language layer turns them into text edits.

import type { Component, Design, Host } from '../../model/types';
import type { Change, FixIntent } from '../findings';
import type { RuleContext } from '../rule';
import { instancesOf } from './queries';

/** `base` if it is free, otherwise `base` with the next free number ("web-1" → "web-2"). */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const numbered = /^(.*?)(\d+)$/.exec(base);
  const stem = numbered ? numbered[1] : `${base}-`;
  let n = numbered ? Number(numbered[2]) : 1;
  const width = numbered ? numbered[2].length : 1;
  if (!taken.has(base)) return base;
  for (;;) {
    n++;
    const candidate = `${stem}${String(n).padStart(width, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new zone id after `zone` ("us-east-1a" → "us-east-1b", "zone-1" → "zone-2"). */
export function nextZoneId(zone: string, taken: ReadonlySet<string>): string {
  const letter = /^(.*\d)([a-y])$/.exec(zone);
  if (letter) {
    for (let c = letter[2].charCodeAt(0) + 1; c <= 'z'.charCodeAt(0); c++) {
      const candidate = `${letter[1]}${String.fromCharCode(c)}`;
      if (!taken.has(candidate)) return candidate;
    }
  }
  return freshId(/\d$/.test(zone) ? zone : `${zone}-1`, taken);
}

/** The YAML value of a host modelled on `template`: same firewall, monitoring and exposure. */
export function hostLike(template: Host | undefined, zone: string | undefined): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  if (zone !== undefined) value.zone = zone;
  if (template?.public === true) value.public = true;
  if (template?.firewall !== undefined) value.firewall = template.firewall === true || template.firewall === false ? template.firewall : { allow: [...template.firewall.allow] };
  if (template?.monitoring !== undefined) value.monitoring = template.monitoring;
  return value;
}

/**
 * A zone for a new instance: among the declared zones (and those a fix is adding) other
 * than `avoid`, the one that holds the fewest of `used`. Undefined when there is none.
 */
export function pickZone(design: Design, used: readonly (string | undefined)[], avoid: string | undefined, added: readonly string[] = []): string | undefined {
  const candidates = [...design.zones.keys(), ...added].filter((z) => z !== avoid);
  if (candidates.length === 0) return undefined;
  const load = new Map(candidates.map((z) => [z, 0]));
  for (const z of used) if (z !== undefined && load.has(z)) load.set(z, load.get(z)! + 1);
  let best = candidates[0];
  for (const z of candidates) if (load.get(z)! < load.get(best)!) best = z;
  return best;
}

export interface Plan {
  changes: Change[];
  /** What the plan does, for the fix title ("add host web-2", "set replicas: 3"). */
  summary: string;
}

/** Shared state while several plans go into one fix. */
export interface PlanState {
  /** Ids in use, including those the fix hands out. */
  taken: Set<string>;
  /** Zones the fix adds. */
  addedZones: string[];
}

export function newPlanState(design: Design): PlanState {
  return { taken: allIds(design), addedZones: [] };
}

/**
 * Add `extra` instances of a component. With `runsOn`: new hosts modelled on its last
 * host, in other zones when the design has zones; with `replicas`: a higher count; with
 * neither: `replicas`. A database that becomes redundant also gets automatic
 * primary-replica failover, so the fix does not trade one finding for another.
 * Undefined when no sensible edit exists (its hosts are all unknown ids).
 */
export function planMoreInstances(ctx: RuleContext, c: Component, extra: number, state: PlanState, avoidZone?: string): Plan | undefined {
  const instances = instancesOf(ctx, c.id);
  const changes: Change[] = [];
  let summary: string;
  if (c.runsOn && c.runsOn.length > 0) {
    const templateId = [...c.runsOn].reverse().find((h) => ctx.design.hosts.has(h));
    if (templateId === undefined) return undefined;
    const template = ctx.design.hosts.get(templateId);
    const usedZones = instances.map((i) => i.zone);
    const added: string[] = [];
    for (let k = 0; k < extra; k++) {
      const id = freshId(templateId, state.taken);
      state.taken.add(id);
      const zone = pickZone(ctx.design, usedZones, avoidZone, state.addedZones) ?? (template?.zone === avoidZone ? undefined : template?.zone);
      usedZones.push(zone);
      changes.push({ op: 'set', path: ['hosts'], key: id, value: hostLike(template, zone) });
      changes.push({ op: 'append', path: ['components', c.id, 'runsOn'], value: id });
      added.push(id);
    }
    summary = added.length === 1 ? `run another instance of ${c.id} on a new host ${added[0]}` : `run ${c.id} on new hosts ${added.join(', ')} too`;
  } else {
    const replicas = (c.replicas ?? 1) + extra;
    changes.push({ op: 'set', path: ['components', c.id], key: 'replicas', value: replicas });
    summary = c.replicas === undefined ? `run ${c.id} as ${replicas} replicas` : `raise the replicas of ${c.id} to ${replicas}`;
    if (avoidZone !== undefined && c.zones && c.zones.every((z) => z === avoidZone)) {
      const other = pickZone(ctx.design, c.zones, avoidZone, state.addedZones);
      if (other !== undefined) changes.push({ op: 'append', path: ['components', c.id, 'zones'], value: other });
    }
  }
  if (c.type === 'database' && c.mode === undefined && instances.length <= 1) {
    changes.push({ op: 'set', path: c.path, key: 'mode', value: 'primary-replica' });
    if (c.failover !== 'automatic') changes.push(failoverChange(c));
  }
  return { changes, summary };
}

/** The change that turns on automatic failover (rewriting `failover: manual` in place). */
export function failoverChange(c: Component): Change {
  return c.failover === 'manual'
    ? { op: 'replace-value', path: [...c.path, 'failover'], value: 'automatic' }
    : { op: 'set', path: c.path, key: 'failover', value: 'automatic' };
}

export function failoverFix(c: Component, preferred = true): FixIntent {
  return { title: `Set failover: automatic on ${c.id}`, preferred, changes: [failoverChange(c)] };
}

/** One fix that adds an instance of `c` (undefined when none can be planned). */
export function moreInstancesFix(ctx: RuleContext, c: Component, extra: number, preferred = true): FixIntent | undefined {
  const plan = planMoreInstances(ctx, c, extra, newPlanState(ctx.design));
  if (!plan) return undefined;
  return { title: capitalize(plan.summary), preferred, changes: plan.changes };
}

export function allIds(design: Design): Set<string> {
  return new Set([...design.zones.keys(), ...design.hosts.keys(), ...design.components.keys()]);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
