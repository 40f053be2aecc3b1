// A microservice estate for the diagram's tests and benchmark: `workloads` components in a
// few groups (as a Kubernetes front end would put them in namespaces), none on a modelled
// host, replicas spread over zones, each group behind its own gateway and DNS name, with
// calls inside a group and to a shared platform group. The same estate is written two ways:
// as infra.yaml (`workloadDesign`), which has no `group` key (the format is not changed for
// this: `withGroups` sets `Component.group` on the analysed design, as a front end would),
// and as a Kubernetes manifest (`workloadManifest`), whose namespaces are the groups.

import type { AnalysisResult } from '../../server/src/analysis/engine';
import type { Design } from '../../server/src/model/types';

export const GROUP_NAMES = ['platform', 'storefront', 'checkout', 'catalog', 'accounts', 'search', 'shipping', 'billing'];

type Role = 'gateway' | 'service' | 'database' | 'cache';

interface EstateWorkload {
  group: string;
  id: string;
  role: Role;
  replicas: number;
  zones: readonly string[];
  /** A readiness check on /healthz, and for a service its software. */
  healthCheck: boolean;
  calls: readonly { id: string; optional?: boolean }[];
}

interface Estate {
  groups: readonly string[];
  workloads: readonly EstateWorkload[];
}

const ZONE_NAMES = ['zone-a', 'zone-b', 'zone-c'];

function workloadEstate(workloads: number, groupCount: number, options: { extraComponent?: boolean }): Estate {
  const groups = GROUP_NAMES.slice(0, Math.max(1, Math.min(GROUP_NAMES.length, groupCount)));
  const perGroup = Math.max(4, Math.floor(workloads / groups.length));
  const services = (group: string): string[] => Array.from({ length: perGroup - 3 }, (_, i) => `${group}-svc-${i + 1}`);
  const platform = services(groups[0]);
  const two = ZONE_NAMES.slice(0, 2);
  const list: EstateWorkload[] = [];
  for (const [gi, group] of groups.entries()) {
    const own = services(group);
    list.push({ group, id: `${group}-gateway`, role: 'gateway', replicas: 2, zones: two, healthCheck: true, calls: own.slice(0, 3).map((id) => ({ id })) });
    for (const [i, id] of own.entries()) {
      // A call tree: service i calls 2i+2 and 2i+3, the leaves call the group's stores,
      // and every third service calls a platform service (the shared group).
      const calls: { id: string; optional?: boolean }[] = [own[2 * i + 2], own[2 * i + 3]].filter((c): c is string => c !== undefined).map((c) => ({ id: c }));
      if (calls.length === 0) calls.push({ id: `${group}-db` }, { id: `${group}-cache`, optional: true });
      if (gi > 0 && i % 3 === 0) calls.push({ id: platform[(i + gi) % platform.length] });
      list.push({ group, id, role: 'service', replicas: 1 + ((i + gi) % 3), zones: ZONE_NAMES, healthCheck: true, calls });
      if (options.extraComponent && gi === Math.floor(groups.length / 2) && i === Math.floor(own.length / 2)) {
        list.push({ group, id: `${group}-inserted`, role: 'service', replicas: 2, zones: two, healthCheck: false, calls: [{ id: `${group}-db` }] });
      }
    }
    list.push({ group, id: `${group}-db`, role: 'database', replicas: 2, zones: two, healthCheck: false, calls: [] });
    list.push({ group, id: `${group}-cache`, role: 'cache', replicas: 1, zones: [], healthCheck: false, calls: [] });
  }
  return { groups, workloads: list };
}

export interface WorkloadDesign {
  text: string;
  /** Component id → its group. */
  groupOf: Map<string, string>;
}

