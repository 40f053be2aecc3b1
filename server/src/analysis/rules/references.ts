// The references family: ids that name nothing, ids used twice, dependency cycles, and
// elements nothing uses.

import { absoluteName } from '../../model/build';
import { closest } from '../../model/did-you-mean';
import { dependencyTargets, targetPath } from '../../model/types';
import type { Design, DnsRecord, Path } from '../../model/types';
import type { FixIntent, Target } from '../../model/findings';
import type { Rule, RuleContext } from '../rule';
import { cycleThrough, cyclicComponents } from './graph';
import { isIpLiteral, schemaProblemUnder } from './queries';

/** Related locations listed per finding at most (a 30k-long cycle must stay readable). */
const MAX_RELATED = 50;

/**
 * Suggestions are looked for among all ids of a kind; past this many unknown references
 * in one document (a file pasted from elsewhere) the rest get none, so the cost stays linear.
 */
const MAX_SUGGESTIONS = 200;

// ---------------------------------------------------------------- unknown-reference

interface UnknownRef {
  message: string;
  target: Target;
  path: Path;
  word: string;
  candidates: readonly string[];
}

const suggestionsMade = new WeakMap<RuleContext, number>();

function reportUnknown(ctx: RuleContext, ref: UnknownRef): void {
  const made = suggestionsMade.get(ctx) ?? 0;
  suggestionsMade.set(ctx, made + 1);
  const suggestion = made < MAX_SUGGESTIONS ? closest(ref.word, ref.candidates) : undefined;
  const fixes: FixIntent[] | undefined = suggestion
    ? [{ title: `Replace ${ref.word} with ${suggestion}`, preferred: true, changes: [{ op: 'replace-value', path: ref.path, value: suggestion }] }]
    : undefined;
  ctx.report({
    message: suggestion ? `${ref.message}; did you mean ${suggestion}?` : ref.message,
    target: ref.target,
    path: ref.path,
    part: 'value',
    fixes,
  });
}

function kindOf(design: Design, id: string): string | undefined {
  if (design.components.has(id)) return 'a component';
  if (design.hosts.has(id)) return 'a host';
  if (design.zones.has(id)) return 'a zone';
  return undefined;
}

function checkUnknownReferences(ctx: RuleContext): void {
  const { design } = ctx;
  const hostIds = [...design.hosts.keys()];
  const componentIds = [...design.components.keys()];
  const zoneIds = [...design.zones.keys()];
  const notA = (id: string, wanted: string) => {
    const actual = kindOf(design, id);
    return actual ? `${id} is ${actual}, not a ${wanted}` : `no ${wanted} ${id} is defined`;
  };

  for (const c of design.components.values()) {
    const target: Target = { kind: 'component', id: c.id };
    // A list the schema rejected item by item may have lost items in the model, so its
    // indexes would point at the wrong entries; the schema finding covers it.
    if (c.runsOn && !schemaProblemUnder(ctx, [...c.path, 'runsOn'])) {
      c.runsOn.forEach((h, i) => {
        if (design.hosts.has(h)) return;
        reportUnknown(ctx, {
          message: `${c.id} runs on ${h}, but ${notA(h, 'host')}: this instance is left out of the analysis`,
          target,
          path: [...c.path, 'runsOn', i],
          word: h,
          candidates: hostIds,
        });
      });
    }
    for (const dep of c.dependsOn) {
      for (const name of dependencyTargets(dep)) {
        if (design.components.has(name)) continue;
        reportUnknown(ctx, {
          message: `${c.id} depends on ${name}${dep.anyOf ? ' (one of the alternatives of an anyOf)' : ''}, but ${notA(name, 'component')}`,
          target,
          path: targetPath(dep, name),
          word: name,
          candidates: componentIds,
        });
      }
    }
    if (c.zones && !schemaProblemUnder(ctx, [...c.path, 'zones'])) {
      c.zones.forEach((z, i) => {
        if (design.zones.has(z)) return;
        reportUnknown(ctx, {
          message: `${c.id} is spread over zone ${z}, but ${notA(z, 'zone')} under zones`,
          target,
          path: [...c.path, 'zones', i],
          word: z,
          candidates: zoneIds,
        });
      });
    }
  }

  for (const h of design.hosts.values()) {
    if (h.zone === undefined || design.zones.has(h.zone)) continue;
    reportUnknown(ctx, {
      message: `Host ${h.id} is in zone ${h.zone}, but ${notA(h.zone, 'zone')} under zones`,
      target: { kind: 'host', id: h.id },
      path: [...h.path, 'zone'],
      word: h.zone,
      candidates: zoneIds,
    });
  }

  checkDnsTargets(ctx, [...componentIds, ...hostIds]);
  checkSuppressTargets(ctx);
}

