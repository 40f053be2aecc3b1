// Building blocks of the quick fixes that add redundancy: new hosts modelled on existing
// ones, more instances of a component, automatic failover. They return tree changes
// (findings.ts `Change`); the language layer turns them into text edits.

import type { Component, Design, DnsRecord, DnsType, Host } from '../../model/types';
import type { FailureModel } from '../failure-types';
import type { Change, FixIntent } from '../../model/findings';
import type { RuleContext } from '../rule';
import { instancesOf, mostUsedAgent } from './queries';
import { naturalList } from './text';

/**
 * The ids of a design plus those a fix hands out. Questions cost O(1) and nothing is
 * copied, because every finding's fix is planned up front, on designs of 40,000 elements.
 */
export class IdPool {
  private readonly added = new Set<string>();
  /** Per stem, the number after the last one handed out (so a fix adding many hosts stays linear). */
  private readonly nextNumber = new Map<string, number>();

  constructor(private readonly design: Design) {}

  has(id: string): boolean {
    const d = this.design;
    return d.components.has(id) || d.hosts.has(id) || d.zones.has(id) || this.added.has(id);
  }

  /**
   * Takes `base` when it is free; otherwise the next number after the highest in use with
   * the same stem ("web-1" → "web-3" when web-2 exists, "lb" → "lb-2").
   */
  fresh(base: string): string {
    let id = base;
    if (this.has(base)) {
      const numbered = /^(.*?)(\d+)$/.exec(base);
      const stem = numbered ? numbered[1] : `${base}-`;
      const width = numbered ? numbered[2].length : 1;
      let n = this.nextNumber.get(stem) ?? Math.max(highestNumber(this.design, stem), numbered ? Number(numbered[2]) : 1) + 1;
      for (id = `${stem}${String(n).padStart(width, '0')}`; this.has(id); id = `${stem}${String(++n).padStart(width, '0')}`);
      this.nextNumber.set(stem, n + 1);
    }
    this.added.add(id);
    return id;
  }
}

const numberIndexes = new WeakMap<Design, Map<string, number>>();

/** The highest number any id of the design carries after `stem` (0 when none does). */
function highestNumber(design: Design, stem: string): number {
  let index = numberIndexes.get(design);
  if (!index) {
    index = new Map();
    for (const ids of [design.zones.keys(), design.hosts.keys(), design.components.keys()]) {
      for (const id of ids) {
        const m = /^(.*?)(\d+)$/.exec(id);
        if (m) index.set(m[1], Math.max(index.get(m[1]) ?? 0, Number(m[2])));
      }
    }
    numberIndexes.set(design, index);
  }
  return index.get(stem) ?? 0;
}

/** A new zone id after `zone` ("us-east-1a" → "us-east-1b", "zone-1" → "zone-2"). */
export function nextZoneId(zone: string, ids: IdPool): string {
  const letter = /^(.*\d)([a-y])$/.exec(zone);
  if (letter) {
    for (let c = letter[2].charCodeAt(0) + 1; c <= 'z'.charCodeAt(0); c++) {
      const candidate = `${letter[1]}${String.fromCharCode(c)}`;
      if (!ids.has(candidate)) return ids.fresh(candidate);
    }
  }
  return ids.fresh(/\d$/.test(zone) ? zone : `${zone}-1`);
}

/**
 * The YAML value of a new host modelled on `template`: same exposure, and no gap the
 * template has. It gets the template's firewall (an allow-list copied), else `firewall:
 * true`; the template's monitoring agent, else the one the design uses most, else none
 * (the fix does not choose an agent for a design that has not chosen one).
 */
export function hostLike(design: Design, template: Host | undefined, zone: string | undefined): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  if (zone !== undefined) value.zone = zone;
  if (template?.public === true) value.public = true;
  const firewall = template?.firewall;
  value.firewall = firewall !== undefined && firewall !== true && firewall !== false ? { allow: [...firewall.allow] } : true;
  const agent = template?.monitoring ?? mostUsedAgent(design);
  if (agent !== undefined) value.monitoring = agent;
  return value;
}

/** A DNS record to copy for a new host: users reach its template through one like it. */
export interface RecordShape {
  name: string;
  type: DnsType;
  /** For titles: the absolute name ("foobar.com" for `@`). */
  fqdn: string;
}

/** Per host, the records that target it (by id or ip) and the components they reach there. */
const reachIndexes = new WeakMap<FailureModel, Map<string, { record: DnsRecord; components: readonly string[] }[]>>();

function reachIndex(model: FailureModel): Map<string, { record: DnsRecord; components: readonly string[] }[]> {
  let index = reachIndexes.get(model);
  if (!index) {
    index = new Map();
    // A record reached through CNAMEs is an alternative of several names: index it once.
    const seen = new Set<DnsRecord>();
    for (const name of model.serviceNames) {
      for (const alt of name.alternatives) {
        if (alt.kind !== 'host' || seen.has(alt.record)) continue;
        seen.add(alt.record);
        const list = index.get(alt.host) ?? [];
        list.push({ record: alt.record, components: alt.components });
        index.set(alt.host, list);
      }
    }
    reachIndexes.set(model, index);
  }
  return index;
}

