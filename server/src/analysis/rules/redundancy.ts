// The redundancy family: single points of failure and the weaker shapes of redundancy
// (instances sharing a host or a zone, failover by hand, a single instance to deploy to).

import { componentTypeInfo } from '../../model/component-types';
import type { Tier } from '../../model/component-types';
import { dependencyTargets, effectiveMode, hasAutomaticFailover, targetPath } from '../../model/types';
import type { Component, Path } from '../../model/types';
import type { Change, FixIntent, Target } from '../../model/findings';
import type { Spof } from '../failure-types';
import type { Rule, RuleContext } from '../rule';
import {
  capitalize,
  failoverChange,
  failoverFix,
  hostLike,
  moreInstancesFix,
  newPlanState,
  nextZoneId,
  pickZone,
  planMoreInstances,
  recordChanges,
  recordsClause,
  recordsReaching,
} from './fix-plans';
import type { PlanState, RecordShape } from './fix-plans';
import { componentsByHost, describeComponent, firstInDocumentOrder, instancesOf, loadBalancersInFront, recordsTargeting, schemaProblemUnder } from './queries';
import { count, naturalList, verb } from './text';

/**
 * What goes down with a SPOF, as related locations: the first ten in document order. The
 * message counts the rest and the element's hover lists them all; the editor shows each
 * related location as a line of its own, and at fifty they were two thirds of what a
 * 10k-line manifest's publication weighed (1.0 of 1.5 MB), parsed again on every edit.
 */
const MAX_RELATED = 10;

// ---------------------------------------------------------------- spof

interface SpofSubject {
  label: string;
  path: Path;
  target: Target;
  /** "if it fails", "if its primary on db-1 fails". */
  failure: string;
  /** A sentence that follows the message (the element's own advice). */
  advice?: string;
}

function subjectOf(ctx: RuleContext, spof: Spof): SpofSubject | undefined {
  const { design } = ctx;
  if (spof.element.kind === 'host') {
    const host = design.hosts.get(spof.element.id);
    if (!host) return undefined;
    return { label: `Host ${host.id}`, path: host.path, target: { kind: 'host', id: host.id }, failure: 'if it fails', advice: host.spofAdvice };
  }
  if (spof.element.kind === 'zone') {
    const zone = design.zones.get(spof.element.id);
    if (!zone) return undefined;
    return { label: `Zone ${zone.id}`, path: zone.path, target: { kind: 'zone', id: zone.id }, failure: 'if it fails' };
  }
  const c = design.components.get(spof.element.component);
  if (!c) return undefined;
  const instances = instancesOf(ctx, c.id);
  let failure = 'if it fails';
  if (instances.length > 1) {
    const inst = instances[spof.element.index];
    const which =
      spof.element.index === 0 && effectiveMode(c) === 'primary-replica'
        ? 'primary'
        : spof.element.index === 0 && effectiveMode(c) === 'active-passive'
          ? 'active instance'
          : `instance ${spof.element.index + 1}`;
    failure = `if its ${which}${inst?.host ? ` on ${inst.host}` : ''} fails`;
  }
  return { label: describeComponent(c, c.id), path: c.path, target: { kind: 'component', id: c.id }, failure };
}

function checkSpofs(ctx: RuleContext): void {
  let placement: Placement | undefined;
  const placed = () => (placement ??= placementOf(ctx));
  for (const spof of ctx.spofs) {
    const subject = subjectOf(ctx, spof);
    if (!subject) continue;
    const total = spof.impact.length;
    const head = firstInDocumentOrder(ctx.design, spof.impact, MAX_RELATED + 1);
    // A truncated radius (only on very deep chains) lists the nearest components: say so.
    const consequence =
      total === 0 ? 'the service goes down'
      : spof.impactTruncated ? `${head.slice(0, 3).join(', ')} and at least ${total - Math.min(3, total)} more go down`
      : `${naturalList(head, 5, total)} ${verb(total, 'goes', 'go')} down`;
    const shown = spof.element.kind === 'instance' ? head.filter((id) => id !== subject.target.id) : head;
    ctx.report({
      message: `${subject.label} is a single point of failure: ${subject.failure}, ${consequence}${subject.advice ? `. ${subject.advice}` : ''}`,
      target: subject.target,
      path: subject.path,
      related: shown.slice(0, MAX_RELATED).map((id) => ({
        message: `${id} goes down when ${subject.target.id} fails`,
        path: ['components', id],
      })),
      fixes: spofFixes(ctx, spof, placed),
    });
  }
}

