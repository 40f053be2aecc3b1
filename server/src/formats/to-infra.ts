// `infra-review convert`: a Design read from any format, written as the equivalent
// infra.yaml (docs/format.md), with a comment above each element saying where in the
// original file it came from. Checking the output gives the same SPOF set as the original.

import { stringify } from 'yaml';
import type { Component, Dependency, Design, Host, Path } from '../model/types';

/** Where an element of the design is written in its original file, for the comments. */
export type Origin = (modelPath: Path) => string | undefined;

/**
 * The text is put together section by section (each value written by yaml's `stringify`),
 * so that a comment can stand above each element and each dependency.
 */
export function designToInfraYaml(design: Design, origin: Origin, header: string): string {
  const out: string[] = [`# ${header}`, ''];
  const top: Record<string, unknown> = { version: 1, name: design.name ?? 'converted' };
  if (design.description !== undefined) top.description = design.description;
  if (design.domain !== undefined) top.domain = design.domain;
  out.push(block(top, 0));
  const originLines = (indent: number, from: string | undefined, verb = 'from') => (from ? [`${' '.repeat(indent)}# ${verb} ${from}`] : []);

  if (design.dns.length) {
    out.push('dns:');
    design.dns.forEach((r, i) => out.push(...originLines(2, origin(['dns', i])), `  - ${flow({ name: r.name, type: r.type, target: r.target })}`));
  }
  if (design.zones.size) out.push(block({ zones: Object.fromEntries([...design.zones.values()].map((z) => [z.id, withoutUndefined({ region: z.region, availability: z.availability })])) }, 0));
  if (design.hosts.size) {
    out.push('hosts:');
    for (const h of design.hosts.values()) out.push(...originLines(2, origin(['hosts', h.id])), `  ${key(h.id)}: ${flow(hostData(h))}`);
  }
  if (design.components.size) {
    out.push('components:');
    for (const c of design.components.values()) {
      out.push(...originLines(2, origin(['components', c.id])), `  ${key(c.id)}:`);
      const fields = componentData(c);
      if (Object.keys(fields).length) out.push(block(fields, 4));
      if (c.dependsOn.length) {
        out.push('    dependsOn:');
        c.dependsOn.forEach((d, i) => {
          out.push(...originLines(6, origin(['components', c.id, 'dependsOn', i]), d.inferred ? 'inferred from' : 'from'));
          out.push(`      - ${flow(dependencyData(d))}`);
        });
      }
    }
  }
  const rest: Record<string, unknown> = {};
  if (design.load?.peak !== undefined) rest.load = { peak: design.load.peak };
  if (design.slo !== undefined) rest.slo = design.slo;
  if (design.suppress.length) rest.suppress = design.suppress.map((s) => withoutUndefined({ rule: s.rule, target: s.target, reason: s.reason }));
  if (Object.keys(rest).length) out.push(block(rest, 0));
  return `${out.filter((l) => l !== '').join('\n')}\n`;
}

/** A dependency as infra.yaml writes it: an id, `{ component, optional }` or `{ anyOf, optional }`. */
function dependencyData(d: Dependency): unknown {
  if (d.anyOf) return d.optional ? { anyOf: [...d.anyOf], optional: true } : { anyOf: [...d.anyOf] };
  return d.optional ? { component: d.component, optional: true } : d.component;
}

/** A mapping as block YAML, every line indented by `indent`. */
function block(value: Record<string, unknown>, indent: number): string {
  const pad = ' '.repeat(indent);
  return stringify(value, { lineWidth: 0 }).trimEnd().split('\n').map((l) => pad + l).join('\n');
}

/** A value on one line (flow style). */
function flow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

function key(id: string): string {
  return flow(id);
}

function hostData(h: Host): Record<string, unknown> {
  return withoutUndefined({ zone: h.zone, ip: h.ip, public: h.public, firewall: h.firewall, monitoring: h.monitoring, availability: h.availability });
}

function componentData(c: Component): Record<string, unknown> {
  return withoutUndefined({
    type: c.type,
    software: c.software,
    runsOn: c.runsOn,
    replicas: c.replicas,
    zones: c.zones,
    mode: c.mode,
    failover: c.failover,
    healthCheck: c.healthCheck ? withoutUndefined({ path: c.healthCheck.path, interval: c.healthCheck.interval }) : undefined,
    tls: c.tls,
    capacity: c.capacity,
    backup: c.backup ? withoutUndefined({ schedule: c.backup.schedule, offsite: c.backup.offsite }) : undefined,
    availability: c.availability,
  });
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
