// DNS → the service's names and their alternatives (docs/format.md, "Entries").
// A name's alternatives are the A/AAAA/ALIAS records at that name and at every name its
// CNAMEs reach (chains followed, cycles contribute nothing). A CNAME to a name outside the
// domain with no records here is an external service, always up. Dangling references are
// ignored here; the unknown-reference rule reports them.

import { absoluteName } from '../model/build';
import type { Design, DnsRecord } from '../model/types';
import type { FailureGraph } from './failure-graph';
import type { Alternative, ServiceName } from './failure-types';

export interface TopComponent {
  component: number;
  /** Its instances on the alternative's host. */
  local: readonly number[];
}

export type CompiledAlternative =
  | { kind: 'component'; component: number }
  | { kind: 'host'; host: number; tops: readonly TopComponent[] };

export interface CompiledName {
  fqdn: string;
  external: boolean;
  alternatives: CompiledAlternative[];
}

export interface ResolvedDns {
  names: CompiledName[];
  /** Public shape of `names`, same order. */
  serviceNames: ServiceName[];
  /** Hosts an A/AAAA/ALIAS record points at (by id or by ip). */
  targetedHosts: Set<number>;
  /** Components an A/AAAA/ALIAS record points at. */
  targetedComponents: Set<number>;
}

export function resolveDns(design: Design, g: FailureGraph): ResolvedDns {
  const recordsByName = new Map<string, DnsRecord[]>();
  for (const r of design.dns) {
    const list = recordsByName.get(r.fqdn);
    if (list) list.push(r);
    else recordsByName.set(r.fqdn, [r]);
  }
  const hostByIp = new Map<string, number>();
  g.hostIds.forEach((id, h) => {
    const ip = design.hosts.get(id)?.ip;
    if (ip !== undefined && !hostByIp.has(ip)) hostByIp.set(ip, h);
  });
  const targetOf = (r: DnsRecord): { component: number } | { host: number } | undefined => {
    const c = g.componentIndex.get(r.target);
    if (c !== undefined) return { component: c };
    const h = g.hostIndex.get(r.target) ?? hostByIp.get(r.target);
    return h !== undefined ? { host: h } : undefined;
  };

  const targetedHosts = new Set<number>();
  const targetedComponents = new Set<number>();
  for (const r of design.dns) {
    if (r.type === 'CNAME') continue;
    const t = targetOf(r);
    if (t && 'host' in t) targetedHosts.add(t.host);
    else if (t) targetedComponents.add(t.component);
  }

  const topsOfHost = new Map<number, TopComponent[]>();
  const topsOf = (h: number): TopComponent[] => {
    let tops = topsOfHost.get(h);
    if (!tops) {
      tops = topComponentsOn(g, h);
      topsOfHost.set(h, tops);
    }
    return tops;
  };
  const insideDomain = (name: string): boolean =>
    design.domain ? name === design.domain || name.endsWith(`.${design.domain}`) : !name.includes('.');

  const names: CompiledName[] = [];
  const serviceNames: ServiceName[] = [];
  for (const fqdn of recordsByName.keys()) {
    const name: CompiledName = { fqdn, external: false, alternatives: [] };
    const shown: Alternative[] = [];
    const seenAlternatives = new Set<string>();
    const visited = new Set<string>([fqdn]);
    const stack = [fqdn];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      for (const r of recordsByName.get(current) ?? []) {
        if (r.type === 'CNAME') {
          const next = absoluteName(r.target, design.domain);
          if (recordsByName.has(next)) {
            if (!visited.has(next)) {
              visited.add(next);
              stack.push(next);
            }
          } else if (!insideDomain(next)) {
            name.external = true;
          }
          continue;
        }
        const t = targetOf(r);
        if (!t) continue;
        const key = 'host' in t ? `h${t.host}` : `c${t.component}`;
        if (seenAlternatives.has(key)) continue;
        seenAlternatives.add(key);
        if ('host' in t) {
          const tops = topsOf(t.host);
          name.alternatives.push({ kind: 'host', host: t.host, tops });
          shown.push({ kind: 'host', host: g.hostIds[t.host], components: tops.map((x) => g.componentIds[x.component]), record: r });
        } else {
          name.alternatives.push({ kind: 'component', component: t.component });
          shown.push({ kind: 'component', component: g.componentIds[t.component], record: r });
        }
      }
    }
    names.push(name);
    const service: ServiceName = { fqdn, alternatives: shown };
    if (name.external) service.external = true;
    serviceNames.push(service);
  }
  return { names, serviceNames, targetedHosts, targetedComponents };
}

/** The components with an instance on host h that no other component depends on. */
function topComponentsOn(g: FailureGraph, h: number): TopComponent[] {
  const tops: TopComponent[] = [];
  const { offsets, targets } = g.hostInstances;
  for (let k = offsets[h]; k < offsets[h + 1]; k++) {
    const i = targets[k];
    const c = g.instanceComponent[i];
    if (g.hasDependent[c] === 1) continue;
    const last = tops[tops.length - 1];
    // Instances are numbered component by component, so one component's are adjacent.
    if (last && last.component === c) (last.local as number[]).push(i);
    else tops.push({ component: c, local: [i] });
  }
  return tops;
}