function checkDnsTargets(ctx: RuleContext, elementIds: readonly string[]): void {
  const { design } = ctx;
  const recordNames = new Set(design.dns.map((r) => r.fqdn));
  const writtenNames = [...new Set(design.dns.map((r) => r.name))];
  for (const record of design.dns) {
    const target: Target = { kind: 'dns', id: record.name };
    const path: Path = [...record.path, 'target'];
    if (record.type === 'CNAME') {
      const name = absoluteName(record.target, design.domain);
      if (!insideDomain(name, design.domain) || recordNames.has(name)) continue;
      const isElement = design.components.has(record.target) || design.hosts.has(record.target);
      reportUnknown(ctx, {
        message: isElement
          ? `DNS record ${record.name} is a CNAME to ${name || record.target}, which has no DNS records; to point at ${record.target}, use type A or ALIAS`
          : `DNS record ${record.name} is a CNAME to ${name || record.target}, which has no DNS records: the name does not resolve`,
        target,
        path,
        word: record.target,
        candidates: writtenNames.filter((n) => n !== record.name),
      });
      continue;
    }
    if (isIpLiteral(record.target) || design.components.has(record.target) || design.hosts.has(record.target)) continue;
    reportUnknown(ctx, {
      message: `DNS record ${record.name} points at ${record.target}, which is neither a component, a host nor an IP address: users reach nothing through it`,
      target,
      path,
      word: record.target,
      candidates: elementIds,
    });
  }
}

function insideDomain(name: string, domain: string | undefined): boolean {
  if (!domain) return !name.includes('.');
  return name === domain || name.endsWith(`.${domain}`);
}

function checkSuppressTargets(ctx: RuleContext): void {
  const { design } = ctx;
  const dnsNames = new Set<string>();
  for (const r of design.dns) {
    dnsNames.add(r.name);
    dnsNames.add(r.fqdn);
  }
  const candidates = [...design.components.keys(), ...design.hosts.keys(), ...design.zones.keys(), ...design.dns.map((r) => r.name)];
  for (const s of design.suppress) {
    if (s.target === undefined || kindOf(design, s.target) || dnsNames.has(s.target)) continue;
    reportUnknown(ctx, {
      message: `The suppression of ${s.rule} names ${s.target}, but no component, host, zone or DNS record has that id`,
      target: { kind: 'document', id: '' },
      path: [...s.path, 'target'],
      word: s.target,
      candidates,
    });
  }
}

export const unknownReference: Rule = {
  meta: {
    id: 'unknown-reference',
    defaultSeverity: 'error',
    title: 'Reference to an id that does not exist',
    explanation:
      'Elements of a design point at each other by id: `runsOn` names hosts, `dependsOn` names components, `zone` and `zones` name zones, ' +
      'an A, AAAA or ALIAS record names a component, a host or an IP address, and a CNAME names another DNS name. ' +
      'A reference to an id that is not defined is usually a typo, and the analysis cannot follow it: ' +
      'a component whose host is misspelled seems to run nowhere, and a dependency that names nothing is not checked for failures.',
    fix: 'Replace the id with the one you meant (the quick fix offers the closest existing id of the right kind), or define the missing element.',
    fixable: true,
    references: [
      { title: 'RFC 1912: Common DNS Operational and Configuration Errors', url: 'https://www.rfc-editor.org/rfc/rfc1912' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web:',
        '    type: web-server',
        '    runsOn: [web-01]',
        '    tls: true',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web:',
        '    type: web-server',
        '    runsOn: [web-1]',
        '    tls: true',
        '',
      ].join('\n'),
    },
  },
  check: checkUnknownReferences,
};

