// A microservice estate for the diagram's tests and benchmark: `workloads` components in a
// few groups (as a Kubernetes front end would put them in namespaces), none on a modelled
// host, replicas spread over zones, each group behind its own gateway and DNS name, with
// calls inside a group and to a shared platform group. infra.yaml has no `group` key (the
// format is not changed for this): `withGroups` sets `Component.group` on the analysed
// design, as a front end would.

import type { AnalysisResult } from '../../server/src/analysis/engine';
import type { Design } from '../../server/src/model/types';

export const GROUP_NAMES = ['platform', 'storefront', 'checkout', 'catalog', 'accounts', 'search', 'shipping', 'billing'];

export interface WorkloadDesign {
  text: string;
  /** Component id → its group. */
  groupOf: Map<string, string>;
}

export function workloadDesign(workloads = 100, groupCount = 5, options: { extraComponent?: boolean } = {}): WorkloadDesign {
  const groups = GROUP_NAMES.slice(0, Math.max(1, Math.min(GROUP_NAMES.length, groupCount)));
  const perGroup = Math.max(4, Math.floor(workloads / groups.length));
  const groupOf = new Map<string, string>();
  const lines = ['version: 1', `name: workloads-${perGroup * groups.length}`, 'domain: example.com', '', 'dns:'];
  for (const g of groups.slice(1)) lines.push(`  - { name: ${g}, type: ALIAS, target: ${g}-gateway }`);
  lines.push('', 'zones:', '  zone-a: { region: r1 }', '  zone-b: { region: r1 }', '  zone-c: { region: r1 }', '', 'components:');

  const add = (group: string, id: string, body: string): void => {
    groupOf.set(id, group);
    lines.push(`  ${id}: { ${body} }`);
  };
  const services = (group: string): string[] => Array.from({ length: perGroup - 3 }, (_, i) => `${group}-svc-${i + 1}`);
  const platform = services(groups[0]);

  for (const [gi, group] of groups.entries()) {
    const own = services(group);
    add(group, `${group}-gateway`, `type: load-balancer, replicas: 2, zones: [zone-a, zone-b], healthCheck: /healthz, tls: true, dependsOn: [${own.slice(0, 3).join(', ')}]`);
    for (const [i, id] of own.entries()) {
      // A call tree: service i calls 2i+2 and 2i+3, the leaves call the group's stores,
      // and every third service calls a platform service (the shared group).
      const calls = [own[2 * i + 2], own[2 * i + 3]].filter((c): c is string => c !== undefined);
      if (calls.length === 0) calls.push(`${group}-db`, `{ component: ${group}-cache, optional: true }`);
      if (gi > 0 && i % 3 === 0) calls.push(platform[(i + gi) % platform.length]);
      const replicas = 1 + ((i + gi) % 3);
      add(group, id, `type: app-server, software: node, replicas: ${replicas}, zones: [zone-a, zone-b, zone-c], healthCheck: /healthz, dependsOn: [${calls.join(', ')}]`);
      if (options.extraComponent && gi === Math.floor(groups.length / 2) && i === Math.floor(own.length / 2)) {
        add(group, `${group}-inserted`, `type: app-server, replicas: 2, zones: [zone-a, zone-b], dependsOn: [${group}-db]`);
      }
    }
    add(group, `${group}-db`, 'type: database, software: postgresql, replicas: 2, zones: [zone-a, zone-b], mode: primary-replica, failover: automatic, backup: { schedule: daily, offsite: true }');
    add(group, `${group}-cache`, 'type: cache, software: redis, replicas: 1');
  }
  return { text: `${lines.join('\n')}\n`, groupOf };
}

/** The analysis with each component's `group` set (the failure model is unchanged by groups). */
export function withGroups(result: AnalysisResult, groupOf: ReadonlyMap<string, string>): AnalysisResult {
  const components = new Map([...result.design.components].map(([id, c]) => [id, groupOf.has(id) ? { ...c, group: groupOf.get(id) } : c]));
  const design: Design = { ...result.design, components };
  return { ...result, design };
}
