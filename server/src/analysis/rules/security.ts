// The security family: encryption in transit, firewalls, and databases kept off the internet.

import { dependencyTargets, isUnstated } from '../../model/types';
import type { Component, Host } from '../../model/types';
import type { Change } from '../../model/findings';
import type { Rule, RuleContext } from '../rule';
import { typeIs } from '../../model/component-types';
import { componentsByHost, describeComponent, instancesOf, recordsTargeting } from './queries';
import { naturalList } from './text';

function tlsChange(c: Component): Change {
  return c.tls === false
    ? { op: 'replace-value', path: [...c.path, 'tls'], value: true }
    : { op: 'set', path: c.path, key: 'tls', value: true };
}

function hasFirewall(h: Host): boolean {
  return h.firewall !== undefined && h.firewall !== false;
}

export const noTls: Rule = {
  meta: {
    id: 'no-tls',
    defaultSeverity: 'error',
    title: 'Entry without TLS',
    explanation:
      'An entry is a component that users\' requests reach first. Without TLS (HTTPS), everything between the browser and the entry, ' +
      'passwords and session cookies included, crosses the network in clear text that any Wi-Fi, ISP or router on the way can read and change. ' +
      'Browsers mark plain-HTTP sites as "Not secure", and free certificates (Let\'s Encrypt) make TLS cheap to add.',
    fix: 'Set `tls: true` on the entry and install a certificate for its DNS names; redirect plain HTTP to HTTPS.',
    fixable: true,
    references: [
      { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
      { title: 'Mozilla SSL Configuration Generator', url: 'https://ssl-config.mozilla.org/' },
      { title: "Let's Encrypt: Getting started", url: 'https://letsencrypt.org/getting-started/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2 }',
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
    for (const c of ctx.design.components.values()) {
      if (!ctx.model.entries.has(c.id) || c.tls === true || isUnstated(c, 'tls')) continue;
      ctx.report({
        message: `${describeComponent(c, c.id)} receives user traffic without TLS: passwords and cookies cross the internet in clear text`,
        target: { kind: 'component', id: c.id },
        path: c.tls === false ? [...c.path, 'tls'] : c.path,
        part: c.tls === false ? 'value' : 'key',
        fixes: [{ title: `Set tls: true on ${c.id}`, preferred: true, safe: true, changes: [tlsChange(c)] }],
      });
    }
  },
};

export const plaintextInternal: Rule = {
  meta: {
    id: 'plaintext-internal',
    defaultSeverity: 'info',
    title: 'Plain HTTP behind the load balancer',
    explanation:
      'When TLS ends at the load balancer and it forwards requests to its backends over plain HTTP, the traffic inside your network is readable ' +
      'by anyone who gets a foothold there, or by the other tenants of a shared network. Terminating TLS at the edge is common and often acceptable ' +
      'on a private network, which is why this is only information; zero-trust designs encrypt every hop.',
    fix: 'Set `tls: true` on the backend and have the load balancer connect to it over HTTPS (re-encryption), or make sure the network between them is private.',
    fixable: true,
    references: [
      { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, healthCheck: /health, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2 }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, healthCheck: /health, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2, tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const lb of ctx.design.components.values()) {
      if (lb.type !== 'load-balancer' || lb.tls !== true) continue;
      for (const backend of lb.dependsOn.flatMap(dependencyTargets).map((id) => ctx.design.components.get(id))) {
        if (!backend || backend.tls === true || isUnstated(backend, 'tls') || !typeIs(backend.type, 'http') || reported.has(backend.id)) continue;
        reported.add(backend.id);
        ctx.report({
          message: `Load balancer ${lb.id} ends TLS and forwards to ${backend.id} in plain HTTP: traffic inside the network can be read`,
          target: { kind: 'component', id: backend.id },
          path: backend.tls === false ? [...backend.path, 'tls'] : backend.path,
          part: backend.tls === false ? 'value' : 'key',
          related: [{ message: `TLS ends at ${lb.id}`, path: lb.path }],
          fixes: [{ title: `Set tls: true on ${backend.id}`, preferred: true, safe: true, changes: [tlsChange(backend)] }],
        });
      }
    }
  },
};

export const noFirewall: Rule = {
  meta: {
    id: 'no-firewall',
    defaultSeverity: 'warning',
    title: 'Exposed host without a firewall',
    explanation:
      'A host that is reachable from the internet (declared `public`, targeted by DNS, or running an entry) receives connections from everyone. ' +
      'Without a firewall every port it listens on is open: the database port, SSH, an admin console, a forgotten debug server. ' +
      'A firewall that allows only the ports the service needs (80 and 443 for a web entry) shrinks what an attacker can reach to what you meant to offer.',
    fix: 'Add `firewall: true`, or `firewall: { allow: [80, 443] }` to list the open ports, and configure it on the host (ufw, nftables, a cloud security group).',
    fixable: true,
    references: [
      { title: 'Ubuntu: Uncomplicated Firewall (UFW)', url: 'https://help.ubuntu.com/community/UFW' },
      { title: 'AWS Well-Architected Framework: Security pillar', url: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { public: true, monitoring: prometheus }',
        '  web-2: { public: true, firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { public: true, firewall: true, monitoring: prometheus }',
        '  web-2: { public: true, firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const { design, model } = ctx;
    const byHost = componentsByHost(ctx);
    for (const host of design.hosts.values()) {
      if (hasFirewall(host) || isUnstated(host, 'firewall')) continue;
      const entries = (byHost.get(host.id) ?? []).filter((id) => model.entries.has(id));
      const isPublic = model.publicHosts.has(host.id);
      if (!isPublic && entries.length === 0) continue;
      const why = isPublic ? 'is reachable from the internet' : `runs ${naturalList(entries)}, which users reach,`;
      ctx.report({
        message: `Host ${host.id} ${why} without a firewall: every port it listens on is open to anyone`,
        target: { kind: 'host', id: host.id },
        path: host.firewall === false ? [...host.path, 'firewall'] : host.path,
        part: host.firewall === false ? 'value' : 'key',
        fixes: [{
          title: `Set firewall: true on ${host.id}`,
          preferred: true,
          safe: true,
          changes: [host.firewall === false
            ? { op: 'replace-value', path: [...host.path, 'firewall'], value: true }
            : { op: 'set', path: host.path, key: 'firewall', value: true }],
        }],
      });
    }
  },
};

function exposure(ctx: RuleContext, db: Component): string | undefined {
  const { design, model } = ctx;
  const record = recordsTargeting(design, db.id)[0];
  if (record) return record.reachedBy ?? `DNS record ${record.name} points at it`;
  if (model.entries.has(db.id)) return 'it receives user traffic directly (nothing in the design depends on it)';
  const openHost = instancesOf(ctx, db.id)
    .map((i) => (i.host !== undefined ? design.hosts.get(i.host) : undefined))
    .find((h) => h !== undefined && model.publicHosts.has(h.id) && !hasFirewall(h) && !isUnstated(h, 'firewall'));
  if (openHost) return `it runs on ${openHost.id}, a public host without a firewall`;
  return undefined;
}

export const databaseExposed: Rule = {
  meta: {
    id: 'database-exposed',
    defaultSeverity: 'error',
    title: 'Database reachable from the internet',
    explanation:
      'A database should answer only the application servers that use it. One that users can reach, through a DNS record, as an entry, ' +
      'or on a public host without a firewall, is exposed to password guessing, to its own vulnerabilities, and to anyone scanning the internet for open database ports, ' +
      'which happens within minutes of a server going online. Data breaches from exposed databases are among the most common there are.',
    fix: 'Put the database on hosts that are not public, behind a firewall that admits only the app servers, and make the app tier depend on it rather than pointing DNS at it.',
    fixable: false,
    references: [
      { title: 'OWASP Database Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  db-1: { public: true, monitoring: prometheus }',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1], backup: { schedule: daily, offsite: true } }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  db-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1], backup: { schedule: daily, offsite: true } }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      if (c.type !== 'database') continue;
      const why = exposure(ctx, c);
      if (!why) continue;
      const record = recordsTargeting(ctx.design, c.id).find((r) => r.withdrawTitle !== undefined);
      ctx.report({
        message: `Database ${c.id} is reachable from the internet: ${why}`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        // Withdrawing a way in that a front end made (a Compose port bound to loopback) needs no choice.
        fixes: record ? [{ title: record.withdrawTitle!, preferred: true, safe: true, changes: [{ op: 'remove', path: record.path }] }] : undefined,
      });
    }
  },
};

export const securityRules: readonly Rule[] = [noTls, plaintextInternal, noFirewall, databaseExposed];
