// The platform family: what a scheduler and its objects decide about where instances run
// and how requests reach them, where the format says it (Kubernetes manifests): replicas
// that may share a machine, routes that reach nothing, disruption budgets that block
// maintenance, addresses of services the file does not define. Each reads only model
// facts a front end sets; on infra.yaml and Compose they are never set, and the rules are silent.

import type { Rule } from '../rule';

const K8S = (...lines: string[]) => lines.join('\n') + '\n';

const DEPLOYMENT = (extra: string[]) =>
  K8S(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels: { app: web }',
    '  template:',
    '    metadata:',
    '      labels: { app: web }',
    '    spec:',
    ...extra,
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
  );

export const replicasMayShareNode: Rule = {
  meta: {
    id: 'replicas-may-share-node',
    defaultSeverity: 'warning',
    title: 'Replicas that may share a node',
    explanation:
      'The analysis counts each replica on a node of its own, but the scheduler promises that only when it is told to. ' +
      'Without a rule that keeps the pods apart, it may place several (or all) replicas of a workload on one node, and that node\'s failure, drain or upgrade takes them down together: ' +
      'the redundancy the replica count shows is not there. A preferred anti-affinity or a `ScheduleAnyway` spread is best effort: on a busy cluster the pods still end up together.',
    fix: 'Add a required pod anti-affinity on `kubernetes.io/hostname` for the workload\'s own labels, or a `topologySpreadConstraints` entry on that key with `whenUnsatisfiable: DoNotSchedule`.',
    kubernetes:
      'Reads `spec.replicas` (or the HorizontalPodAutoscaler\'s `minReplicas`), `spec.template.spec.affinity.podAntiAffinity` (`requiredDuringSchedulingIgnoredDuringExecution` and `preferredDuringSchedulingIgnoredDuringExecution` terms on `kubernetes.io/hostname`) and `spec.template.spec.topologySpreadConstraints` (`topologyKey: kubernetes.io/hostname`, `whenUnsatisfiable`). DaemonSets run one pod per node and are never reported.',
    fixable: true,
    references: [
      { title: 'Kubernetes: Assigning Pods to Nodes (inter-pod affinity and anti-affinity)', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity' },
      { title: 'Kubernetes: Pod Topology Spread Constraints', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/' },
    ],
    examples: {
      format: 'kubernetes',
      bad: DEPLOYMENT([]),
      good: DEPLOYMENT([
        '      topologySpreadConstraints:',
        '        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }',
      ]),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      if (c.nodeSpread === undefined || c.nodeSpread === 'required' || (c.replicas ?? 1) < 2) continue;
      const why = c.nodeSpread === 'best-effort'
        ? 'only a preferred anti-affinity or a ScheduleAnyway spread keeps them apart, which the scheduler may ignore'
        : 'nothing requires them on different nodes (no required podAntiAffinity or DoNotSchedule topologySpreadConstraints on kubernetes.io/hostname)';
      ctx.report({
        message: `The ${c.replicas} replicas of ${c.id} may share a node: ${why}; one node's failure or drain can take them all down`,
        target: { kind: 'component', id: c.id },
        path: [...c.path, 'replicas'],
        fixes: [{ title: `Require ${c.id}'s pods on different nodes (pod anti-affinity on kubernetes.io/hostname)`, preferred: true, changes: [{ op: 'set', path: c.path, key: 'nodeSpread', value: 'required' }] }],
      });
    }
  },
};

export const routeReachesNothing: Rule = {
  meta: {
    id: 'route-reaches-nothing',
    defaultSeverity: 'error',
    title: 'A Service or Ingress that reaches nothing',
    explanation:
      'A Service routes to the pods whose labels match its selector, and an Ingress or a Gateway route to the Services it names. ' +
      'When the selector matches no pod, or the backend names a Service that does not exist, every request through it fails, and nothing in the cluster says so until users do: ' +
      'it is usually a label renamed on one side only, or a Service renamed without its Ingress.',
    fix: 'Make the Service\'s `selector` match the pod template labels of the workload it stands for, or name an existing Service in the backend.',
    kubernetes:
      'Reads each Service\'s `spec.selector` against the `spec.template.metadata.labels` of the workloads in its namespace (a Service without a selector, as for ExternalName or hand-written Endpoints, is not followed), and the Service names in an Ingress\'s `spec.defaultBackend` and `spec.rules[].http.paths[].backend.service.name` and a Gateway route\'s `spec.rules[].backendRefs[].name`.',
    fixable: false,
    references: [{ title: 'Kubernetes: Service (Services with selectors)', url: 'https://kubernetes.io/docs/concepts/services-networking/service/' }],
    examples: {
      format: 'kubernetes',
      bad: DEPLOYMENT([]) + K8S('---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector: { app: website }'),
      good: DEPLOYMENT([]) + K8S('---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector: { app: web }'),
    },
  },
  check(ctx) {
    for (const route of ctx.design.routes ?? []) {
      if (route.targets.length > 0 || route.reachesNothing === undefined) continue;
      ctx.report({
        message: `${route.label} reaches nothing: ${route.reachesNothing}, so every request through it fails`,
        target: { kind: 'document', id: route.label },
        path: route.path,
        part: 'node',
      });
    }
  },
};

export const disruptionBudgetBlocksDrain: Rule = {
  meta: {
    id: 'disruption-budget-blocks-drain',
    defaultSeverity: 'warning',
    title: 'A disruption budget that blocks every drain',
    explanation:
      'A PodDisruptionBudget limits how many pods voluntary disruptions (a node drain for an upgrade, the cluster autoscaler) may evict at once. ' +
      'When it allows none (`minAvailable` at least the replicas, or `maxUnavailable: 0`), every drain of a node that runs one of the pods waits forever: ' +
      'node upgrades and scale-downs stall, and an operator ends up deleting the budget or the pods by hand, during the maintenance the budget was meant to make safe.',
    fix: 'Let the budget allow one disruption (`minAvailable` one below the replicas, or `maxUnavailable: 1`), and run enough replicas that one evicted pod is survivable.',
    kubernetes:
      'Reads each PodDisruptionBudget\'s `spec.selector.matchLabels`, `spec.minAvailable` and `spec.maxUnavailable` (numbers, or percentages rounded up as Kubernetes rounds them) against the replicas of the workloads whose pod labels it selects.',
    fixable: true,
    references: [{ title: 'Kubernetes: Specifying a Disruption Budget for your Application', url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/' }],
    examples: {
      format: 'kubernetes',
      bad: DEPLOYMENT([]) + K8S('---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: web', 'spec:', '  minAvailable: 3', '  selector:', '    matchLabels: { app: web }'),
      good: DEPLOYMENT([]) + K8S('---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: web', 'spec:', '  minAvailable: 2', '  selector:', '    matchLabels: { app: web }'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      const budget = c.disruptionBudget;
      if (!budget || budget.allowedDisruptions > 0) continue;
      const fixes = budget.relaxed !== undefined
        ? [{ title: `Relax ${budget.name} to allow one disruption (${budget.says.split(':')[0]}: ${budget.relaxed})`, preferred: true, changes: [{ op: 'replace-value' as const, path: budget.path, value: budget.relaxed }] }]
        : undefined;
      ctx.report({
        message: `PodDisruptionBudget ${budget.name} (${budget.says}) allows no disruption of ${c.id}'s ${c.replicas ?? 1} replica${(c.replicas ?? 1) === 1 ? '' : 's'}: every drain of a node that runs one waits forever`,
        target: { kind: 'component', id: c.id },
        path: budget.path,
        part: 'value',
        fixes,
      });
    }
  },
};

export const unresolvedAddress: Rule = {
  meta: {
    id: 'unresolved-address',
    defaultSeverity: 'info',
    title: 'An address of a service the file does not define',
    explanation:
      'A configuration value names a service by its cluster address (`billing.payments.svc:8080`, `http://billing:8080`), but no Service of that name is in the file. ' +
      'It may live in another file or namespace, or the name may be a typo; either way the review cannot see what is behind it, so no dependency is drawn, and a failure there is not in the analysis.',
    fix: 'Review the file together with the one that defines the Service, or state the dependency with the `infra-review/dependsOn` annotation when what it reaches is known.',
    kubernetes:
      'Reads container `env[].value`, `env[].valueFrom.configMapKeyRef` and `envFrom[].configMapRef` (ConfigMaps of the same file), and init containers\' `command` and `args`: a URL\'s host, `host:port`, or the whole value, in the forms `svc`, `svc.ns`, `svc.ns.svc` and `svc.ns.svc.cluster.local`. A bare word that names no Service (`debug`) is not an address.',
    fixable: false,
    examples: {
      format: 'kubernetes',
      bad: K8S('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', 'spec:', '  containers:', '    - name: api', '      image: example/api', '      env:', '        - { name: BILLING_URL, value: "http://billing.payments.svc:8080" }'),
      good: K8S('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', 'spec:', '  containers:', '    - name: api', '      image: example/api', '      env:', '        - { name: BILLING_URL, value: "https://billing.example.com" }'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      for (const a of c.unresolvedAddresses ?? []) {
        ctx.report({
          message: `${c.id} is configured with the address ${a.address}, a Service this file does not define: no dependency is drawn for it`,
          target: { kind: 'component', id: c.id },
          path: a.path,
          part: 'value',
        });
      }
    }
  },
};

export const platformRules: readonly Rule[] = [replicasMayShareNode, routeReachesNothing, disruptionBudgetBlocksDrain, unresolvedAddress];
