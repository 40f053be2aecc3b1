// The design of docs/format.md (zones, hosts, components of every kind, DNS, suppress): the
// shared fixture of the feature tests. `mark` puts the cursor into it.

export const DESIGN = `version: 1
name: foobar
domain: foobar.com

dns:
  - name: www
    type: CNAME
    target: foobar.com
  - name: "@"
    type: A
    target: lb

zones:
  us-east-1a: { region: us-east-1 }
  us-east-1b: { region: us-east-1 }

hosts:
  lb-1:
    zone: us-east-1a
    ip: 8.8.8.8
    public: true
    firewall: true
    monitoring: datadog
  lb-2:   { zone: us-east-1b, public: true, firewall: true, monitoring: datadog }
  web-1:  { zone: us-east-1a, firewall: true, monitoring: datadog }
  web-2:  { zone: us-east-1b, firewall: true, monitoring: datadog }
  db-1:   { zone: us-east-1a, firewall: true, monitoring: datadog }
  db-2:   { zone: us-east-1b, firewall: true, monitoring: datadog }

components:
  lb:
    type: load-balancer
    software: haproxy
    runsOn: [lb-1, lb-2]
    mode: active-passive
    failover: automatic
    healthCheck: /health
    tls: true
    dependsOn: [web]
  web:
    type: web-server
    software: nginx
    runsOn: [web-1, web-2]
    capacity: 2000
    dependsOn: [app]
  app:
    type: app-server
    software: gunicorn
    runsOn: [web-1, web-2]
    dependsOn:
      - db
      - { component: cache, optional: true }
  cache:
    type: cache
    software: redis
    replicas: 2
    zones: [us-east-1a, us-east-1b]
  db:
    type: database
    software: mysql
    runsOn: [db-1, db-2]
    mode: primary-replica
    failover: automatic
    backup: { schedule: daily, offsite: true }

load:
  peak: 3000
slo: 0.999

suppress:
  - rule: no-monitoring
    target: cache
    reason: managed service, monitored by the provider
`;

/** `text` with the cursor (`|`) put `delta` characters into the `nth` occurrence of `needle`. */
export function mark(text: string, needle: string, delta = 0, nth = 0): string {
  let index = -1;
  for (let i = 0, from = 0; i <= nth; i++) {
    index = text.indexOf(needle, from);
    if (index < 0) throw new Error(`"${needle}" not found`);
    from = index + 1;
  }
  const at = index + delta;
  return text.slice(0, at) + '|' + text.slice(at);
}

/** `text` with `needle` replaced by `replacement` (which holds the cursor). */
export function edit(text: string, needle: string, replacement: string): string {
  if (!text.includes(needle)) throw new Error(`"${needle}" not found`);
  return text.replace(needle, replacement);
}
