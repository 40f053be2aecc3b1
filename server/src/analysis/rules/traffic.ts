// The traffic family: how requests find healthy instances.

import type { Component, DnsRecord, Host } from '../../model/types';
import type { FixIntent } from '../../model/findings';
import type { Rule, RuleContext } from '../rule';
import { componentsByHost, describeComponent, loadBalancersInFront } from './queries';
import { naturalList } from './text';

export const noHealthCheck: Rule = {
  meta: {
    id: 'no-health-check',
    defaultSeverity: 'warning',
    title: 'Load balancer without a health check',
    explanation:
      'A load balancer spreads requests over its backends, but only a health check tells it which backends are alive. ' +
      'Without one it keeps sending a share of the traffic to a crashed or hung instance, so the redundancy behind it turns into errors for some users ' +
      'instead of a silent failover. A good check asks the application itself (`/health`) rather than only opening a TCP connection.',
    fix: 'Add `healthCheck: /health` (or `{ path, interval }`) and serve that path from the backends, answering only when they can really handle requests.',
    kubernetes:
      'A Service is the load balancer, and a pod\'s `readinessProbe` is its health check: without one, the Service sends requests to a pod as soon as its container starts, and to a hung one until it is restarted. ' +
      'Reads the workloads a Service\'s `spec.selector` matches and their containers\' `readinessProbe` (a `livenessProbe` restarts a pod but does not take it out of the Service). The quick fix adds a `readinessProbe` skeleton (`httpGet /health`) to make right for the application.',
    fixable: true,
    references: [
      { title: 'HAProxy configuration manual: option httpchk', url: 'https://docs.haproxy.org/2.8/configuration.html#4-option%20httpchk' },
      { title: 'NGINX: HTTP health checks', url: 'https://docs.nginx.com/nginx/admin-guide/load-balancer/http-health-check/' },
      { title: 'Google SRE book: Load Balancing in the Datacenter', url: 'https://sre.google/sre-book/load-balancing-datacenter/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2, tls: true }',
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
    // One finding per workload, however many Services select it: the probe is the pod's.
    const balancedBy = new Map<string, string[]>();
    for (const route of ctx.design.routes ?? []) {
      if (!route.balances) continue;
      for (const id of route.targets) {
        const labels = balancedBy.get(id);
        if (labels) labels.push(route.label);
        else balancedBy.set(id, [route.label]);
      }
    }
    for (const [id, labels] of balancedBy) {
      const c = ctx.design.components.get(id);
      if (!c || c.healthCheck !== undefined) continue;
            ctx.report({
        message: `${c.id} is behind ${naturalList(labels)} but its pods have no readinessProbe: ${labels.length === 1 ? 'the Service sends' : 'they send'} requests to pods that are starting, hung or failing`,
        target: { kind: 'component', id: c.id },
        path: [...c.path, 'healthCheck'],
        fixes: [{ title: `Add a readinessProbe skeleton to ${c.id} (httpGet /health: make it right for the application)`, preferred: true, changes: [{ op: 'set', path: c.path, key: 'healthCheck', value: '/health' }] }],
      });
    }
    for (const c of ctx.design.components.values()) {
      if (c.type !== 'load-balancer' || c.healthCheck !== undefined) continue;
      ctx.report({
        message: `Load balancer ${c.id} has no healthCheck: it keeps sending requests to backends that have failed`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        fixes: [{ title: `Add healthCheck: /health to ${c.id}`, preferred: true, safe: true, changes: [{ op: 'set', path: c.path, key: 'healthCheck', value: '/health' }] }],
      });
    }
  },
};

/**
 * The components a record reaches directly that sit behind a load balancer. Through a
 * host, the record reaches the components there that nothing else on the host calls,
 * directly or through a balancer: a backend that shares the host with the entry calling
 * it (as on a one-server design that grew a balancer for its app tier) is not bypassed.
 */
function bypassed(ctx: RuleContext, record: DnsRecord, onHost: Map<string, string[]>, hostByIp: Map<string, Host>): { via?: string; behind: Component[] } {
  const { design, model } = ctx;
  const direct = design.components.get(record.target);
  if (direct) return { behind: loadBalancersInFront(ctx, direct.id).length > 0 ? [direct] : [] };
  const host = design.hosts.get(record.target) ?? hostByIp.get(record.target);
  if (!host) return { behind: [] };
  const running = onHost.get(host.id) ?? [];
  const here = new Set(running);
  const calledHere = (id: string): boolean =>
    model.dependentsOf(id).some((d) => d !== id && (here.has(d) || (design.components.get(d)?.type === 'load-balancer' && model.dependentsOf(d).some((e) => here.has(e)))));
  const behind: Component[] = [];
  for (const id of running) {
    const c = design.components.get(id);
    if (c && loadBalancersInFront(ctx, id).length > 0 && !calledHere(id)) behind.push(c);
  }
  return { via: host.id, behind };
}

export const dnsBypassesLoadBalancer: Rule = {
  meta: {
    id: 'dns-bypasses-load-balancer',
    defaultSeverity: 'warning',
    title: 'DNS record skips the load balancer',
    explanation:
      'When a DNS record points straight at a host or component that a load balancer serves, the users who resolve that name reach one backend directly: ' +
      'they get no health checks, no failover to the other backends and no TLS termination, and that backend carries their whole load. ' +
      'It usually means the record was written before the load balancer was added. ' +
      'A record at a host reaches what nothing else on that host calls: a backend next to the entry that calls it (through its balancer) is not bypassed.',
    fix: 'Point the record at the load balancer instead (the quick fix retargets it).',
    fixable: true,
    references: [
      { title: 'Google SRE book: Load Balancing at the Frontend', url: 'https://sre.google/sre-book/load-balancing-frontend/' },
      { title: 'NGINX: HTTP load balancing', url: 'https://nginx.org/en/docs/http/load_balancing.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: web }',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, healthCheck: /health, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2, tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: lb }',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, healthCheck: /health, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2, tls: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    if (ctx.design.dns.length === 0) return;
    const onHost = componentsByHost(ctx);
    const hostByIp = new Map<string, Host>();
    for (const h of ctx.design.hosts.values()) if (h.ip !== undefined && !hostByIp.has(h.ip)) hostByIp.set(h.ip, h);
    for (const record of ctx.design.dns) {
      if (record.type === 'CNAME') continue;
      const { via, behind } = bypassed(ctx, record, onHost, hostByIp);
      if (behind.length === 0) continue;
      const first = behind[0];
      const balancers = loadBalancersInFront(ctx, first.id);
      const fixes: FixIntent[] = balancers.map((lb, i) => ({
        title: `Point ${record.name} at load balancer ${lb}`,
        preferred: i === 0,
        changes: [{ op: 'replace-value', path: [...record.path, 'target'], value: lb }],
      }));
      const what = via ? `host ${via}, which runs ${first.id}` : describeComponent(first, first.id).replace(/^./, (c) => c.toLowerCase());
      ctx.report({
        message: `DNS record ${record.name} points at ${what}, bypassing load balancer ${balancers[0]}: its users get no health checks and no failover`,
        target: { kind: 'dns', id: record.name },
        path: [...record.path, 'target'],
        part: 'value',
        fixes,
      });
    }
  },
};

export const trafficRules: readonly Rule[] = [noHealthCheck, dnsBypassesLoadBalancer];