function spofFixes(ctx: RuleContext, spof: Spof, placement: () => Placement): FixIntent[] | undefined {
  const fixes: FixIntent[] = [];
  const element = spof.element;
  if (element.kind === 'instance') {
    const c = ctx.design.components.get(element.component);
    if (!c) return undefined;
    if (needsFailover(ctx, c)) fixes.push(failoverFix(c));
    else {
      const more = moreInstancesFix(ctx, c, 1);
      if (more) fixes.push(more);
    }
    const lb = loadBalancerFix(ctx, c);
    if (lb) fixes.push(lb);
  } else if (element.kind === 'host') {
    const fix = hostFix(ctx, element.id, spof.impact, placement());
    if (fix) fixes.push(fix);
  } else {
    const fix = zoneFix(ctx, element.id, spof.impact, placement());
    if (fix) fixes.push(fix);
  }
  return fixes.length > 0 ? fixes : undefined;
}

/** Redundant on paper, down in practice: a second instance waits for a human. */
function needsFailover(ctx: RuleContext, c: Component): boolean {
  return instancesOf(ctx, c.id).length >= 2 && effectiveMode(c) !== 'active-active' && !hasAutomaticFailover(c);
}

/** Components with an instance on each host and in each zone, in document order. */
interface Placement {
  byHost: Map<string, string[]>;
  byZone: Map<string, string[]>;
}

