// Plain data → Design. Lenient by design: a value of the wrong type is left out of the
// model (schema validation reports it), so one typo never hides every other finding.

import { isComponentType } from './component-types';
import { bool, isObj, num, oneOf, str, strings } from './plain-data';
import type { Obj } from './plain-data';
import {
  DNS_TYPES,
  FAILOVERS,
  MODES,
} from './types';
import type {
  Backup,
  Component,
  Dependency,
  Design,
  DnsRecord,
  DnsType,
  Failover,
  HealthCheck,
  Host,
  Mode,
  Path,
  Suppression,
  Zone,
} from './types';

export function buildDesign(data: unknown): Design {
  const root = isObj(data) ? data : {};
  const design: Design = {
    version: num(root.version),
    name: str(root.name),
    description: str(root.description),
    domain: normalizeName(str(root.domain)),
    dns: [],
    zones: new Map(),
    hosts: new Map(),
    components: new Map(),
    load: isObj(root.load) ? { peak: num(root.load.peak) } : undefined,
    slo: num(root.slo),
    suppress: [],
  };

  if (isObj(root.zones)) {
    const zones = root.zones;
    for (const id of Object.keys(zones)) {
      const raw = zones[id];
      const z = isObj(raw) ? raw : {};
      const zone: Zone = { id, path: ['zones', id], region: str(z.region), availability: num(z.availability) };
      design.zones.set(id, zone);
    }
  }

  if (isObj(root.hosts)) {
    const hosts = root.hosts;
    for (const id of Object.keys(hosts)) {
      const raw = hosts[id];
      const h = isObj(raw) ? raw : {};
      const host: Host = {
        id,
        path: ['hosts', id],
        zone: str(h.zone),
        ip: str(h.ip),
        public: bool(h.public),
        firewall: firewallOf(h.firewall),
        monitoring: str(h.monitoring),
        availability: num(h.availability),
      };
      design.hosts.set(id, host);
    }
  }

  if (isObj(root.components)) {
    const components = root.components;
    for (const id of Object.keys(components)) {
      const raw = components[id];
      design.components.set(id, componentOf(id, isObj(raw) ? raw : {}));
    }
  }

  if (Array.isArray(root.dns)) {
    root.dns.forEach((raw, index) => {
      if (!isObj(raw)) return;
      const name = typeof raw.name === 'string' ? raw.name : typeof raw.name === 'number' ? String(raw.name) : undefined;
      const type = oneOf<DnsType>(raw.type, DNS_TYPES);
      const target = str(raw.target);
      if (name === undefined || !type || target === undefined) return;
      const record: DnsRecord = { index, path: ['dns', index], name, fqdn: absoluteName(name, design.domain), type, target };
      design.dns.push(record);
    });
  }

  if (Array.isArray(root.suppress)) {
    root.suppress.forEach((raw, index) => {
      if (!isObj(raw) || typeof raw.rule !== 'string') return;
      const s: Suppression = {
        index,
        path: ['suppress', index],
        rule: raw.rule,
        target: str(raw.target),
        reason: typeof raw.reason === 'string' && raw.reason.trim() !== '' ? raw.reason : undefined,
      };
      design.suppress.push(s);
    });
  }

  return design;
}

function componentOf(id: string, c: Obj): Component {
  const dependsOn: Dependency[] = [];
  if (Array.isArray(c.dependsOn)) {
    const items: unknown[] = c.dependsOn;
    for (let i = 0; i < items.length; i++) {
      const dep = dependencyOf(items[i], ['components', id, 'dependsOn', i]);
      if (dep) dependsOn.push(dep);
    }
  }
  const replicas = num(c.replicas);
  return {
    id,
    path: ['components', id],
    type: isComponentType(c.type) ? c.type : undefined,
    software: str(c.software),
    runsOn: strings(c.runsOn),
    replicas: replicas !== undefined && Number.isInteger(replicas) && replicas >= 1 ? replicas : undefined,
    zones: strings(c.zones),
    mode: oneOf<Mode>(c.mode, MODES),
    failover: oneOf<Failover>(c.failover, FAILOVERS),
    healthCheck: healthCheckOf(c.healthCheck),
    tls: bool(c.tls),
    capacity: num(c.capacity),
    dependsOn,
    backup: backupOf(c.backup),
    availability: num(c.availability),
  };
}

/**
 * One `dependsOn` item as docs/format.md writes it: an id, `{ component, optional }` or
 * `{ anyOf: [ids], optional }`, at `path`; undefined for any other shape (validation reports
 * it). Every front end that takes §2's `dependsOn` (infra.yaml, Compose's `x-infra-review`,
 * the Kubernetes annotation) reads its items here; the paths are those of the data given.
 */
export function dependencyOf(item: unknown, path: Path): Dependency | undefined {
  if (typeof item === 'string') return { component: item, optional: false, path, namePath: path };
  if (!isObj(item)) return undefined;
  if (typeof item.component === 'string') return { component: item.component, optional: item.optional === true, path, namePath: [...path, 'component'] };
  if (Array.isArray(item.anyOf)) return anyOfDependency(item.anyOf, item.optional === true, path);
  return undefined;
}

/** `{ anyOf: [a, b] }`: the names among its items; one name alone is a plain dependency. */
function anyOfDependency(items: readonly unknown[], optional: boolean, path: Path): Dependency | undefined {
  const names: string[] = [];
  const paths: Path[] = [];
  items.forEach((name, k) => {
    if (typeof name !== 'string') return;
    names.push(name);
    paths.push([...path, 'anyOf', k]);
  });
  if (names.length === 0) return undefined;
  if (names.length === 1) return { component: names[0], optional, path, namePath: paths[0] };
  return { component: names[0], anyOf: names, anyOfPaths: paths, optional, path, namePath: paths[0] };
}

function firewallOf(v: unknown): Host['firewall'] {
  if (typeof v === 'boolean') return v;
  if (isObj(v)) return { allow: Array.isArray(v.allow) ? v.allow.filter((p): p is number => typeof p === 'number') : [] };
  return undefined;
}

function healthCheckOf(v: unknown): HealthCheck | undefined {
  if (typeof v === 'string') return { path: v };
  if (isObj(v)) return { path: str(v.path), interval: typeof v.interval === 'number' || typeof v.interval === 'string' ? v.interval : undefined };
  return undefined;
}

function backupOf(v: unknown): Backup | undefined {
  if (v === true) return {};
  if (isObj(v)) return { schedule: str(v.schedule), offsite: bool(v.offsite) };
  return undefined;
}

export function normalizeName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * A record name (or CNAME target) as an absolute name: "@" is the apex, a relative name
 * hangs off the domain, and a name already under the domain (or the domain) stays as is.
 */
export function absoluteName(name: string, domain: string | undefined): string {
  const n = normalizeName(name) ?? '';
  if (!domain) return n === '@' ? '' : n;
  if (n === '@' || n === '') return domain;
  if (n === domain || n.endsWith(`.${domain}`)) return n;
  // A name with a dot that is not under the domain is a full external name ("cdn.example.net").
  if (name.trim().endsWith('.') || n.includes('.')) {
    return n;
  }
  return `${n}.${domain}`;
}