// ---------------------------------------------------------------- duplicate-id

export const duplicateId: Rule = {
  meta: {
    id: 'duplicate-id',
    defaultSeverity: 'error',
    title: 'A host and a component share an id',
    explanation:
      'Hosts and components live in one namespace, because a DNS record\'s `target` may name either. ' +
      'When a host and a component have the same id, a record pointing at it is ambiguous, and so is every finding and diagram node that names it. ' +
      'Naming machines after their role and number (`web-1`) and software after its job (`web`) avoids the clash.',
    fix: 'Rename the host or the component, and update the references to it (rename in the editor does both).',
    fixable: false,
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      const host = ctx.design.hosts.get(c.id);
      if (!host) continue;
      ctx.report({
        message: `${c.id} is both a host and a component: a DNS target or a finding that names ${c.id} is ambiguous`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        related: [{ message: `Host ${c.id} is defined here`, path: host.path }],
      });
    }
  },
};

// ---------------------------------------------------------------- dependency-cycle

function checkDependencyCycles(ctx: RuleContext): void {
  const { design } = ctx;
  const ids = [...design.components.keys()];
  const rank = new Map(ids.map((id, i) => [id, i]));
  const successors = new Map<string, string[]>();
  for (const c of design.components.values()) {
    // Through any alternative of a group too: a cycle through one alternative is still a cycle.
    successors.set(c.id, [...new Set(c.dependsOn.flatMap(dependencyTargets))].filter((d) => design.components.has(d)));
  }
  const next = (id: string) => successors.get(id) ?? [];

  for (const members of cyclicComponents(ids, next)) {
    const start = members.reduce((a, b) => (rank.get(a)! <= rank.get(b)! ? a : b));
    const cycle = cycleThrough(start, new Set(members), next);
    const edgePath = (from: string, to: string): Path => {
      const dep = design.components.get(from)!.dependsOn.find((d) => dependencyTargets(d).includes(to))!;
      return targetPath(dep, to);
    };
    const related = [];
    for (let i = 1; i < cycle.length - 1 && related.length < MAX_RELATED; i++) {
      related.push({ message: `${cycle[i]} depends on ${cycle[i + 1]}`, path: edgePath(cycle[i], cycle[i + 1]), part: 'value' as const });
    }
    const more = members.length > cycle.length - 1 ? ` (${members.length} components depend on each other in cycles here)` : '';
    ctx.report({
      message: `Dependency cycle: ${shortCycle(cycle)}${more}. Components that need each other cannot start or recover one after another`,
      target: { kind: 'component', id: start },
      path: edgePath(cycle[0], cycle[1]),
      part: 'value',
      related,
    });
  }

  checkCnameLoops(ctx);
}

/** "a → b → a"; a very long cycle keeps its ends and says how many it skipped. */
function shortCycle(cycle: readonly string[]): string {
  if (cycle.length <= 12) return cycle.join(' → ');
  return [...cycle.slice(0, 5), `… ${cycle.length - 10} more …`, ...cycle.slice(-5)].join(' → ');
}

function checkCnameLoops(ctx: RuleContext): void {
  const { design } = ctx;
  const cnames = new Map<string, DnsRecord[]>();
  for (const r of design.dns) {
    if (r.type !== 'CNAME') continue;
    const list = cnames.get(r.fqdn);
    if (list) list.push(r);
    else cnames.set(r.fqdn, [r]);
  }
  if (cnames.size === 0) return;
  const next = (name: string) =>
    (cnames.get(name) ?? []).map((r) => absoluteName(r.target, design.domain)).filter((t) => cnames.has(t));
  const firstRecord = (name: string) => cnames.get(name)![0];

  for (const members of cyclicComponents([...cnames.keys()], next)) {
    const start = members.reduce((a, b) => (firstRecord(a).index <= firstRecord(b).index ? a : b));
    const cycle = cycleThrough(start, new Set(members), next);
    const record = cnames.get(start)!.find((r) => absoluteName(r.target, design.domain) === cycle[1])!;
    ctx.report({
      message: `CNAME loop: ${shortCycle(cycle.map((n) => n || '@'))}: the name never resolves to an address`,
      target: { kind: 'dns', id: record.name },
      path: [...record.path, 'target'],
      part: 'value',
    });
  }
}

