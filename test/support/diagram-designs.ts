// Designs the diagram tests share. Kept here rather than read from samples/, so that an
// edit to a sample does not change a golden SVG.

/** Two hosts, three components, no DNS and no zones. */
export const SMALL = `version: 1
name: small
hosts:
  app-host: {}
  db-host: {}
components:
  api:
    type: app-server
    software: node
    runsOn: [app-host]
    dependsOn: [db, { component: search, optional: true }]
  db:
    type: database
    software: postgresql
    runsOn: [db-host]
  search:
    type: service
    software: elasticsearch
`;

/** The one-server stack for www.foobar.com (samples/1-one-server, from the seed document). */
export const ONE_SERVER = `version: 1
name: foobar-one-server
description: One server for www.foobar.com running Nginx, the application server, the code base and MySQL
domain: foobar.com

dns:
  - name: "@"
    type: A
    target: 8.8.8.8
  - name: www
    type: CNAME
    target: "@"

hosts:
  server-1:
    ip: 8.8.8.8

components:
  web:
    type: web-server
    software: nginx
    runsOn: [server-1]
    dependsOn: [app]
  app:
    type: app-server
    software: gunicorn
    runsOn: [server-1]
    dependsOn: [db]
  db:
    type: database
    software: mysql
    runsOn: [server-1]
`;

/** Zones, hosts in zones, managed replicas spread over zones, and an empty host. */
export const ZONES = `version: 1
name: shop-multi-zone
domain: shop.example

dns:
  - name: "@"
    type: ALIAS
    target: lb

zones:
  az-1: { region: us-east-1 }
  az-2: { region: us-east-1 }

hosts:
  lb-1:  { zone: az-1, firewall: true, monitoring: prometheus }
  lb-2:  { zone: az-2, firewall: true, monitoring: prometheus }
  app-1: { zone: az-1, firewall: true, monitoring: prometheus }
  app-2: { zone: az-1, firewall: true, monitoring: prometheus }
  db-1:  { zone: az-1, firewall: true, monitoring: prometheus }
  db-2:  { zone: az-2, firewall: true, monitoring: prometheus }
  spare: { zone: az-2 }

components:
  lb:
    type: load-balancer
    software: nginx
    runsOn: [lb-1, lb-2]
    mode: active-passive
    failover: automatic
    tls: true
    healthCheck: /healthz
    dependsOn: [app]
  app:
    type: app-server
    software: node
    runsOn: [app-1, app-2]
    tls: true
    dependsOn: [db, cache]
  cache:
    type: cache
    software: redis
    replicas: 2
    zones: [az-1, az-2]
  db:
    type: database
    software: postgresql
    runsOn: [db-1, db-2]
    mode: primary-replica
    failover: automatic
    backup: { schedule: daily, offsite: true }
  cron:
    type: service
    dependsOn: [db]
`;

export const HOSTILE_COMPONENT = '<img src=x onerror=alert(1)>';
export const HOSTILE_HOST = '</script><script>alert(1)</script>';
export const HOSTILE_ZONE = 'javascript:alert(1)';
export const HOSTILE_SOFTWARE = '\u202Egnp.exe';

/** Names that are markup, script, a javascript: URL, a direction override and controls. */
export const HOSTILE = `version: 1
name: "<svg onload=alert(1)> & \\"quotes\\" 'too'"
domain: evil.example

dns:
  - name: "x\\u202Etxt.exe"
    type: A
    target: "${HOSTILE_COMPONENT}"

zones:
  "${HOSTILE_ZONE}": {}

hosts:
  "${HOSTILE_HOST}": { zone: "${HOSTILE_ZONE}" }

components:
  "${HOSTILE_COMPONENT}":
    type: web-server
    software: "\\u202Egnp.exe"
    runsOn: ["${HOSTILE_HOST}"]
    dependsOn: ["style=\\"fill:url(http://evil.example/x)\\""]
  "style=\\"fill:url(http://evil.example/x)\\"":
    type: database
    software: "bell\\a tab\\t nul\\0 end"
    runsOn: ["${HOSTILE_HOST}"]
  "]]><!-- <!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]> &e; a-very-long-name-that-goes-on-and-on":
    type: service
    dependsOn: ["${HOSTILE_COMPONENT}"]
`;

/**
 * Groups (set by `GROUPED_GROUPS` through `withGroups`, as a Kubernetes front end would by
 * namespace): a shop group (gateway, api, db, all ×N) and an identity group (auth ×2, and
 * users on a modelled host), plus `legacy`, ungrouped, replicas spread over two zones.
 */
export const GROUPED = `version: 1
name: grouped
zones:
  zone-a: { region: r1 }
  zone-b: { region: r1 }
hosts:
  h1: { zone: zone-a }
dns:
  - { name: shop, type: ALIAS, target: gateway }
components:
  gateway: { type: load-balancer, replicas: 2, zones: [zone-a, zone-b], dependsOn: [api] }
  api: { type: app-server, replicas: 3, zones: [zone-a, zone-b], dependsOn: [db, auth, { component: users, optional: true }] }
  db: { type: database, replicas: 2, mode: primary-replica }
  auth: { type: app-server, replicas: 2, dependsOn: [users] }
  users: { type: database, runsOn: [h1] }
  legacy: { type: app-server, replicas: 2, zones: [zone-a, zone-b] }
`;

export const GROUPED_GROUPS: ReadonlyMap<string, string> = new Map([
  ['gateway', 'shop'],
  ['api', 'shop'],
  ['db', 'shop'],
  ['auth', 'identity'],
  ['users', 'identity'],
]);
