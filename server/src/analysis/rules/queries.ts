// Questions several rule families ask about a design and its failure model.

import { componentTypeInfo } from '../../model/component-types';
import type { Component, Design, DnsRecord, Path } from '../../model/types';
import type { Instance } from '../failure-types';
import type { RawFinding } from '../../model/findings';
import type { RuleContext } from '../rule';

export function instancesOf(ctx: RuleContext, id: string): readonly Instance[] {
  return ctx.model.instances.get(id) ?? [];
}

const hostPlacements = new WeakMap<RuleContext['model'], Map<string, string[]>>();

/**
 * Components with at least one instance on each host, in document order. Computed once
 * per model and shared by every rule that asks: callers must not modify it.
 */
export function componentsByHost(ctx: RuleContext): Map<string, string[]> {
  const known = hostPlacements.get(ctx.model);
  if (known) return known;
  const byHost = new Map<string, string[]>();
  for (const [id, instances] of ctx.model.instances) {
    for (const inst of instances) {
      if (inst.host === undefined) continue;
      const list = byHost.get(inst.host);
      if (!list) byHost.set(inst.host, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }
  hostPlacements.set(ctx.model, byHost);
  return byHost;
}

const recordIndexes = new WeakMap<Design, Map<string, DnsRecord[]>>();

/** The A/AAAA/ALIAS records (not CNAMEs) whose target is written as `target`, in document order. */
export function recordsTargeting(design: Design, target: string): readonly DnsRecord[] {
  let index = recordIndexes.get(design);
  if (!index) {
    index = new Map();
    for (const r of design.dns) {
      if (r.type === 'CNAME') continue;
      const list = index.get(r.target);
      if (list) list.push(r);
      else index.set(r.target, [r]);
    }
    recordIndexes.set(design, index);
  }
  return index.get(target) ?? [];
}

/** The load balancers that list `id` in their `dependsOn`, in document order. */
export function loadBalancersInFront(ctx: RuleContext, id: string): string[] {
  return ctx.model
    .dependentsOf(id)
    .filter((d) => ctx.design.components.get(d)?.type === 'load-balancer');
}

const schemaPrefixes = new WeakMap<readonly RawFinding[], Set<string>>();

/** Whether a schema problem lies at or under `path` (the element is broken already). */
export function schemaProblemUnder(ctx: RuleContext, path: Path): boolean {
  let prefixes = schemaPrefixes.get(ctx.documentProblems);
  if (!prefixes) {
    prefixes = new Set();
    for (const p of ctx.documentProblems) {
      if (p.rule !== 'schema') continue;
      for (let i = 0; i <= p.path.length; i++) prefixes.add(JSON.stringify(p.path.slice(0, i)));
    }
    schemaPrefixes.set(ctx.documentProblems, prefixes);
  }
  return prefixes.size > 0 && prefixes.has(JSON.stringify(path));
}

const ranks = new WeakMap<Design, Map<string, number>>();

function rankOf(design: Design): Map<string, number> {
  let rank = ranks.get(design);
  if (!rank) {
    rank = new Map();
    let i = 0;
    for (const id of design.components.keys()) rank.set(id, i++);
    ranks.set(design, rank);
  }
  return rank;
}

/** Sorts component ids in document order, to list them the way the user wrote them. */
export function documentOrder(design: Design): (ids: Iterable<string>) => string[] {
  const r = rankOf(design);
  return (ids) => [...ids].sort((a, b) => (r.get(a) ?? Infinity) - (r.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The first `k` of `ids` in document order. Linear in `ids` for a small `k`: a blast
 * radius can hold every component, and a message or related list needs only its head.
 */
export function firstInDocumentOrder(design: Design, ids: readonly string[], k: number): string[] {
  if (ids.length <= k) return documentOrder(design)(ids);
  const r = rankOf(design);
  const rank = (id: string) => r.get(id) ?? Infinity;
  // One look-up per id: most ids fall behind the head's last, whose rank is kept.
  const head: string[] = [];
  const headRanks: number[] = [];
  for (const id of ids) {
    const idRank = rank(id);
    if (head.length === k && idRank >= headRanks[k - 1]) continue;
    if (head.length === k) {
      head.pop();
      headRanks.pop();
    }
    let i = head.length;
    while (i > 0 && headRanks[i - 1] > idRank) i--;
    head.splice(i, 0, id);
    headRanks.splice(i, 0, idRank);
  }
  return head;
}

/** Whether the component's instances run on hosts the design does not model. */
export function hasUnmodelledHosts(c: Component): boolean {
  return !c.runsOn || c.runsOn.length === 0;
}

/** "Load balancer lb", "Database db", "Component x" (for a component without a known type). */
export function describeComponent(c: Component | undefined, id: string): string {
  const label = componentTypeInfo(c?.type)?.label ?? 'Component';
  return `${label} ${id}`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 literal (a DNS A/AAAA target that names no element). */
export function isIpLiteral(s: string): boolean {
  return IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
}

const agents = new WeakMap<Design, { agent: string | undefined }>();

/**
 * The monitoring agent most hosts of the design name (the first of those tied), or
 * undefined when no host names one. Memoised: every planned fix that adds a host asks.
 */
export function mostUsedAgent(design: Design): string | undefined {
  let known = agents.get(design);
  if (!known) {
    const uses = new Map<string, number>();
    for (const h of design.hosts.values()) if (h.monitoring !== undefined) uses.set(h.monitoring, (uses.get(h.monitoring) ?? 0) + 1);
    let agent: string | undefined;
    for (const [a, n] of uses) if (agent === undefined || n > uses.get(agent)!) agent = a;
    known = { agent };
    agents.set(design, known);
  }
  return known.agent;
}