export const dependencyCycle: Rule = {
  meta: {
    id: 'dependency-cycle',
    defaultSeverity: 'error',
    title: 'Dependency cycle',
    explanation:
      '`dependsOn` says what a component needs to work. When needs go round in a circle (the web tier needs the app tier, which needs the web tier), ' +
      'no component of the circle can be started first, and after an outage none can come back until all the others are back. ' +
      'A circle is usually a mistake in the design, or a sign that two components should talk through a queue or be merged. ' +
      'A CNAME chain that leads back to its own name is reported too: such a name never resolves.',
    fix: 'Remove one of the `dependsOn` entries in the cycle, or mark it `{ component: X, optional: true }` if the component works, degraded, without it.',
    fixable: false,
    references: [
      { title: 'Google SRE book: Addressing Cascading Failures', url: 'https://sre.google/sre-book/addressing-cascading-failures/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, tls: true, dependsOn: [app] }',
        '  app: { type: app-server, replicas: 2, dependsOn: [web] }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, tls: true, dependsOn: [app] }',
        '  app: { type: app-server, replicas: 2 }',
        '',
      ].join('\n'),
    },
  },
  check: checkDependencyCycles,
};

// ---------------------------------------------------------------- unused

export const unused: Rule = {
  meta: {
    id: 'unused',
    defaultSeverity: 'info',
    title: 'Element that nothing uses',
    explanation:
      'A host that runs no component, a zone that holds no host and no replicas, and a component that no entry reaches ' +
      '(no DNS record or user-facing component leads to it through `dependsOn`) take no part in serving users. ' +
      'They are often left over from an earlier version of the design, or a sign that a `runsOn`, `zone` or `dependsOn` entry is missing. ' +
      'Components of type `monitoring` are exempt: they watch the others rather than serve requests.',
    fix: 'Remove the element (the quick fix does), or connect it: list the host in a `runsOn`, put a host in the zone, or add the component to the `dependsOn` of the component that uses it.',
    fixable: true,
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-2: { firewall: true, monitoring: prometheus }',
        '  spare: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
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
    const { design, model } = ctx;
    const usedHosts = new Set<string>();
    const usedZones = new Set<string>();
    for (const c of design.components.values()) {
      for (const h of c.runsOn ?? []) usedHosts.add(h);
      for (const z of c.zones ?? []) usedZones.add(z);
    }
    for (const h of design.hosts.values()) if (h.zone !== undefined) usedZones.add(h.zone);

    for (const z of design.zones.values()) {
      if (usedZones.has(z.id)) continue;
      ctx.report({
        message: `Zone ${z.id} holds no host and no replicas: it adds nothing to the design`,
        target: { kind: 'zone', id: z.id },
        path: z.path,
        fixes: [{ title: `Remove zone ${z.id}`, changes: [{ op: 'remove', path: z.path }] }],
      });
    }
    for (const h of design.hosts.values()) {
      if (usedHosts.has(h.id)) continue;
      ctx.report({
        message: `Host ${h.id} runs no component: it serves nothing, yet it must be paid for, patched and secured`,
        target: { kind: 'host', id: h.id },
        path: h.path,
        fixes: [{ title: `Remove host ${h.id}`, changes: [{ op: 'remove', path: h.path }] }],
      });
    }
    for (const c of design.components.values()) {
      if (model.reachable.has(c.id) || c.type === 'monitoring') continue;
      const removable = model.dependentsOf(c.id).length === 0;
      ctx.report({
        message: `Component ${c.id} is reached from no entry: no DNS record or user-facing component leads to it through dependsOn${design.unreachedAdvice ? `. ${design.unreachedAdvice}` : ''}`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        fixes: removable ? [{ title: `Remove component ${c.id}`, changes: [{ op: 'remove', path: c.path }] }] : undefined,
      });
    }
  },
};

export const referenceRules: readonly Rule[] = [unknownReference, duplicateId, dependencyCycle, unused];
