// What a component, host or zone is, in Markdown: the element part of a hover. Every id
// and value from the file is escaped (see markdown.ts).

import type { AnalysisResult } from '../analysis/engine';
import type { FaultElement, Instance, WhatIfResult } from '../analysis/failure-types';
import type { Component, Host, Mode, Zone } from '../model/types';
import { anyOfWords, effectiveMode, isUnstated, STATABLE_FACTS } from '../model/types';
import type { StatableFact } from '../model/types';
import { elementAvailabilityMarkdown } from './availability-hover';
import type { IdKind } from './ids';
import { list, name, text } from './markdown';

export function describeElement(result: AnalysisResult, kind: IdKind, id: string): string | undefined {
  const { design } = result;
  if (kind === 'component') {
    const c = design.components.get(id);
    return c && describeComponent(result, c);
  }
  if (kind === 'host') {
    const h = design.hosts.get(id);
    return h && describeHost(result, h);
  }
  const z = design.zones.get(id);
  return z && describeZone(result, z);
}

function describeComponent(result: AnalysisResult, c: Component): string {
  const { model, design } = result;
  const instances = model.instances.get(c.id) ?? [];
  const heading = [c.type, c.software].filter((s): s is string => !!s).map(text).join(' · ');
  const lines = [`${name(c.id)} · component${heading ? ` · ${heading}` : ''}`];

  const mode = instances.length > 1 ? `, ${effectiveMode(c)}` : '';
  const failover = instances.length > 1 && effectiveMode(c) !== 'active-active' ? `, failover ${c.failover ?? 'manual'}` : '';
  lines.push(`**Instances:** ${instances.length}${mode}${failover}${c.instancesNote ? ` — ${c.instancesNote}` : ''}`);
  const roles = instances.length > 1 ? ROLES[effectiveMode(c)] : undefined;
  if (instances.length > 0) lines.push(instances.map((i) => `- ${describeInstance(i, roles, design.hostLabel ?? 'host')}`).join('\n'));

  const deps = c.dependsOn.map((d) => `${d.anyOf ? anyOfWords(d.anyOf, text) : text(d.component)}${d.optional ? ' (optional)' : ''}${d.inferred ? ' (inferred)' : ''}`);
  lines.push(`**Depends on:** ${deps.length ? deps.join(', ') : 'nothing'}`);
  const dependents = model.dependentsOf(c.id);
  lines.push(`**Used by:** ${dependents.length ? list([...dependents].sort()) : 'nothing'}`);

  const fail: FaultElement[] = instances.map((i) => ({ kind: 'instance', component: c.id, index: i.index }));
  lines.push(impactLine(instances.length > 1 ? 'If all its instances fail' : 'If it fails', model.whatIf(fail), c.id));
  pushDefined(lines, elementAvailabilityMarkdown(result, fail));
  const notChecked = notCheckedLine(c.unstated);
  if (notChecked) lines.push(notChecked);
  return lines.join('\n\n');
}

const FACT_LABELS: Record<StatableFact, string> = { tls: 'TLS', firewall: 'firewall', monitoring: 'monitoring', backup: 'backup' };

/** The facts the file could not say about the element, which the rules did not check. */
function notCheckedLine(unstated: ReadonlySet<StatableFact> | undefined): string | undefined {
  if (!unstated?.size) return undefined;
  return `**Not checked** (the file does not say; state it to have it reviewed): ${STATABLE_FACTS.filter((f) => unstated.has(f)).map((f) => FACT_LABELS[f]).join(', ')}`;
}

/** What the first and the other instances are called in each mode. */
const ROLES: Record<Mode, [string, string] | undefined> = {
  'active-active': undefined,
  'active-passive': ['active', 'standby'],
  'primary-replica': ['primary', 'replica'],
};

