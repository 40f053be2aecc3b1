// The Kubernetes mapping of docs/formats.md, rule by rule, as tables: manifests in, the
// part of the Design (or the findings) they must give out.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isCollection, parseAllDocuments, parse as parseYaml, visit } from 'yaml';
import { analyze } from '../../src/analysis/engine';
import type { AnalysisResult } from '../../src/analysis/engine';
import type { Component } from '../../src/model/types';
import { completions } from '../../src/language/completion';
import { hover } from '../../src/language/hover';
import { definitions } from '../../src/language/navigation';
import { availabilityOf } from '../../src/analysis/availability';
import { diagramContent } from '../../src/diagram/content';
import { dependencyItems, WORKLOAD_ANNOTATIONS } from '../../src/formats/kubernetes/annotations';

function read(text: string): AnalysisResult {
  return analyze(text, { format: 'kubernetes' });
}

function component(result: AnalysisResult, id: string): Component {
  const c = result.design.components.get(id);
  assert.ok(c, `no component ${id}; have ${[...result.design.components.keys()].join(', ')}`);
  return c;
}

/** Dependencies as `name` (stated) and `~name` (inferred); an any-of group as `a|b`. */
function deps(result: AnalysisResult, id: string): string[] {
  return component(result, id).dependsOn.map((d) => `${d.inferred ? '~' : ''}${d.anyOf ? d.anyOf.join('|') : d.component}`);
}

