// Questions several rule families ask about a design and its failure model.

import type { Component, Design, Path } from '../../model/types';
import type { Instance } from '../failure-types';
import type { RuleContext } from '../rule';

/** Component types that speak HTTP to their clients (the ones TLS and load balancing are about). */
export const HTTP_TYPES: ReadonlySet<string> = new Set(['load-balancer', 'web-server', 'app-server', 'service', 'cdn']);

/** Component types that hold data worth a backup. */
export const DATA_TYPES: ReadonlySet<string> = new Set(['database', 'storage']);

export function instancesOf(ctx: RuleContext, id: string): readonly Instance[] {
  return ctx.model.instances.get(id) ?? [];
}

/** Components with at least one instance on each host, in document order. */
export function componentsByHost(ctx: RuleContext): Map<string, string[]> {
  const byHost = new Map<string, string[]>();
  for (const [id, instances] of ctx.model.instances) {
    for (const inst of instances) {
      if (inst.host === undefined) continue;
      const list = byHost.get(inst.host);
      if (!list) byHost.set(inst.host, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }
  return byHost;
}

/** The load balancers that list `id` in their `dependsOn`, in document order. */
export function loadBalancersInFront(ctx: RuleContext, id: string): string[] {
  return ctx.model
    .dependentsOf(id)
    .filter((d) => ctx.design.components.get(d)?.type === 'load-balancer');
}

/** Whether a schema problem lies at or under `path` (the element is broken already). */
export function schemaProblemUnder(ctx: RuleContext, path: Path): boolean {
  return ctx.documentProblems.some((p) => p.rule === 'schema' && startsWith(p.path, path));
}

function startsWith(path: Path, prefix: Path): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}


/** Document order of components, for listing them the way the user wrote them. */
export function documentOrder(design: Design): (ids: Iterable<string>) => string[] {
  const rank = new Map<string, number>();
  let i = 0;
  for (const id of design.components.keys()) rank.set(id, i++);
  return (ids) => [...ids].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether the component's instances run on hosts the design does not model. */
export function hasUnmodelledHosts(c: Component): boolean {
  return !c.runsOn || c.runsOn.length === 0;
}

/** "Load balancer lb", "Database db", "Component x" (for a component without a known type). */
export function describeComponent(c: Component | undefined, id: string): string {
  const label = c?.type ? TYPE_LABELS[c.type] : 'Component';
  return `${label} ${id}`;
}

const TYPE_LABELS: Record<string, string> = {
  'load-balancer': 'Load balancer',
  'web-server': 'Web server',
  'app-server': 'App server',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
  storage: 'Storage',
  firewall: 'Firewall',
  cdn: 'CDN',
  monitoring: 'Monitoring',
  service: 'Service',
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 literal (a DNS A/AAAA target that names no element). */
export function isIpLiteral(s: string): boolean {
  return IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
}