export function workloadDesign(workloads = 100, groupCount = 5, options: { extraComponent?: boolean } = {}): WorkloadDesign {
  const estate = workloadEstate(workloads, groupCount, options);
  const lines = ['version: 1', `name: workloads-${estate.workloads.length - (options.extraComponent ? 1 : 0)}`, 'domain: example.com', '', 'dns:'];
  for (const g of estate.groups.slice(1)) lines.push(`  - { name: ${g}, type: ALIAS, target: ${g}-gateway }`);
  lines.push('', 'zones:', ...ZONE_NAMES.map((z) => `  ${z}: { region: r1 }`), '', 'components:');
  const dependsOn = (w: EstateWorkload): string =>
    `dependsOn: [${w.calls.map((c) => (c.optional ? `{ component: ${c.id}, optional: true }` : c.id)).join(', ')}]`;
  const zones = (w: EstateWorkload): string => `zones: [${w.zones.join(', ')}]`;
  const body: Record<Role, (w: EstateWorkload) => string> = {
    gateway: (w) => `type: load-balancer, replicas: ${w.replicas}, ${zones(w)}, healthCheck: /healthz, tls: true, ${dependsOn(w)}`,
    service: (w) => `type: app-server${w.healthCheck ? ', software: node' : ''}, replicas: ${w.replicas}, ${zones(w)}${w.healthCheck ? ', healthCheck: /healthz' : ''}, ${dependsOn(w)}`,
    database: (w) => `type: database, software: postgresql, replicas: ${w.replicas}, ${zones(w)}, mode: primary-replica, failover: automatic, backup: { schedule: daily, offsite: true }`,
    cache: (w) => `type: cache, software: redis, replicas: ${w.replicas}`,
  };
  for (const w of estate.workloads) lines.push(`  ${w.id}: { ${body[w.role](w)} }`);
  return { text: `${lines.join('\n')}\n`, groupOf: new Map(estate.workloads.map((w) => [w.id, w.group])) };
}

/**
 * The same estate as a Kubernetes manifest: a Namespace per group; a Deployment (a StatefulSet
 * for the database) and its Service per workload, its replicas spread over the zones; the calls
 * as env addresses (`http://name.namespace:80` across namespaces); an Ingress with TLS before
 * each group's gateway but the platform's. Component ids come out as `namespace/name`.
 */
export function workloadManifest(workloads = 100, groupCount = 5): string {
  const estate = workloadEstate(workloads, groupCount, {});
  const groupOf = new Map(estate.workloads.map((w) => [w.id, w.group]));
  const docs = estate.groups.map((g) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${g} }\n`);
  const image: Record<Role, string> = { gateway: 'envoyproxy/envoy:v1.31', service: 'example/{id}:1.0', database: 'postgres:16', cache: 'redis:7' };
  for (const w of estate.workloads) {
    const address = (callee: string): string => `http://${callee}${groupOf.get(callee) === w.group ? '' : `.${groupOf.get(callee)}`}:80`;
    const env = w.calls.map((c, i) => `            - { name: UPSTREAM_${i + 1}, value: "${address(c.id)}" }\n`).join('');
    const spread = w.zones.length > 1
      ? `      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: ${w.id} } } }\n`
      : '';
    const probe = w.healthCheck ? '          readinessProbe: { httpGet: { path: /healthz, port: 80 } }\n' : '';
    const annotations = w.role === 'database' ? '  annotations: { infra-review/mode: primary-replica, infra-review/failover: automatic, infra-review/backup: "daily, offsite" }\n' : '';
    docs.push(
      `apiVersion: apps/v1\nkind: ${w.role === 'database' ? 'StatefulSet' : 'Deployment'}\nmetadata:\n  name: ${w.id}\n  namespace: ${w.group}\n${annotations}` +
        `spec:\n  replicas: ${w.replicas}\n  selector: { matchLabels: { app: ${w.id} } }\n  template:\n    metadata: { labels: { app: ${w.id} } }\n    spec:\n${spread}` +
        `      containers:\n        - name: main\n          image: ${image[w.role].replace('{id}', w.id)}\n${probe}` +
        (env !== '' ? `          env:\n${env}` : ''),
      `apiVersion: v1\nkind: Service\nmetadata: { name: ${w.id}, namespace: ${w.group} }\nspec:\n  selector: { app: ${w.id} }\n  ports: [{ port: 80 }]\n`,
    );
  }
  for (const g of estate.groups.slice(1)) {
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ${g}, namespace: ${g} }\nspec:\n  tls: [{ hosts: [${g}.example.com], secretName: ${g}-tls }]\n` +
        `  rules:\n    - host: ${g}.example.com\n      http:\n        paths:\n          - { path: /, pathType: Prefix, backend: { service: { name: ${g}-gateway, port: { number: 80 } } } }\n`,
    );
  }
  return docs.join('---\n');
}

/** The analysis with each component's `group` set (the failure model is unchanged by groups). */
export function withGroups(result: AnalysisResult, groupOf: ReadonlyMap<string, string>): AnalysisResult {
  const components = new Map([...result.design.components].map(([id, c]) => [id, groupOf.has(id) ? { ...c, group: groupOf.get(id) } : c]));
  const design: Design = { ...result.design, components };
  return { ...result, design };
}