function placementOf(ctx: RuleContext): Placement {
  const byZone = new Map<string, string[]>();
  for (const [id, instances] of ctx.model.instances) {
    for (const inst of instances) {
      if (inst.zone === undefined) continue;
      const list = byZone.get(inst.zone);
      if (!list) byZone.set(inst.zone, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }
  return { byHost: componentsByHost(ctx), byZone };
}

/**
 * Sorts the impacted components that have an instance in the failed place into those
 * that need an instance elsewhere and those that only need automatic failover. The
 * others go down because of a dependency, which has a finding of its own.
 */
function classify(ctx: RuleContext, placed: readonly string[], impact: readonly string[], failed: (inst: { host?: string; zone?: string }) => boolean) {
  const needInstance: Component[] = [];
  const needFailover: Component[] = [];
  const down = new Set(impact);
  for (const id of placed) {
    const c = ctx.design.components.get(id);
    if (!c || !down.has(id)) continue;
    const instances = instancesOf(ctx, id);
    const survivors = instances.filter((i) => !failed(i));
    if (survivors.length === 0) needInstance.push(c);
    else if (needsFailover(ctx, c) && failed(instances[0])) needFailover.push(c);
  }
  return { needInstance, needFailover };
}

function hostFix(ctx: RuleContext, hostId: string, impact: readonly string[], placement: Placement): FixIntent | undefined {
  const host = ctx.design.hosts.get(hostId);
  if (!host) return undefined;
  const { needInstance, needFailover } = classify(ctx, placement.byHost.get(hostId) ?? [], impact, (i) => i.host === hostId);
  const state = newPlanState(ctx.design);
  const changes: Change[] = [];
  const parts: string[] = [];
  const onHost = needInstance.filter((c) => c.runsOn?.includes(hostId));
  let reached = '';
  if (onHost.length > 0) {
    const newHost = state.ids.fresh(hostId);
    const zone = pickZone(ctx.design, [host.zone], host.zone) ?? host.zone;
    const records = recordsReaching(ctx, [hostId], onHost.map((c) => c.id));
    changes.push({ op: 'set', path: ['hosts'], key: newHost, value: hostLike(ctx.design, host, zone) });
    for (const c of onHost) {
      changes.push({ op: 'append', path: [...c.path, 'runsOn'], value: newHost });
      changes.push(...databaseRedundancy(ctx, c));
    }
    changes.push(...recordChanges(records, newHost));
    parts.push(`add host ${newHost}${zone && zone !== host.zone ? ` in zone ${zone}` : ''} running ${naturalList(onHost.map((c) => c.id))}`);
    reached = recordsClause(records, needFailover.length > 0 ? newHost : 'it');
  }
  if (needFailover.length > 0) {
    changes.push(...needFailover.map(failoverChange));
    parts.push(`set failover: automatic on ${naturalList(needFailover.map((c) => c.id))}`);
  }
  if (changes.length === 0) return undefined;
  // Failover alone is a setting with one right value; a new host is a decision.
  return { title: capitalize(parts.join(' and ') + reached), preferred: true, ...(onHost.length === 0 ? { safe: true } : {}), addsRedundancy: true, changes };
}

function zoneFix(ctx: RuleContext, zoneId: string, impact: readonly string[], placement: Placement): FixIntent | undefined {
  const { design } = ctx;
  const { needInstance, needFailover } = classify(ctx, placement.byZone.get(zoneId) ?? [], impact, (i) => i.zone === zoneId);
  const state = newPlanState(design);
  const changes: Change[] = [];
  let other = pickZone(design, [], zoneId);
  if (other === undefined && needInstance.length > 0) {
    other = nextZoneId(zoneId, state.ids);
    state.addedZones.push(other);
    const region = design.zones.get(zoneId)?.region;
    changes.push({ op: 'set', path: ['zones'], key: other, value: region ? { region } : {} });
  }
  // One new host per host of the failed zone, shared by the components it runs.
  const replacement = new Map<string, { host: string; components: string[] }>();
  for (const c of needInstance) {
    if (c.runsOn && c.runsOn.length > 0) {
      const inZone = instancesOf(ctx, c.id).find((i) => i.host !== undefined && design.hosts.has(i.host));
      if (!inZone?.host) continue;
      let twin = replacement.get(inZone.host);
      if (!twin) {
        twin = { host: state.ids.fresh(inZone.host), components: [] };
        replacement.set(inZone.host, twin);
        changes.push({ op: 'set', path: ['hosts'], key: twin.host, value: hostLike(design, design.hosts.get(inZone.host), other) });
      }
      twin.components.push(c.id);
      changes.push({ op: 'append', path: [...c.path, 'runsOn'], value: twin.host });
      changes.push(...databaseRedundancy(ctx, c));
    } else {
      const plan = planMoreInstances(ctx, c, c.replicas !== undefined && c.replicas >= 2 ? 0 : 1, state, { avoidZone: zoneId });
      if (plan) changes.push(...plan.changes.filter((ch) => !(ch.op === 'set' && ch.key === 'replicas' && ch.value === c.replicas)));
    }
  }
  // A twin of a host that DNS points at must be reached the same way.
  const pointed: RecordShape[] = [];
  const twins: string[] = [];
  for (const [old, twin] of replacement) {
    const records = recordsReaching(ctx, [old], twin.components);
    changes.push(...recordChanges(records, twin.host));
    pointed.push(...records);
    if (records.length > 0) twins.push(twin.host);
  }
  const reached = recordsClause(pointed, naturalList(twins));
  changes.push(...needFailover.map(failoverChange));
  if (changes.length === 0) return undefined;
  const spread = needInstance.length > 0 ? `spread ${naturalList(needInstance.map((c) => c.id))} over zone ${other}` : '';
  const failover = needFailover.length > 0 ? `set failover: automatic on ${naturalList(needFailover.map((c) => c.id))}` : '';
  return { title: capitalize([spread, failover].filter(Boolean).join(' and ') + reached), preferred: true, addsRedundancy: true, changes };
}

/** A database that gains its second instance becomes primary-replica with automatic failover. */
function databaseRedundancy(ctx: RuleContext, c: Component): Change[] {
  if (c.type !== 'database' || c.mode !== undefined || instancesOf(ctx, c.id).length > 1) return [];
  const changes: Change[] = [{ op: 'set', path: c.path, key: 'mode', value: 'primary-replica' }];
  if (!hasAutomaticFailover(c)) changes.push(failoverChange(c));
  return changes;
}

const TIER_TYPES: ReadonlySet<string> = new Set(['web-server', 'app-server', 'service']);

/**
 * For a web or app tier with one instance and nothing balancing it: a load balancer pair
 * in front, a second instance behind it, and the DNS records and dependents that reached
 * the tier directly now going through the balancer. In a design that models the tier's
 * hosts, the pair gets two new hosts modelled on the tier's (so it is firewalled and
 * monitored like them); otherwise it is `replicas: 2`, like a managed balancer.
 */
function loadBalancerFix(ctx: RuleContext, c: Component): FixIntent | undefined {
  const { design, model } = ctx;
  if (!c.type || !TIER_TYPES.has(c.type)) return undefined;
  const instances = instancesOf(ctx, c.id);
  if (instances.length !== 1 || loadBalancersInFront(ctx, c.id).length > 0) return undefined;
  const state: PlanState = newPlanState(design);
  const isEntry = model.entries.has(c.id);
  const lbId = state.ids.fresh(isEntry ? 'lb' : `${c.id}-lb`);
  const host = instances[0].host !== undefined ? design.hosts.get(instances[0].host) : undefined;

  const lb: Record<string, unknown> = { type: 'load-balancer' };
  const lbHosts: Change[] = [];
  let where = '';
  if (host) {
    const ids: string[] = [];
    const zones: (string | undefined)[] = [];
    for (let k = 0; k < 2; k++) {
      const id = state.ids.fresh(`${lbId}-1`);
      const zone = pickZone(design, zones, undefined) ?? host.zone;
      zones.push(zone);
      lbHosts.push({ op: 'set', path: ['hosts'], key: id, value: hostLike(design, host, zone) });
      ids.push(id);
    }
    lb.runsOn = ids;
    where = ` on new hosts ${naturalList(ids)}`;
  } else {
    lb.replicas = 2;
  }
  const more = planMoreInstances(ctx, c, 1, state, { behindBalancer: true });
  if (!more) return undefined;
  lb.healthCheck = '/health';
  if (isEntry || c.tls === true) lb.tls = true;
  lb.dependsOn = [c.id];
  const changes: Change[] = [{ op: 'set', path: ['components'], key: lbId, value: lb }, ...lbHosts, ...more.changes];

  const targets = isEntry && host !== undefined ? [c.id, host.id, ...(host.ip !== undefined ? [host.ip] : [])] : [c.id];
  const redirected = new Set(targets.flatMap((t) => recordsTargeting(design, t)));
  for (const record of [...redirected].sort((a, b) => a.index - b.index)) {
    changes.push({ op: 'replace-value', path: [...record.path, 'target'], value: lbId });
  }
  for (const dependent of model.dependentsOf(c.id)) {
    for (const dep of design.components.get(dependent)?.dependsOn ?? []) {
      if (dependencyTargets(dep).includes(c.id)) changes.push({ op: 'replace-value', path: targetPath(dep, c.id), value: lbId });
    }
  }
  return { title: `Put load balancer ${lbId}${where} in front of ${c.id}${where ? ',' : ''} and ${more.summary}`, addsRedundancy: true, changes };
}

export const spof: Rule = {
  meta: {
    id: 'spof',
    defaultSeverity: 'error',
    title: 'Single point of failure',
    explanation:
      'A single point of failure is one host, one zone or one component instance whose failure alone takes the service down: ' +
      'every DNS name users need must stay reachable, with every component it needs. ' +
      'Hardware fails, kernels panic and data centres lose power, so a design that survives only while every part of it is up will go down. ' +
      'The finding lists the blast radius: the components that go down with the element. ' +
      'The analysis is exact for any design and takes `mode`, `failover`, optional dependencies and DNS round-robin into account.',
    fix:
      'Give the failing part a twin that takes over on its own: a second instance of the component on a host of its own (in another zone when the design has zones), ' +
      'or more `replicas`, with `failover: automatic` where one instance is the primary. ' +
      'Where DNS points at the host, point it at the new host too (round-robin DNS), or users never reach it. ' +
      'For a single web or app tier, a load balancer in front of two instances spreads the traffic and routes around the failed one.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Embracing Risk', url: 'https://sre.google/sre-book/embracing-risk/' },
      { title: 'AWS Well-Architected Framework: Reliability pillar', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html' },
      { title: 'Wikipedia: Single point of failure', url: 'https://en.wikipedia.org/wiki/Single_point_of_failure' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  server-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [server-1], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  server-1: { firewall: true, monitoring: prometheus }',
        '  server-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [server-1, server-2], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check: checkSpofs,
};

// ---------------------------------------------------------------- colocated-replicas

export const colocatedReplicas: Rule = {
  meta: {
    id: 'colocated-replicas',
    defaultSeverity: 'warning',
    title: 'All instances on one host',
    explanation:
      'Listing a host twice in `runsOn` starts two instances of the component on the same machine. ' +
      'That adds capacity and survives the crash of one process, but not the loss of the machine, ' +
      'which is the failure redundancy is meant for: a power supply, a disk or a kernel update takes both instances down at once.',
    fix: 'Run the second instance on a host of its own (the quick fix adds one modelled on the first, in another zone when there are zones).',
    fixable: true,
    references: [
      { title: 'AWS Well-Architected Framework: Reliability pillar', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-1], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const { design } = ctx;
    for (const c of design.components.values()) {
      const instances = instancesOf(ctx, c.id);
      if (instances.length < 2 || !c.runsOn) continue;
      const hostId = instances[0].host;
      if (hostId === undefined || !instances.every((i) => i.host === hostId)) continue;
      const host = design.hosts.get(hostId);
      let fixes: FixIntent[] | undefined;
      const last = c.runsOn.lastIndexOf(hostId);
      if (host && last > 0 && !schemaProblemUnder(ctx, [...c.path, 'runsOn'])) {
        const newHost = newPlanState(design).ids.fresh(hostId);
        const zone = pickZone(design, [host.zone], undefined) ?? host.zone;
        const records = recordsReaching(ctx, [hostId], [c.id]);
        fixes = [{
          title: `Move one instance of ${c.id} to a new host ${newHost}${recordsClause(records, 'it')}`,
          preferred: true,
          addsRedundancy: true,
          changes: [
            { op: 'set', path: ['hosts'], key: newHost, value: hostLike(design, host, zone) },
            { op: 'replace-value', path: [...c.path, 'runsOn', last], value: newHost },
            ...recordChanges(records, newHost),
          ],
        }];
      }
      ctx.report({
        message: `${describeComponent(c, c.id)} runs ${count(instances.length, 'instance')}, all on host ${hostId}: when ${hostId} fails they fail together, so they add capacity but no redundancy`,
        target: { kind: 'component', id: c.id },
        path: [...c.path, 'runsOn'],
        fixes,
      });
    }
  },
};

// ---------------------------------------------------------------- single-zone

export const singleZone: Rule = {
  meta: {
    id: 'single-zone',
    defaultSeverity: 'warning',
    title: 'Redundant instances all in one zone',
    explanation:
      'A zone is a failure domain larger than a host: a data centre, a cloud availability zone, a rack with one power feed. ' +
      'When a design declares several zones but a component\'s instances all sit in one of them, the component survives the loss of a host ' +
      'but not of that zone, and zones do fail as a whole (power, cooling, network). Spreading instances over zones is what the zones are for.',
    fix: 'Move one of the hosts to another zone, or run an instance on a new host there; for `replicas`, list several `zones`.',
    kubernetes:
      'Zones are the nodes\' `topology.kubernetes.io/zone` label. A workload whose pods are spread on that key (`topologySpreadConstraints` with `whenUnsatisfiable: DoNotSchedule`, or a required pod anti-affinity) has its replicas in up to three zones. ' +
      'Once one workload of the file is spread so, the cluster has zones, and every other workload of several replicas without that spread is reported: the scheduler may put all its pods in one zone (a `ScheduleAnyway` spread or a preferred anti-affinity is best effort, and says so). ' +
      'Reads `spec.replicas`, `spec.template.spec.topologySpreadConstraints` and `spec.template.spec.affinity.podAntiAffinity`. The quick fix adds a `DoNotSchedule` zone spread of the workload\'s own pod labels.',
    fixable: true,
    references: [
      { title: 'AWS: Regions and Availability Zones', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html' },
      { title: 'AWS Well-Architected Framework: Reliability pillar', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'zones:',
        '  zone-a: {}',
        '  zone-b: {}',
        'hosts:',
        '  web-1: { zone: zone-a, firewall: true, monitoring: prometheus }',
        '  web-2: { zone: zone-a, firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'zones:',
        '  zone-a: {}',
        '  zone-b: {}',
        'hosts:',
        '  web-1: { zone: zone-a, firewall: true, monitoring: prometheus }',
        '  web-2: { zone: zone-b, firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const { design } = ctx;
    if (design.zones.size < 2) return;
    const byHost = componentsByHost(ctx);
    for (const c of design.components.values()) {
      if (c.zoneSpread === 'best-effort' || c.zoneSpread === 'unconstrained') {
        reportUnspread(ctx, c, c.zoneSpread);
        continue;
      }
      const instances = instancesOf(ctx, c.id);
      if (instances.length < 2) continue;
      const zone = instances[0].zone;
      if (zone === undefined || !instances.every((i) => i.zone === zone)) continue;
      const hosts = [...new Set(instances.map((i) => i.host))];
      // All on one host: colocated-replicas says it better.
      if (c.runsOn && hosts.length < 2) continue;
      const other = pickZone(design, instances.map((i) => i.zone), zone);
      if (other === undefined) continue;
      let fixes: FixIntent[] | undefined;
      let path: Path;
      if (c.runsOn) {
        path = [...c.path, 'runsOn'];
        const moved = hosts[hosts.length - 1];
        const host = moved !== undefined ? design.hosts.get(moved) : undefined;
        // Moving a host is the natural edit, unless it would pull another component out of its spread.
        const movable = host !== undefined && (byHost.get(host.id) ?? []).every((d) => instancesOf(ctx, d).every((i) => i.zone === zone));
        if (host && movable) {
          fixes = [{ title: `Move host ${host.id} to zone ${other}`, preferred: true, addsRedundancy: true, changes: [{ op: 'replace-value', path: [...host.path, 'zone'], value: other }] }];
        } else if (host && !schemaProblemUnder(ctx, path)) {
          const newHost = newPlanState(design).ids.fresh(host.id);
          const records = recordsReaching(ctx, [host.id], [c.id]);
          fixes = [{
            title: `Move one instance of ${c.id} to a new host ${newHost} in zone ${other}${recordsClause(records, 'it')}`,
            preferred: true,
            addsRedundancy: true,
            changes: [
              { op: 'set', path: ['hosts'], key: newHost, value: hostLike(design, host, other) },
              { op: 'replace-value', path: [...path, c.runsOn.lastIndexOf(host.id)], value: newHost },
              ...recordChanges(records, newHost),
            ],
          }];
        }
      } else {
        path = c.zones ? [...c.path, 'zones'] : c.path;
        if (c.zones) fixes = [{ title: `Spread ${c.id} over zone ${other} too`, preferred: true, addsRedundancy: true, changes: [{ op: 'append', path, value: other }] }];
      }
      ctx.report({
        message: `${describeComponent(c, c.id)} has ${count(instances.length, 'instance')}, all in zone ${zone}: an outage of that zone takes them all down`,
        target: { kind: 'component', id: c.id },
        path,
        fixes,
      });
    }
  },
};

/**
 * Replicas a scheduler places (Kubernetes) in a file whose other workloads are spread over
 * zones: nothing keeps these in more than one. The fix asks the scheduler for the spread.
 */
function reportUnspread(ctx: RuleContext, c: Component, spread: 'best-effort' | 'unconstrained'): void {
  const n = c.replicas ?? 1;
  const why = spread === 'best-effort'
    ? 'only a ScheduleAnyway spread or a preferred anti-affinity on topology.kubernetes.io/zone keeps them apart, which the scheduler may ignore'
    : 'nothing requires them in different zones (no DoNotSchedule topologySpreadConstraints or required podAntiAffinity on topology.kubernetes.io/zone)';
  const zones = [...ctx.design.zones.keys()].slice(0, n);
  ctx.report({
    message: `The ${n} replicas of ${c.id} may all run in one zone: ${why}; an outage of that zone can take them all down, although the file spreads other workloads over zones`,
    target: { kind: 'component', id: c.id },
    path: [...c.path, 'zones'],
    fixes: [{
      title: `Spread ${c.id}'s pods over zones (topologySpreadConstraints on topology.kubernetes.io/zone, DoNotSchedule)`,
      preferred: true,
      addsRedundancy: true,
      changes: [{ op: 'set', path: c.path, key: 'zones', value: zones }],
    }],
  });
}

// ---------------------------------------------------------------- manual-failover

export const manualFailover: Rule = {
  meta: {
    id: 'manual-failover',
    defaultSeverity: 'warning',
    title: 'Failover by hand',
    explanation:
      'In `active-passive` and `primary-replica` modes one instance does the work and the others stand by. ' +
      'Without `failover: automatic`, a failed primary stays failed until a person notices, decides and promotes a replica, ' +
      'which at night takes tens of minutes. The standby then protects the data, but not the availability of the service.',
    fix: 'Set `failover: automatic`, and make it real: a health check that detects the failure and a tool that promotes the standby (for MySQL, for example, Group Replication or an orchestrator; for a load-balancer pair, keepalived with a floating IP).',
    fixable: true,
    references: [
      { title: 'MySQL Reference Manual: Replication', url: 'https://dev.mysql.com/doc/refman/8.0/en/replication.html' },
      { title: 'Google SRE book: Managing Critical State', url: 'https://sre.google/sre-book/managing-critical-state/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db:',
        '    type: database',
        '    replicas: 2',
        '    mode: primary-replica',
        '    backup: { schedule: daily, offsite: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db:',
        '    type: database',
        '    replicas: 2',
        '    mode: primary-replica',
        '    failover: automatic',
        '    backup: { schedule: daily, offsite: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      const mode = c.mode;
      if ((mode !== 'active-passive' && mode !== 'primary-replica') || hasAutomaticFailover(c)) continue;
      // With one instance there is nothing to fail over to; spof and deploy-downtime say so.
      if (instancesOf(ctx, c.id).length < 2) continue;
      const standby = mode === 'primary-replica' ? 'when the primary fails, it stays down until someone promotes a replica by hand' : 'when the active instance fails, it stays down until someone switches to the passive one by hand';
      ctx.report({
        message: `${describeComponent(c, c.id)} is ${mode} with manual failover: ${standby}`,
        target: { kind: 'component', id: c.id },
        path: c.failover === 'manual' ? [...c.path, 'failover'] : [...c.path, 'mode'],
        part: 'value',
        fixes: [failoverFix(c)],
      });
    }
  },
};

// ---------------------------------------------------------------- deploy-downtime

export const deployDowntime: Rule = {
  meta: {
    id: 'deploy-downtime',
    defaultSeverity: 'warning',
    title: 'Every deploy is an outage',
    explanation:
      'A component the service needs that runs as a single instance must stop to be updated: every deploy, configuration change, ' +
      'security patch or restart is a planned outage, and planned outages are frequent. ' +
      'With two or more instances, a rolling deploy updates one while the others serve, so users notice nothing. ' +
      'One alternative of an `anyOf` dependency (a blue-green pair, or one of the workloads behind a Kubernetes Service) is deployed while another serves, and is reported only when losing it takes the service down anyway.',
    fix: 'Run a second instance (on a host of its own, or `replicas: 2`) and deploy one instance at a time.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Release Engineering', url: 'https://sre.google/sre-book/release-engineering/' },
      { title: 'Martin Fowler: Blue Green Deployment', url: 'https://martinfowler.com/bliki/BlueGreenDeployment.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const alternatives = new Set(
      [...ctx.design.components.values()].flatMap((c) => c.dependsOn.flatMap((d) => (d.anyOf && d.anyOf.length > 1 ? d.anyOf : []))),
    );
    for (const c of ctx.design.components.values()) {
      if (!ctx.model.required.has(c.id) || instancesOf(ctx, c.id).length !== 1) continue;
      // One alternative of an any-of dependency (a blue-green pair) is deployed while the
      // others serve: an outage only when losing it takes the service down all the same.
      if (alternatives.has(c.id) && !ctx.model.whatIf([{ kind: 'instance', component: c.id, index: 0 }]).serviceDown) continue;
      const fix = moreInstancesFix(ctx, c, 1);
      ctx.report({
        message: `${describeComponent(c, c.id)} has a single instance: every deploy, restart or patch of ${c.id} is an outage of the service`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

// ---------------------------------------------------------------- mixed-role-host

/** The tiers that face users' requests: a database beside them shares their exposure. */
const FRONT_TIERS: ReadonlySet<Tier> = new Set<Tier>(['web', 'app']);

export const mixedRoleHost: Rule = {
  meta: {
    id: 'mixed-role-host',
    defaultSeverity: 'info',
    title: 'Database next to web or app servers',
    explanation:
      'On a host that runs both a database and web or app servers, the tiers compete for memory, CPU and disk, ' +
      'so a traffic spike slows the database that every request needs; they cannot be scaled or patched separately; ' +
      'and an attacker who breaks into the web tier lands next to the data. ' +
      'On a single server that is the price of simplicity, so this is only noted once a design has several hosts.',
    fix: 'Give the database hosts of its own, reached only from the app tier.',
    fixable: false,
    references: [
      { title: 'OWASP Database Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  node-1: { firewall: true, monitoring: prometheus }',
        '  node-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [node-1, node-2], tls: true, dependsOn: [db] }',
        '  db:',
        '    type: database',
        '    runsOn: [node-1, node-2]',
        '    mode: primary-replica',
        '    failover: automatic',
        '    backup: { schedule: daily, offsite: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-2: { firewall: true, monitoring: prometheus }',
        '  db-1: { firewall: true, monitoring: prometheus }',
        '  db-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true, dependsOn: [db] }',
        '  db:',
        '    type: database',
        '    runsOn: [db-1, db-2]',
        '    mode: primary-replica',
        '    failover: automatic',
        '    backup: { schedule: daily, offsite: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const { design } = ctx;
    if (design.hosts.size < 2) return;
    for (const [hostId, ids] of componentsByHost(ctx)) {
      const host = design.hosts.get(hostId);
      if (!host) continue;
      const databases = ids.filter((id) => design.components.get(id)?.type === 'database');
      const front = ids.filter((id) => FRONT_TIERS.has(componentTypeInfo(design.components.get(id)?.type)?.tier ?? 'generic'));
      if (databases.length === 0 || front.length === 0) continue;
      ctx.report({
        message: `Host ${hostId} runs ${databases.length === 1 ? 'database' : 'databases'} ${naturalList(databases)} alongside ${naturalList(front)}: the tiers compete for the machine, and a break-in through the web tier lands next to the data`,
        target: { kind: 'host', id: hostId },
        path: host.path,
      });
    }
  },
};

export const redundancyRules: readonly Rule[] = [spof, colocatedReplicas, singleZone, manualFailover, deployDowntime, mixedRoleHost];