function describeInstance(i: Instance, roles: [string, string] | undefined, hostLabel: string): string {
  const where = i.host !== undefined ? `on ${text(i.host)}` : `on a ${text(hostLabel)} of its own`;
  const zone = i.zone !== undefined ? `, zone ${text(i.zone)}` : '';
  const role = roles ? ` (${i.index === 0 ? roles[0] : roles[1]})` : '';
  return `#${i.index + 1} ${where}${zone}${role}`;
}

function describeHost(result: AnalysisResult, h: Host): string {
  const { model } = result;
  const facts: string[] = [];
  if (h.zone !== undefined) facts.push(`zone ${text(h.zone)}`);
  if (h.ip !== undefined) facts.push(`IP ${text(h.ip)}`);
  facts.push(model.publicHosts.has(h.id) ? 'public' : 'private');
  if (!isUnstated(h, 'firewall')) facts.push(h.firewall === undefined || h.firewall === false ? 'no firewall' : 'firewall');
  if (!isUnstated(h, 'monitoring')) facts.push(h.monitoring !== undefined ? `monitored by ${text(h.monitoring)}` : 'not monitored');
  const lines = [`${name(h.id)} · host`, facts.join(' · ')];
  const runs = instancesWhere(result, (i) => i.host === h.id);
  lines.push(`**Runs:** ${runs.length ? runs.map(instanceLabel).join(', ') : 'nothing'}`);
  lines.push(impactLine('If it fails', model.whatIf([{ kind: 'host', id: h.id }])));
  pushDefined(lines, elementAvailabilityMarkdown(result, [{ kind: 'host', id: h.id }]));
  const notChecked = notCheckedLine(h.unstated);
  if (notChecked) lines.push(notChecked);
  return lines.join('\n\n');
}

function describeZone(result: AnalysisResult, z: Zone): string {
  const { design, model } = result;
  const lines = [`${name(z.id)} · zone${z.region !== undefined ? ` · region ${text(z.region)}` : ''}`];
  const hosts = [...design.hosts.values()].filter((h) => h.zone === z.id).map((h) => h.id);
  lines.push(`**Hosts:** ${hosts.length ? list(hosts) : 'none'}`);
  const replicas = instancesWhere(result, (i) => i.host === undefined && i.zone === z.id);
  if (replicas.length) lines.push(`**Replicas here:** ${replicas.map(instanceLabel).join(', ')}`);
  lines.push(impactLine('If it fails', model.whatIf([{ kind: 'zone', id: z.id }])));
  pushDefined(lines, elementAvailabilityMarkdown(result, [{ kind: 'zone', id: z.id }]));
  return lines.join('\n\n');
}

function pushDefined(lines: string[], line: string | undefined): void {
  if (line !== undefined) lines.push(line);
}

function instancesWhere(result: AnalysisResult, keep: (i: Instance) => boolean): Instance[] {
  const out: Instance[] = [];
  for (const list of result.model.instances.values()) for (const i of list) if (keep(i)) out.push(i);
  return out;
}

function instanceLabel(i: Instance): string {
  return `${text(i.component)} #${i.index + 1}`;
}

/** "If it fails: web and app go down; the service is down." */
export function impactLine(lead: string, w: WhatIfResult, self?: string): string {
  const down = [...w.down].filter((id) => id !== self).sort();
  const degraded = [...w.degraded].sort();
  const selfDown = self !== undefined && w.down.has(self);
  const parts: string[] = [];
  if (down.length) parts.push(`${list(down)} ${down.length === 1 ? 'goes' : 'go'} down${selfDown ? ' with it' : ''}`);
  else if (!selfDown) parts.push('nothing goes down');
  else parts.push('nothing else goes down');
  if (degraded.length) parts.push(`${list(degraded)} ${degraded.length === 1 ? 'is' : 'are'} degraded`);
  parts.push(w.serviceDown ? '**the service is down**' : 'the service stays up');
  return `**${lead}:** ${parts.join('; ')}.`;
}