/**
 * The A/AAAA/ALIAS records (by name and type, each once) that bring users to one of
 * `components` on one of `hosts`: records that target such a host, where the component is
 * one of the top components DNS reaches (docs/format.md, "Entries"). A new host that runs the
 * component serves nobody unless DNS points at it too; behind a load balancer, none is needed.
 */
export function recordsReaching(ctx: RuleContext, hosts: Iterable<string>, components: readonly string[]): RecordShape[] {
  const index = reachIndex(ctx.model);
  const out: RecordShape[] = [];
  const seen = new Set<string>();
  for (const host of hosts) {
    for (const { record, components: reached } of index.get(host) ?? []) {
      const key = `${record.fqdn}\n${record.type}`;
      if (seen.has(key) || !reached.some((c) => components.includes(c))) continue;
      seen.add(key);
      out.push({ name: record.name, type: record.type, fqdn: record.fqdn });
    }
  }
  return out;
}

/** The records of `shapes`, pointed at `host` (round-robin DNS with the existing ones). */
export function recordChanges(shapes: readonly RecordShape[], host: string): Change[] {
  return shapes.map((r) => ({ op: 'append', path: ['dns'], value: { name: r.name, type: r.type, target: host } }));
}

/** ", and point foobar.com at it too" for the title of a fix that added records; "" without. */
export function recordsClause(shapes: readonly RecordShape[], at: string): string {
  if (shapes.length === 0) return '';
  const names = [...new Set(shapes.map((r) => r.fqdn))];
  return `, and point ${naturalList(names)} at ${at} too`;
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
  ids: IdPool;
  /** Zones the fix adds. */
  addedZones: string[];
}

export function newPlanState(design: Design): PlanState {
  return { ids: new IdPool(design), addedZones: [] };
}

export interface MoreInstancesOptions {
  /** A zone the new instances must not go to (the one that fails). */
  avoidZone?: string;
  /** The instances will sit behind a load balancer: DNS need not reach them. */
  behindBalancer?: boolean;
}

/**
 * Add `extra` instances of a component. With `runsOn`: new hosts modelled on its last
 * host, in other zones when the design has zones, and reached by the DNS records that
 * reach its hosts; with `replicas`: a higher count; with neither: `replicas`. A database
 * that becomes redundant also gets automatic primary-replica failover, so the fix does not
 * trade one finding for another. Undefined when no sensible edit exists (its hosts are all
 * unknown ids).
 */
export function planMoreInstances(ctx: RuleContext, c: Component, extra: number, state: PlanState, options: MoreInstancesOptions = {}): Plan | undefined {
  const { avoidZone } = options;
  const instances = instancesOf(ctx, c.id);
  const changes: Change[] = [];
  let summary: string;
  if (c.runsOn && c.runsOn.length > 0) {
    const templateId = [...c.runsOn].reverse().find((h) => ctx.design.hosts.has(h));
    if (templateId === undefined) return undefined;
    const template = ctx.design.hosts.get(templateId);
    const records = options.behindBalancer ? [] : recordsReaching(ctx, new Set(c.runsOn), [c.id]);
    const usedZones = instances.map((i) => i.zone);
    const added: string[] = [];
    for (let k = 0; k < extra; k++) {
      const id = state.ids.fresh(templateId);
      const zone = pickZone(ctx.design, usedZones, avoidZone, state.addedZones) ?? (template?.zone === avoidZone ? undefined : template?.zone);
      usedZones.push(zone);
      changes.push({ op: 'set', path: ['hosts'], key: id, value: hostLike(ctx.design, template, zone) });
      changes.push({ op: 'append', path: ['components', c.id, 'runsOn'], value: id });
      changes.push(...recordChanges(records, id));
      added.push(id);
    }
    summary =
      (added.length === 1 ? `run another instance of ${c.id} on a new host ${added[0]}` : `run ${c.id} on ${added.length} new hosts (${naturalList(added, Infinity)})`) +
      recordsClause(records, added.length === 1 ? 'it' : 'them');
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
  return { title: `Set failover: automatic on ${c.id}`, preferred, safe: true, addsRedundancy: true, changes: [failoverChange(c)] };
}

/** One fix that adds an instance of `c` (undefined when none can be planned). */
export function moreInstancesFix(ctx: RuleContext, c: Component, extra: number, preferred = true): FixIntent | undefined {
  const plan = planMoreInstances(ctx, c, extra, newPlanState(ctx.design));
  if (!plan) return undefined;
  return { title: capitalize(plan.summary), preferred, addsRedundancy: true, changes: plan.changes };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
