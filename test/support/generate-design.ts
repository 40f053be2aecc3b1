// Synthetic designs for the diagram's tests and benchmark: `stacks` copies of a four-tier
// stack (load balancer, web, app, database) plus a managed cache, spread over three zones,
// every stack reached by its own DNS name. Five components per stack.

export interface GeneratedDesign {
  text: string;
  components: number;
}

export function generateDesign(components: number, options: { extraHost?: boolean; extraComponent?: boolean } = {}): GeneratedDesign {
  const stacks = Math.max(1, Math.round(components / 5));
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const lines: string[] = ['version: 1', `name: generated-${stacks * 5}`, 'domain: example.com', '', 'dns:'];
  for (let s = 0; s < stacks; s++) lines.push(`  - { name: s${s}, type: A, target: lb${s} }`);
  lines.push('', 'zones:');
  for (const z of zones) lines.push(`  ${z}: { region: r1 }`);

  lines.push('', 'hosts:');
  let h = 0;
  const host = (name: string): string => {
    lines.push(`  ${name}: { zone: ${zones[h++ % zones.length]}, firewall: true, monitoring: agent }`);
    return name;
  };
  const placements: string[][] = [];
  for (let s = 0; s < stacks; s++) {
    // The one-line edit of the tests: a new host in the middle of the list.
    if (options.extraHost && s === Math.floor(stacks / 2)) {
      lines.push('  inserted-host: { zone: zone-a, firewall: true, monitoring: agent }');
    }
    placements.push(['lb', 'web', 'app', 'db'].flatMap((tier) => [host(`${tier}${s}-1`), host(`${tier}${s}-2`)]));
  }

  lines.push('', 'components:');
  for (let s = 0; s < stacks; s++) {
    const [lb1, lb2, web1, web2, app1, app2, db1, db2] = placements[s];
    lines.push(
      `  lb${s}: { type: load-balancer, software: haproxy, runsOn: [${lb1}, ${lb2}], mode: active-passive, failover: automatic, tls: true, healthCheck: /health, dependsOn: [web${s}] }`,
      `  web${s}: { type: web-server, software: nginx, runsOn: [${web1}, ${web2}], dependsOn: [app${s}] }`,
      `  app${s}: { type: app-server, software: gunicorn, runsOn: [${app1}, ${app2}], dependsOn: [db${s}, { component: cache${s}, optional: true }] }`,
      `  db${s}: { type: database, software: mysql, runsOn: [${db1}, ${db2}], mode: primary-replica, failover: automatic, backup: { schedule: daily, offsite: true } }`,
      `  cache${s}: { type: cache, software: redis, replicas: 2, zones: [${zones[s % 3]}, ${zones[(s + 1) % 3]}] }`,
    );
    if (options.extraComponent && s === Math.floor(stacks / 2)) {
      lines.push(`  inserted-worker: { type: service, software: celery, replicas: 1, dependsOn: [db${s}] }`);
    }
  }
  return { text: lines.join('\n') + '\n', components: stacks * 5 + (options.extraComponent ? 1 : 0) };
}