const rules = (result: AnalysisResult, rule: string) => result.findings.filter((f) => f.rule === rule);
const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** A workload of `kind` with pod labels `app: NAME`, and `pod` lines under its pod spec (indented for it). */
function workload(kind: string, name: string, options: { replicas?: number; image?: string; namespace?: string; annotations?: Record<string, string>; pod?: string[]; container?: string[] } = {}): string {
  const meta = ['metadata:', `  name: ${name}`];
  if (options.namespace) meta.push(`  namespace: ${options.namespace}`);
  if (options.annotations) meta.push('  annotations:', ...Object.entries(options.annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`));
  const container = [`        - name: ${name}`, `          image: ${options.image ?? 'example/app:1'}`, ...(options.container ?? []).map((l) => `          ${l}`)];
  if (kind === 'Pod') {
    return lines(`apiVersion: v1`, `kind: Pod`, ...meta, `  labels: { app: ${name} }`, 'spec:', ...(options.pod ?? []).map((l) => l.slice(4)), '  containers:', ...container.map((l) => l.slice(6)));
  }
  return lines(
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    ...meta,
    'spec:',
    ...(options.replicas !== undefined ? [`  replicas: ${options.replicas}`] : []),
    '  selector:',
    `    matchLabels: { app: ${name} }`,
    '  template:',
    '    metadata:',
    `      labels: { app: ${name} }`,
    '    spec:',
    ...(options.pod ?? []).map((l) => `      ${l}`),
    '      containers:',
    ...container,
  );
}

function service(name: string, options: { type?: string; selector?: string; namespace?: string } = {}): string {
  return lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    ...(options.type ? [`  type: ${options.type}`] : []),
    `  selector: { app: ${options.selector ?? name} }`,
    '  ports: [{ port: 80 }]',
  );
}

const docs = (...d: string[]) => d.join('---\n');

describe('Kubernetes front end: the mapping', () => {
  describe('documents and objects', () => {
    it('every document of the file, and the items of a List, in file order', () => {
      const list = lines('apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: apps/v1', '    kind: Deployment', '    metadata: { name: b }', '    spec: { template: { metadata: { labels: { app: b } }, spec: { containers: [{ name: b, image: x }] } } }');
      const r = read(docs(workload('Deployment', 'a'), list, workload('StatefulSet', 'c')));
      assert.deepEqual([...r.design.components.keys()], ['a', 'b', 'c']);
    });

    it('Deployments, StatefulSets, DaemonSets, ReplicaSets and bare Pods are components; Jobs and CronJobs are not', () => {
      const job = lines('apiVersion: batch/v1', 'kind: Job', 'metadata: { name: migrate }', 'spec: { template: { spec: { containers: [{ name: m, image: x, env: [{ name: DB, value: "db:5432" }] }] } } }');
      const cron = lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: { name: nightly }', 'spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: { containers: [{ name: n, image: x }] } } } } }');
      const r = read(docs(workload('Deployment', 'd'), workload('StatefulSet', 's'), workload('DaemonSet', 'ds'), workload('ReplicaSet', 'rs'), workload('Pod', 'p'), job, cron));
      assert.deepEqual([...r.design.components.keys()], ['d', 's', 'ds', 'rs', 'p']);
    });

    it('ids are names in one namespace, namespace/name when the file spans several; the namespace is the group', () => {
      const one = read(docs(workload('Deployment', 'web', { namespace: 'shop' }), workload('Deployment', 'api', { namespace: 'shop' })));
      assert.deepEqual([...one.design.components.keys()], ['web', 'api']);
      assert.equal(component(one, 'web').group, 'shop');
      const two = read(docs(workload('Deployment', 'web', { namespace: 'shop' }), workload('Deployment', 'api')));
      assert.deepEqual([...two.design.components.keys()], ['shop/web', 'default/api']);
      assert.deepEqual([component(two, 'shop/web').group, component(two, 'default/api').group], ['shop', 'default']);
    });
  });

  describe('type: the first container\'s image, or infra-review/type', () => {
    const cases: [string, Record<string, string> | undefined, string][] = [
      ['postgres:16', undefined, 'database'],
      ['bitnami/redis:7', undefined, 'cache'],
      ['nginx:1.27', undefined, 'web-server'],
      ['example/api:2', undefined, 'service'],
      ['example/bus:2', { 'infra-review/type': 'queue' }, 'queue'],
    ];
    for (const [image, annotations, type] of cases) {
      it(`${image}${annotations ? ' annotated' : ''} → ${type}`, () => {
        const r = read(workload('Deployment', 'x', { image, annotations }));
        assert.equal(component(r, 'x').type, type);
      });
    }
  });

  describe('instances', () => {
    const hpa = (min: number | undefined) =>
      lines('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: { name: web }', 'spec:', '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }', ...(min !== undefined ? [`  minReplicas: ${min}`] : []), '  maxReplicas: 10');
    const cases: [string, string, number][] = [
      ['spec.replicas absent: 1', workload('Deployment', 'web'), 1],
      ['spec.replicas: 3', workload('Deployment', 'web', { replicas: 3 }), 3],
      ['an HPA sets the floor to minReplicas', docs(workload('Deployment', 'web', { replicas: 5 }), hpa(2)), 2],
      ['an HPA without minReplicas: 1', docs(workload('Deployment', 'web', { replicas: 5 }), hpa(undefined)), 1],
      ['a DaemonSet counts as 2 (one pod per node)', workload('DaemonSet', 'web'), 2],
      ['a bare Pod is 1', workload('Pod', 'web'), 1],
    ];
    for (const [name, text, n] of cases) it(name, () => assert.equal(component(read(text), 'web').replicas, n));

    it('a DaemonSet says how it was counted (the hover shows it); other workloads give their number', () => {
      assert.equal(component(read(workload('DaemonSet', 'web')), 'web').instancesNote, 'one pod on every node (a DaemonSet); nodes are not modelled, so it counts as 2, each on a node of its own');
      assert.equal(component(read(workload('Deployment', 'web', { replicas: 2 })), 'web').instancesNote, undefined);
    });

    it('a data-store StatefulSet with several replicas is primary-replica with manual failover, unless annotated', () => {
      const plain = component(read(workload('StatefulSet', 'db', { image: 'postgres:16', replicas: 3 })), 'db');
      assert.deepEqual([plain.mode, plain.failover], ['primary-replica', undefined]);
      const annotated = component(read(workload('StatefulSet', 'db', { image: 'postgres:16', replicas: 3, annotations: { 'infra-review/failover': 'automatic' } })), 'db');
      assert.deepEqual([annotated.mode, annotated.failover], ['primary-replica', 'automatic']);
      assert.equal(component(read(workload('StatefulSet', 'db', { image: 'postgres:16' })), 'db').mode, undefined);
    });
  });

  describe('placement', () => {
    const zoneSpread = (when: string) => ['topologySpreadConstraints:', `  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ${when}, labelSelector: { matchLabels: { app: web } } }`];
    const hostSpread = (when: string) => ['topologySpreadConstraints:', `  - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ${when}, labelSelector: { matchLabels: { app: web } } }`];
    const antiAffinity = (kind: 'required' | 'preferred', key: string) =>
      kind === 'required'
        ? ['affinity:', '  podAntiAffinity:', '    requiredDuringSchedulingIgnoredDuringExecution:', `      - { topologyKey: ${key}, labelSelector: { matchLabels: { app: web } } }`]
        : ['affinity:', '  podAntiAffinity:', '    preferredDuringSchedulingIgnoredDuringExecution:', `      - { weight: 100, podAffinityTerm: { topologyKey: ${key}, labelSelector: { matchLabels: { app: web } } } }`];

    const zones: [string, string[], string[] | undefined][] = [
      ['a DoNotSchedule zone spread spreads the replicas over zones', zoneSpread('DoNotSchedule'), ['zone-1', 'zone-2', 'zone-3']],
      ['a required zone anti-affinity does too', antiAffinity('required', 'topology.kubernetes.io/zone'), ['zone-1', 'zone-2', 'zone-3']],
      ['a ScheduleAnyway zone spread is best effort: no zones', zoneSpread('ScheduleAnyway'), undefined],
      ['nothing: no zones', [], undefined],
    ];
    for (const [name, pod, expected] of zones) {
      it(name, () => assert.deepEqual(component(read(workload('Deployment', 'web', { replicas: 4, pod })), 'web').zones, expected));
    }

    const nodes: [string, string[], string | undefined][] = [
      ['a required anti-affinity on kubernetes.io/hostname: required', antiAffinity('required', 'kubernetes.io/hostname'), 'required'],
      ['a DoNotSchedule spread on kubernetes.io/hostname: required', hostSpread('DoNotSchedule'), 'required'],
      ['a preferred anti-affinity: best effort', antiAffinity('preferred', 'kubernetes.io/hostname'), 'best-effort'],
      ['a ScheduleAnyway spread: best effort', hostSpread('ScheduleAnyway'), 'best-effort'],
      ['nothing: unconstrained', [], 'unconstrained'],
      ['a zone spread says nothing of nodes', zoneSpread('DoNotSchedule'), 'unconstrained'],
    ];
    for (const [name, pod, expected] of nodes) {
      it(`${name}, and replicas-may-share-node ${expected === 'required' ? 'is silent' : 'says so'}`, () => {
        const r = read(workload('Deployment', 'web', { replicas: 2, pod }));
        assert.equal(component(r, 'web').nodeSpread, expected);
        const found = rules(r, 'replicas-may-share-node');
        assert.equal(found.length, expected === 'required' ? 0 : 1);
        if (expected === 'best-effort') assert.match(found[0].message, /preferred anti-affinity or a ScheduleAnyway spread/);
      });
    }

    const unspread: [string, string[], RegExp | undefined][] = [
      ['spread over zones too: single-zone is silent', zoneSpread('DoNotSchedule'), undefined],
      ['a ScheduleAnyway zone spread: best effort, says so', zoneSpread('ScheduleAnyway'), /only a ScheduleAnyway spread or a preferred anti-affinity/],
      ['a preferred zone anti-affinity: best effort, says so', antiAffinity('preferred', 'topology.kubernetes.io/zone'), /only a ScheduleAnyway spread or a preferred anti-affinity/],
      ['nothing: may all run in one zone', [], /nothing requires them in different zones/],
    ];
    for (const [name, pod, message] of unspread) {
      it(`next to a zone-spread workload, ${name}`, () => {
        const spreadWeb = workload('Deployment', 'web', { replicas: 3, pod: zoneSpread('DoNotSchedule') });
        const r = read(docs(spreadWeb, workload('Deployment', 'api', { replicas: 2, pod })));
        const found = rules(r, 'single-zone');
        assert.deepEqual(found.map((f) => f.target), message ? [{ kind: 'component', id: 'api' }] : []);
        if (message) {
          assert.match(found[0].message, /^The 2 replicas of api may all run in one zone: /);
          assert.match(found[0].message, message);
          assert.equal(found[0].fixes?.[0]?.title, "Spread api's pods over zones (topologySpreadConstraints on topology.kubernetes.io/zone, DoNotSchedule)");
        }
      });
    }

    it('without a zone-spread workload in the file, the zones are unknown and single-zone is silent', () => {
      assert.equal(rules(read(workload('Deployment', 'api', { replicas: 2 })), 'single-zone').length, 0);
    });

    it('one replica, and a DaemonSet, are never reported as sharing a node', () => {
      assert.equal(rules(read(workload('Deployment', 'web')), 'replicas-may-share-node').length, 0);
      assert.equal(rules(read(workload('DaemonSet', 'web')), 'replicas-may-share-node').length, 0);
    });

    it('the finding sits at spec.replicas', () => {
      const text = workload('Deployment', 'web', { replicas: 2 });
      const f = rules(read(text), 'replicas-may-share-node')[0];
      assert.equal(text.split('\n')[f.range.start.line], '  replicas: 2');
    });
  });

  describe('routing', () => {
    it('a Service routes to the workloads whose pod labels match its selector, in its namespace', () => {
      const r = read(docs(workload('Deployment', 'web'), service('web'), workload('Deployment', 'api'), service('api', { selector: 'nothing' })));
      assert.deepEqual(r.design.routes?.map((x) => [x.label, x.targets]), [['Service web', ['web']], ['Service api', []]]);
      const [f] = rules(r, 'route-reaches-nothing');
      assert.match(f.message, /^Service api reaches nothing: its selector app=nothing matches the pods of no workload/);
    });

    const entries: [string, string, string[]][] = [
      ['a ClusterIP Service is no entry', docs(workload('Deployment', 'web'), service('web')), []],
      ['a LoadBalancer Service is an entry', docs(workload('Deployment', 'web'), service('web', { type: 'LoadBalancer' })), ['web.default → web']],
      ['a NodePort Service is an entry', docs(workload('Deployment', 'web'), service('web', { type: 'NodePort' })), ['web.default → web']],
      [
        'an Ingress makes entries of the workloads behind its Services',
        docs(workload('Deployment', 'web'), service('web'), lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: { name: shop }', 'spec:', '  rules:', '    - host: shop.example.com', '      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] }')),
        ['shop.example.com → web'],
      ],
      [
        'a Gateway API HTTPRoute does too',
        docs(workload('Deployment', 'web'), service('web'), lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata: { name: shop }', 'spec:', '  parentRefs: [{ name: gw }]', '  hostnames: [shop.example.com]', '  rules: [{ backendRefs: [{ name: web, port: 80 }] }]')),
        ['shop.example.com → web'],
      ],
      ['infra-review/entry: "true" adds one', workload('Deployment', 'worker', { annotations: { 'infra-review/entry': 'true' } }), ['worker → worker']],
    ];
    for (const [name, text, expected] of entries) {
      it(name, () => assert.deepEqual(read(text).design.dns.map((d) => `${d.fqdn} → ${d.target}`), expected));
    }

    it('an Ingress tls section is TLS on the workloads behind it; an Ingress without one is plain HTTP', () => {
      const ingress = (tls: boolean) =>
        lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: { name: shop }', 'spec:', ...(tls ? ['  tls: [{ hosts: [shop.example.com], secretName: shop-tls }]'] : []), '  rules:', '    - host: shop.example.com', '      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] }');
      assert.equal(component(read(docs(workload('Deployment', 'web', { image: 'nginx' }), service('web'), ingress(true))), 'web').tls, true);
      const plain = read(docs(workload('Deployment', 'web', { image: 'nginx' }), service('web'), ingress(false)));
      assert.equal(component(plain, 'web').tls, false);
      assert.equal(rules(plain, 'no-tls').length, 1);
    });

    it('an Ingress whose backend names no Service of the file reaches nothing', () => {
      const r = read(lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: { name: shop }', 'spec:', '  defaultBackend: { service: { name: web, port: { number: 80 } } }'));
      assert.deepEqual(rules(r, 'route-reaches-nothing').map((f) => f.message), ['Ingress shop reaches nothing: its backend names Service web, which this file does not define, so every request through it fails']);
    });
  });

  describe('dependencies inferred from addresses', () => {
    const withEnv = (value: string, namespace?: string) =>
      docs(workload('Deployment', 'api', { namespace, container: ['env:', `  - { name: TARGET, value: ${JSON.stringify(value)} }`] }), workload('Deployment', 'db', { namespace }), service('db-svc', { selector: 'db', namespace }));
    const cases: [string, string | undefined, string[]][] = [
      ['db-svc', undefined, ['~db']],
      ['db-svc:5432', undefined, ['~db']],
      ['postgres://user@db-svc:5432/shop', undefined, ['~db']],
      ['db-svc.shop', 'shop', ['~db']],
      ['db-svc.shop.svc', 'shop', ['~db']],
      ['db-svc.shop.svc.cluster.local:5432', 'shop', ['~db']],
      ['http://db-svc.shop.svc.cluster.local/x', 'shop', ['~db']],
      ['db-svc.other', 'shop', []],
      ['please tell db-svc about it', undefined, []],
      ['the db-svc', undefined, []],
      ['debug', undefined, []],
    ];
    for (const [value, namespace, expected] of cases) {
      it(`${JSON.stringify(value)}${namespace ? ` in ${namespace}` : ''} → ${expected.join(', ') || 'no dependency'}`, () => {
        assert.deepEqual(deps(read(withEnv(value, namespace)), 'api'), expected);
      });
    }

    it('a ConfigMap of the file, read with envFrom or valueFrom, counts; one of another file does not', () => {
      const cm = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: settings }', 'data:', '  DATABASE_URL: postgres://db-svc:5432/shop', '  MODE: fast');
      const base = [workload('Deployment', 'db'), service('db-svc', { selector: 'db' }), cm];
      const envFrom = read(docs(workload('Deployment', 'api', { container: ['envFrom: [{ configMapRef: { name: settings } }]'] }), ...base));
      assert.deepEqual(deps(envFrom, 'api'), ['~db']);
      const valueFrom = read(docs(workload('Deployment', 'api', { container: ['env: [{ name: DB, valueFrom: { configMapKeyRef: { name: settings, key: DATABASE_URL } } }]'] }), ...base));
      assert.deepEqual(deps(valueFrom, 'api'), ['~db']);
      const elsewhere = read(docs(workload('Deployment', 'api', { container: ['envFrom: [{ configMapRef: { name: other } }]'] }), ...base));
      assert.deepEqual(deps(elsewhere, 'api'), []);
    });

    it('an init container\'s arguments count, whole or as an option\'s value; a shell line does not', () => {
      const init = (args: string) => ['initContainers:', `  - { name: wait, image: busybox, args: ${args} }`];
      const base = [workload('Deployment', 'db'), service('db-svc', { selector: 'db' })];
      assert.deepEqual(deps(read(docs(workload('Deployment', 'api', { pod: init('["--wait-for=db-svc:5432"]') }), ...base)), 'api'), ['~db']);
      assert.deepEqual(deps(read(docs(workload('Deployment', 'api', { pod: init('["db-svc:5432"]') }), ...base)), 'api'), ['~db']);
      assert.deepEqual(deps(read(docs(workload('Deployment', 'api', { pod: init('["sh", "-c", "until nc -z db-svc 5432; do sleep 1; done"]') }), ...base)), 'api'), []);
    });

    it('an address of a Service the file does not define is an info finding, not an edge', () => {
      const r = read(workload('Deployment', 'api', { container: ['env:', '  - { name: BILLING, value: "http://billing.payments.svc:8080" }', '  - { name: LEVEL, value: debug }'] }));
      assert.deepEqual(deps(r, 'api'), []);
      const found = rules(r, 'unresolved-address');
      assert.deepEqual(found.map((f) => [f.severity, f.message]), [['info', 'api is configured with the address billing.payments.svc, a Service this file does not define: no dependency is drawn for it']]);
    });

    it('the dependency is on the workloads behind the Service, and its range is the env value', () => {
      const text = withEnv('db-svc:5432');
      const r = read(text);
      const dep = component(r, 'api').dependsOn[0];
      const range = r.parsed.sourceMap.rangeOf(r.locator.documentPath(dep.path), 'value');
      assert.equal(text.split('\n')[range.start.line].slice(range.start.character, range.end.character), '"db-svc:5432"');
    });

    it('infra-review/dependsOn states what the file does not show, by Service or workload name', () => {
      const r = read(docs(workload('Deployment', 'api', { annotations: { 'infra-review/dependsOn': 'db-svc, cache' } }), workload('Deployment', 'db'), service('db-svc', { selector: 'db' }), workload('Deployment', 'cache')));
      assert.deepEqual(deps(r, 'api'), ['db', 'cache']);
    });

    describe('infra-review/dependsOn takes the items of infra.yaml: { component, optional } and { anyOf: [...] }', () => {
      const stack = (dependsOn: string) =>
        read(docs(workload('Deployment', 'api', { replicas: 2, annotations: { 'infra-review/dependsOn': dependsOn } }), service('api', { type: 'LoadBalancer' }), workload('Deployment', 'blue'), workload('Deployment', 'green'), workload('Deployment', 'cache'), service('cache-svc', { selector: 'cache' })));
      const withOptional = (r: AnalysisResult) => component(r, 'api').dependsOn.map((d) => `${d.anyOf ? d.anyOf.join('|') : d.component}${d.optional ? '?' : ''}`);
      const cases: [string, string[]][] = [
        ['{ anyOf: [blue, green] }', ['blue|green']],
        ['cache, { anyOf: [blue, green], optional: true }', ['cache', 'blue|green?']],
        ['{ component: cache-svc, optional: true }', ['cache?']],
        ['{ anyOf: [cache-svc, blue] }', ['cache|blue']],
        ['{ anyOf: [cache, cache-svc] }', ['cache']],
        ['{ anyOf: [api, blue] }', []],
      ];
      for (const [dependsOn, expected] of cases) {
        it(`"${dependsOn}" → ${expected.join(', ') || 'nothing'}`, () => {
          const r = stack(dependsOn);
          assert.deepEqual(withOptional(r), expected);
          assert.deepEqual(rules(r, 'schema'), []);
        });
      }

      it('a workload that needs any of two is no SPOF for either; needing both, each is one', () => {
        const spofs = (r: AnalysisResult) => (r.spofs ?? []).map((x) => x.id).sort();
        assert.deepEqual(spofs(stack('{ anyOf: [blue, green] }')), []);
        assert.deepEqual(spofs(stack('blue, green')), ['blue', 'green']);
      });

      it('an unknown name in anyOf is an unknown-reference at the annotation, with did-you-mean', () => {
        const r = stack('{ anyOf: [blue, gren] }');
        const found = rules(r, 'unknown-reference');
        assert.deepEqual(found.map((f) => f.message), ['api depends on gren (one of the alternatives of an anyOf), but no component gren is defined; did you mean green?']);
        assert.equal(r.parsed.text.split('\n')[found[0].range.start.line].trim(), 'infra-review/dependsOn: "{ anyOf: [blue, gren] }"');
      });

      it('a list of names is read as YAML reads the flow list it writes, without a YAML parse', () => {
        const reserved = /^(true|false|null|yes|no|on|off|y|n)$/i;
        const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}(\/[a-z][a-z0-9.-]{0,8})?$/).filter((n) => !reserved.test(n));
        const space = fc.constantFrom('', ' ', '  ');
        const value = fc.tuple(fc.array(fc.tuple(space, name, space), { minLength: 1, maxLength: 5 }), fc.boolean()).map(([names, trailing]) => names.map(([a, n, b]) => `${a}${n}${b}`).join(',') + (trailing ? ',' : ''));
        fc.assert(fc.property(value, (v) => assert.deepEqual(dependencyItems(v), parseYaml(`[${v}]`))));
        for (const v of ['a,,b', ' , ', ',a']) assert.throws(() => parseYaml(`[${v}]`), `YAML refuses [${v}]`);
        assert.deepEqual(['a,,b', ' , ', ',a', '', ' '].map(dependencyItems), [undefined, undefined, undefined, [], []]);
      });

      const problems: [string, string][] = [
        ['{ anyof: [blue, green] }', 'Annotation `infra-review/dependsOn` must be Services or workloads separated by commas, `{ component: NAME, optional: true }` or `{ anyOf: [NAME, NAME] }` (`anyof` is no key of an item; did you mean `anyOf`?), not "{ anyof: [blue, green] }"'],
        ['{ anyOf: [blue] }', 'Annotation `infra-review/dependsOn` must name at least two workloads or Services in an `anyOf`, not "{ anyOf: [blue] }"'],
        ['blue, { anyOf: [green', 'Annotation `infra-review/dependsOn` must be Services or workloads separated by commas, `{ component: NAME, optional: true }` or `{ anyOf: [NAME, NAME] }`, not "blue, { anyOf: [green"'],
        [' , ', 'Annotation `infra-review/dependsOn` must be Services or workloads separated by commas, `{ component: NAME, optional: true }` or `{ anyOf: [NAME, NAME] }`, not " , "'],
      ];
      for (const [dependsOn, message] of problems) {
        it(`"${dependsOn}": a schema finding, and no dependency`, () => {
          const r = stack(dependsOn);
          assert.deepEqual(rules(r, 'schema').map((f) => f.message), [message]);
          assert.deepEqual(withOptional(r), []);
        });
      }
    });
  });

  describe('a Service in front of several workloads: any of them, for its callers', () => {
    /** A Deployment with pod labels `app: NAME` and `tier: TIER`, one replica unless said. */
    const tiered = (name: string, tier: string, options: { replicas?: number; availability?: string; env?: string[] } = {}) =>
      lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${name}`,
        ...(options.availability ? ['  annotations:', `    infra-review/availability: "${options.availability}"`] : []),
        'spec:',
        `  replicas: ${options.replicas ?? 1}`,
        `  selector: { matchLabels: { app: ${name} } }`,
        '  template:',
        `    metadata: { labels: { app: ${name}, tier: ${tier} } }`,
        '    spec:',
        '      containers:',
        `        - name: ${name}`,
        '          image: example/app:1',
        '          readinessProbe: { httpGet: { path: /health, port: 80 } }',
        ...(options.env ? ['          env:', ...options.env.map((e) => `            - ${e}`)] : []),
      );
    const tierService = (name: string, tier: string, type?: string) =>
      lines('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...(type ? [`  type: ${type}`] : []), `  selector: { tier: ${tier} }`, '  ports: [{ port: 80 }]');
    const blueGreen = (callerEnv: string[], extra: string[] = []) =>
      docs(
        tiered('frontend', 'front', { replicas: 2, availability: '0.999', env: callerEnv }),
        tierService('front', 'front', 'LoadBalancer'),
        tiered('web-blue', 'web', { availability: '0.99' }),
        tiered('web-green', 'web', { availability: '0.98' }),
        tierService('web', 'web'),
        ...extra,
      );
    const spofIds = (r: AnalysisResult) => (r.spofs ?? []).map((x) => `${x.kind} ${x.id}`);

    it('a blue-green pair behind one Service called by a frontend: one any-of dependency, neither a SPOF', () => {
      const r = read(blueGreen(['{ name: WEB_URL, value: "http://web:80" }']));
      assert.deepEqual(deps(r, 'frontend'), ['~web-blue|web-green']);
      assert.deepEqual(spofIds(r), []);
      assert.deepEqual(rules(r, 'spof'), []);
    });

    it('its availability is the pair’s: 1 − (1 − a)(1 − b), not a·b', () => {
      const r = read(blueGreen(['{ name: WEB_URL, value: "http://web:80" }']));
      const a = availabilityOf(r);
      assert.ok(a && a.exact);
      const expected = (1 - 0.001 * 0.001) * (1 - 0.01 * 0.02);
      assert.ok(Math.abs(a.estimate - expected) < 1e-12, `${a.estimate} ≠ ${expected}`);
    });

    it('draws one edge per alternative, marked as alternatives of one dependency', () => {
      const r = read(blueGreen(['{ name: WEB_URL, value: "http://web:80" }']));
      const links = diagramContent(r.design, r.model).links.filter((l) => l.kind === 'depends');
      assert.deepEqual(
        links.map((l) => [l.id, l.anyOf]),
        [
          ['depends:frontend->web-blue', ['web-blue', 'web-green']],
          ['depends:frontend->web-green', ['web-blue', 'web-green']],
        ],
      );
    });

    it('both alternatives down take the frontend down; one does not', () => {
      const r = read(blueGreen(['{ name: WEB_URL, value: "http://web:80" }']));
      const blue = { kind: 'instance' as const, component: 'web-blue', index: 0 };
      const green = { kind: 'instance' as const, component: 'web-green', index: 0 };
      assert.deepEqual([...r.model.whatIf([blue]).down], ['web-blue']);
      assert.deepEqual([...r.model.whatIf([blue, green]).down].sort(), ['frontend', 'web-blue', 'web-green']);
    });

    it('hover on the env value says it is any of the workloads; go to definition still goes to the Service', () => {
      const text = blueGreen(['{ name: WEB_URL, value: "http://web:80" }']);
      const r = read(text);
      const lineOf = text.split('\n').findIndex((l) => l.includes('http://web:80'));
      const position = { line: lineOf, character: text.split('\n')[lineOf].indexOf('http://web') + 3 };
      assert.match(hover(r, position)?.markdown ?? '', /frontend\*\* → any of \*\*web-blue\*\*, \*\*web-green\*\*: \*\*inferred\*\*/);
      const [target] = definitions(r, position);
      assert.equal(text.split('\n')[target.start.line].trim(), 'name: web');
    });

    it('a Service selecting one workload stays a plain dependency', () => {
      const r = read(docs(tiered('frontend', 'front', { replicas: 2, env: ['{ name: DB, value: "db:5432" }'] }), tierService('front', 'front', 'LoadBalancer'), tiered('db-main', 'db'), tierService('db', 'db')));
      const dep = component(r, 'frontend').dependsOn[0];
      assert.deepEqual([dep.component, dep.anyOf], ['db-main', undefined]);
      assert.deepEqual(spofIds(r), ['component db-main']);
    });

    it('a caller of two such Services has two groups, each met by its own alternatives', () => {
      const r = read(
        blueGreen(
          ['{ name: WEB_URL, value: "http://web:80" }', '{ name: API_URL, value: "http://api:80" }'],
          [tiered('api-a', 'api'), tiered('api-b', 'api'), tierService('api', 'api')],
        ),
      );
      assert.deepEqual(deps(r, 'frontend'), ['~web-blue|web-green', '~api-a|api-b']);
      assert.deepEqual(spofIds(r), []);
      const down = r.model.whatIf([
        { kind: 'instance', component: 'api-a', index: 0 },
        { kind: 'instance', component: 'api-b', index: 0 },
      ]);
      assert.ok(down.serviceDown);
    });

    it('infra-review/dependsOn naming such a Service is the same any-of dependency', () => {
      const r = read(
        docs(
          lines(
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata: { name: frontend, annotations: { infra-review/dependsOn: web } }',
            'spec:',
            '  replicas: 2',
            '  selector: { matchLabels: { app: frontend } }',
            '  template:',
            '    metadata: { labels: { app: frontend, tier: front } }',
            '    spec: { containers: [{ name: f, image: example/app:1 }] }',
          ),
          tierService('front', 'front', 'LoadBalancer'),
          tiered('web-blue', 'web'),
          tiered('web-green', 'web'),
          tierService('web', 'web'),
        ),
      );
      assert.deepEqual(deps(r, 'frontend'), ['web-blue|web-green']);
      assert.deepEqual(spofIds(r), []);
    });
  });

  describe('health and disruption', () => {
    it('a readinessProbe is a health check; a livenessProbe is not', () => {
      const ready = read(docs(workload('Deployment', 'web', { container: ['readinessProbe: { httpGet: { path: /ready, port: 80 }, periodSeconds: 5 }'] }), service('web')));
      assert.deepEqual(component(ready, 'web').healthCheck, { path: '/ready', interval: '5s' });
      assert.equal(rules(ready, 'no-health-check').length, 0);
      const live = read(docs(workload('Deployment', 'web', { container: ['livenessProbe: { httpGet: { path: /live, port: 80 } }'] }), service('web')));
      assert.equal(component(live, 'web').healthCheck, undefined);
      assert.deepEqual(rules(live, 'no-health-check').map((f) => f.message), ['web is behind Service web but its pods have no readinessProbe: the Service sends requests to pods that are starting, hung or failing']);
      assert.equal(rules(read(workload('Deployment', 'web')), 'no-health-check').length, 0, 'behind no Service');
    });

    it('a workload two Services select gets one no-health-check, at its container, naming both Services', () => {
      const text = docs(workload('Deployment', 'web', { replicas: 2 }), service('web'), service('web-admin', { selector: 'web' }));
      const found = rules(read(text), 'no-health-check');
      assert.deepEqual(found.map((f) => f.message), ['web is behind Service web and Service web-admin but its pods have no readinessProbe: they send requests to pods that are starting, hung or failing']);
      assert.equal(text.split('\n')[found[0].range.start.line], '        - name: web');
    });

    const pdb = (field: string) => lines('apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: { name: web-pdb }', 'spec:', `  ${field}`, '  selector: { matchLabels: { app: web } }');
    const budgets: [string, number, boolean][] = [
      ['minAvailable: 3', 3, true],
      ['minAvailable: 2', 3, false],
      ['minAvailable: "100%"', 3, true],
      ['minAvailable: "50%"', 3, false],
      ['maxUnavailable: 0', 3, true],
      ['maxUnavailable: 1', 3, false],
      ['minAvailable: 1', 1, true],
    ];
    for (const [field, replicas, blocks] of budgets) {
      it(`${field} of ${replicas} replicas ${blocks ? 'blocks every drain' : 'allows a drain'}`, () => {
        const r = read(docs(workload('Deployment', 'web', { replicas }), pdb(field)));
        assert.equal(rules(r, 'disruption-budget-blocks-drain').length, blocks ? 1 : 0);
      });
    }
  });

  describe('annotations, validated', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'infra-review/backups': 'daily' }, 'Unknown annotation `infra-review/backups`; did you mean `infra-review/backup`?'],
      [{ 'infra-review/tls': 'yes' }, 'Annotation `infra-review/tls` must be "true" or "false", not "yes"'],
      [{ 'infra-review/failover': 'automatc' }, 'Annotation `infra-review/failover` must be one of automatic, manual, not "automatc"; did you mean "automatic"?'],
      [{ 'infra-review/availability': '2' }, 'Annotation `infra-review/availability` must be a number above 0 and at most 1, not "2"'],
    ];
    for (const [annotations, message] of cases) {
      it(message, () => {
        const r = read(workload('Deployment', 'web', { annotations }));
        assert.deepEqual(rules(r, 'schema').map((f) => f.message), [message]);
      });
    }

    it('stated facts are read: tls, backup, capacity', () => {
      const c = component(read(workload('StatefulSet', 'db', { image: 'postgres', annotations: { 'infra-review/tls': 'true', 'infra-review/backup': 'daily, offsite', 'infra-review/capacity': '500' } })), 'db');
      assert.deepEqual([c.tls, c.backup, c.capacity, c.unstated?.has('backup')], [true, { schedule: 'daily', offsite: true }, 500, false]);
    });
  });

  describe('annotations in the editor: completed and described from the keys validation reads', () => {
    const annotated = (line: string) => docs(service('web'), lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  annotations:', line, 'spec:', '  replicas: 2', '  selector: { matchLabels: { app: web } }', '  template:', '    metadata: { labels: { app: web } }', '    spec: { containers: [{ name: web, image: nginx:1 }] }'));
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    const at = (text: string, needle: string, delta: number) => ({ line: lineOf(text, needle), character: text.split('\n')[lineOf(text, needle)].indexOf(needle) + delta });

    it('every key under metadata.annotations, as infra-review/KEY, in the order annotations.ts lists them', () => {
      const text = annotated('    infra-review/');
      const offered = completions(text, at(text, 'infra-review/', 13), read(text)).map((c) => c.label);
      assert.deepEqual(offered, [...Object.keys(WORKLOAD_ANNOTATIONS), 'load', 'slo'].map((k) => `infra-review/${k}`));
      const elsewhere = annotated('    infra-review/tls: "true"');
      assert.deepEqual(completions(elsewhere, { line: lineOf(elsewhere, 'spec:\n  replicas'), character: 0 }, read(elsewhere)).filter((c) => c.label.startsWith('infra-review/')), [], 'not outside the annotations');
    });

    const values: [string, string[]][] = [
      ['infra-review/tls: ', ['"true"', '"false"']],
      ['infra-review/entry: ', ['"true"', '"false"']],
      ['infra-review/failover: ', ['automatic', 'manual']],
      ['infra-review/mode: ', ['active-active', 'active-passive', 'primary-replica']],
      ['infra-review/capacity: ', []],
    ];
    for (const [line, expected] of values) {
      it(`${line}→ ${expected.join(', ') || 'no values (not a closed set)'}, quoted where YAML would read another type`, () => {
        const text = annotated(`    ${line}`);
        assert.deepEqual(completions(text, at(text, line, line.length), read(text)).map((c) => c.insertText), expected);
      });
    }

    it('hover on a key says what it means and where it is read; on a value, what the value means', () => {
      const text = annotated('    infra-review/failover: "automatic"');
      const r = read(text);
      assert.equal(r.findings.filter((f) => f.rule === 'schema').length, 0);
      const key = hover(r, at(text, 'infra-review/failover', 3))?.markdown ?? '';
      assert.match(key, /Read on a workload/);
      assert.ok(key.startsWith(WORKLOAD_ANNOTATIONS.failover.doc), key);
      assert.match(hover(r, at(text, '"automatic"', 3))?.markdown ?? '', /^`automatic`: /);
      const design = annotated('    infra-review/slo: "0.999"');
      assert.match(hover(read(design), at(design, 'infra-review/slo', 3))?.markdown ?? '', /About the whole design/);
    });
  });

  describe('templates and broken files', () => {
    it('a Helm template that is not YAML yet gets one finding, not a cascade', () => {
      const text = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "shop.fullname" . }}', '  labels:', '    {{- include "shop.labels" . | nindent 4 }}', 'spec:', '  replicas: {{ .Values.replicaCount }}');
      const r = read(text);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.range.start.line]), [['not-read', 3]]);
      assert.match(r.findings[0].message, /Helm template/);
    });

    it('places the template finding at the first pair in document order whose key is a collection, where yaml’s visit finds it', () => {
      const texts = [
        lines('metadata:', '  labels: [a, { b: {{ .Values.b }} }]', '  name: {{ .Values.name }}'),
        lines('? [a, b]', ': c', 'spec: { x: {{ y }} }'),
        lines('a:', '  - { {{ z }}: 1 }', 'b: {{ w }}'),
        docs(service('web'), lines('spec:', '  ports: [{ port: {{ .Values.port }} }]', '  selector: {{ .Values.selector }}')),
      ];
      for (const text of texts) {
        let expected: number | undefined;
        for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
          visit(doc, {
            Pair(_, pair) {
              if (!isCollection(pair.key) || !pair.key.range) return undefined;
              expected ??= text[pair.key.range[0] - 1] === '{' ? pair.key.range[0] - 1 : pair.key.range[0];
              return visit.BREAK;
            },
          });
        }
        const finding = read(text).findings.find((f) => f.rule === 'not-read');
        assert.ok(finding && expected !== undefined, text);
        const before = text.slice(0, expected).split('\n');
        assert.deepEqual(finding.range.start, { line: before.length - 1, character: before[before.length - 1].length }, text);
      }
    });

    it('a {{ }} inside a string (a Prometheus rule in a ConfigMap) is data', () => {
      const r = read(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: rules }', 'data:', '  alert.yaml: |', '    summary: "{{ $labels.instance }} is down"'));
      assert.deepEqual(r.findings.map((f) => f.rule), []);
    });

    it('a YAML error stays in its document: the other documents are read', () => {
      const r = read(docs(workload('Deployment', 'web'), 'apiVersion: v1\nkind: Service\nmetadata: { name: x\n', workload('Deployment', 'api')));
      assert.ok(r.findings.some((f) => f.rule === 'yaml-syntax'));
      assert.deepEqual([...r.design.components.keys()], ['web', 'api']);
    });

    it('spec.replicas of the wrong shape is a schema finding at the value', () => {
      const r = read(workload('Deployment', 'web', { replicas: 'three' as unknown as number }));
      assert.deepEqual(rules(r, 'schema').map((f) => f.message), ['`spec.replicas` of Deployment web must be a whole number of at least 0, not the string "three"']);
    });
  });
});
