// Kubernetes manifests → the Design (docs/formats.md, "Kubernetes"). Lenient like the other
// readers: a value of the wrong shape is left out (validation reports it). Every model path
// this builds is recorded with the document path it came from, for the locator.

// Shapes only: the data is plain YAML and is checked before a typed field is read.
import type { Container, Probe, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { dependencyOf } from '../../model/build';
import { typeIs, typeOfImage } from '../../model/component-types';
import { isObj, num, str } from '../../model/plain-data';
import type { Obj } from '../../model/plain-data';
import { dependencyTargets } from '../../model/types';
import type { Backup, Component, ComponentType, Dependency, Design, DnsRecord, Failover, HealthCheck, Mode, Path, Route, StatableFact } from '../../model/types';
import { addressesInValue } from '../addresses';
import { Places, placeKey } from '../places';
import { PER_NODE_INSTANCES, perNodeNote } from '../front-end';
import { ANNOTATION_PREFIX, DESIGN_ANNOTATIONS, WORKLOAD_ANNOTATIONS } from './annotations';
import type { AnnotationValue, DependencyItem } from './annotations';
import { annotationsOf, kubeObjects, namespaceOf, selectorMatches, stringMap, WORKLOAD_KINDS } from './objects';
import type { KubeObject } from './objects';


/** A DaemonSet runs one pod on every node, and nodes are not modelled. */
export const DAEMONSET_INSTANCES = PER_NODE_INSTANCES;

/** Zones a required zone spread places replicas in, when the cluster's zones are not known (most regions have three). */
export const SPREAD_ZONES = 3;

/** The well-known node labels that placement rules spread pods over (the locator's fixes write them too). */
export const ZONE_KEY = 'topology.kubernetes.io/zone';
const LEGACY_ZONE_KEY = 'failure-domain.beta.kubernetes.io/zone';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

const UNREACHED_ADVICE =
  'If users reach this workload directly, annotate it `infra-review/entry: "true"`; if another workload uses it in a way the file does not show, add it to that workload\'s `infra-review/dependsOn` annotation';

export type Spread = 'required' | 'best-effort' | 'unconstrained';

/** What the reader knows of one workload, for the locator and the editor. */
export interface Workload {
  id: string;
  object: KubeObject;
  /** The pod template's document path (`spec.template`; the Pod itself for a bare Pod). */
  podPath: Path;
  podSpec: Obj;
  labels: Record<string, string>;
  /** Where the instance count is written: `spec.replicas`, the HPA's `minReplicas`, or nothing (a DaemonSet, a Pod). */
  replicasPath?: Path;
  /** The HPA that sets the floor, when one does (its document path). */
  autoscaler?: Path;
  nodeSpread: Spread;
  zoneSpread: Spread;
  /** The Services that route to it. */
  services: string[];
  instances: number;
}

export interface KubernetesReading {
  design: Design;
  notes: never[];
  /** Model path → document path. */
  places: Places;
  workloads: Map<string, Workload>;
  /** The Services by `namespace/name`, with the workloads they route to. */
  services: Map<string, { object: KubeObject; targets: string[] }>;
  /** Whether ids are `namespace/name` (the file spans namespaces). */
  qualified: boolean;
  /** Document path (as a key) of a value that names a Service → that Service's document path. */
  addressedServices: Map<string, Path>;
}

export function readKubernetes(data: unknown): KubernetesReading {
  const objects = kubeObjects(data);
  const places = new Places();
  const place = (model: Path, doc: Path) => places.set(model, doc);
  const namespaces = new Set(objects.filter((o) => o.kind !== 'Namespace').map(namespaceOf));
  const qualified = namespaces.size > 1;

  const design: Design = { dns: [], zones: new Map(), hosts: new Map(), components: new Map(), suppress: [], unreachedAdvice: UNREACHED_ADVICE, routes: [], hostLabel: 'node' };
  readDesignAnnotations(design, objects);

  const autoscalers = autoscalerIndex(objects);
  const configMaps = configMapIndex(objects);
  // A Helm hook (a test Pod, a pre-install Job) runs around a release, not with it.
  const workloadObjects = objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && annotationsOf(o.obj)['helm.sh/hook'] === undefined);
  const monitoring = workloadObjects.some((o) => typeOf(o) === 'monitoring');
  const workloads = new Map<string, Workload>();
  const idOf = new Map<KubeObject, string>();
  for (const o of workloadObjects) {
    let id = qualified ? `${namespaceOf(o)}/${o.name}` : o.name;
    if (workloads.has(id)) id = `${id}-${o.kind.toLowerCase()}`;
    idOf.set(o, id);
    const w = readWorkload(id, o, autoscalers);
    workloads.set(id, w);
    const component = componentOf(w, monitoring, design);
    if (qualified || o.namespace !== undefined) component.group = namespaceOf(o);
    design.components.set(id, component);
    place(['components', id], [...o.path, 'metadata', 'name']);
  }

  // Services → the workloads whose pod labels match their selector.
  const services = new Map<string, { object: KubeObject; targets: string[] }>();
  const routes = design.routes!;
  const selected = selectorIndex(workloads);
  for (const o of objects.filter((x) => x.kind === 'Service')) {
    const spec = isObj(o.obj.spec) ? o.obj.spec : {};
    const selector = stringMap(spec.selector);
    if (Object.keys(selector).length === 0) continue; // ExternalName, or Endpoints written by hand: not ours to follow.
    const targets = selected(namespaceOf(o), selector).map((w) => w.id);
    services.set(`${namespaceOf(o)}/${o.name}`, { object: o, targets });
    for (const t of targets) workloads.get(t)!.services.push(o.name);
    const route: Route = { label: `Service ${o.name}`, path: ['routes', routes.length], targets, balances: true };
    if (targets.length === 0) route.reachesNothing = `its selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')} matches the pods of no workload in this file`;
    place(route.path, [...o.path, 'spec', 'selector']);
    routes.push(route);
    const type = str(spec.type);
    if (type === 'LoadBalancer' || type === 'NodePort') {
      for (const t of targets) addEntry(design, place, { name: o.name, fqdn: `${o.name}.${namespaceOf(o)}`, target: t, reachedBy: `Service ${o.name} is of type ${type}` }, [...o.path, 'spec', 'type']);
    }
  }

  readIngresses(objects, services, design, place);
  readGatewayRoutes(objects, services, design, place);

  const addressedServices = new Map<string, Path>();
  const workloadNamespaces = new Set([...workloads.values()].map((x) => namespaceOf(x.object)));
  for (const w of workloads.values()) {
    const c = design.components.get(w.id)!;
    const annotations = annotationsOf(w.object.obj);
    if (annotations[`${ANNOTATION_PREFIX}entry`]?.trim().toLowerCase() === 'true') {
      addEntry(design, place, { name: w.object.name, fqdn: w.id, target: w.id, reachedBy: 'its annotation infra-review/entry says users reach it' }, [...w.object.path, 'metadata', 'annotations', `${ANNOTATION_PREFIX}entry`]);
    }
    readDependencies(c, w, { services, workloads, configMaps, qualified, addressedServices, namespaces: workloadNamespaces }, place);
    if (c.tls === undefined) (c.unstated as Set<StatableFact>).add('tls');
  }

  readDisruptionBudgets(objects, selected, design, place);
  return { design, notes: [], places, workloads, services, qualified, addressedServices };
}

function typeOf(o: KubeObject): ComponentType {
  const stated = WORKLOAD_ANNOTATIONS.type.read(annotationsOf(o.obj)[`${ANNOTATION_PREFIX}type`] ?? '');
  if ('value' in stated) return stated.value as ComponentType;
  const image = str(firstContainer(podSpecOf(o))?.image);
  return (image !== undefined ? typeOfImage(image) : undefined) ?? 'service';
}

function podPathOf(o: KubeObject): Path {
  if (o.kind === 'Pod') return o.path;
  return [...o.path, 'spec', 'template'];
}

function podSpecOf(o: KubeObject): Obj {
  if (o.kind === 'Pod') return isObj(o.obj.spec) ? o.obj.spec : {};
  const spec = isObj(o.obj.spec) ? o.obj.spec : {};
  const template = isObj(spec.template) ? spec.template : {};
  return isObj(template.spec) ? template.spec : {};
}

function podLabelsOf(o: KubeObject): Record<string, string> {
  if (o.kind === 'Pod') return stringMap(isObj(o.obj.metadata) ? o.obj.metadata.labels : undefined);
  const spec = isObj(o.obj.spec) ? o.obj.spec : {};
  const template = isObj(spec.template) ? spec.template : {};
  return stringMap(isObj(template.metadata) ? template.metadata.labels : undefined);
}

function containersOf(podSpec: Obj, key: 'containers' | 'initContainers' = 'containers'): Container[] {
  const list = podSpec[key];
  return Array.isArray(list) ? (list.filter(isObj) as unknown as Container[]) : [];
}

function firstContainer(podSpec: Obj): Container | undefined {
  return containersOf(podSpec)[0];
}

function readWorkload(id: string, o: KubeObject, autoscalers: Map<string, { minReplicas: number; path: Path }>): Workload {
  const podSpec = podSpecOf(o);
  const hpa = autoscalers.get(`${namespaceOf(o)}/${o.kind}/${o.name}`);
  const spec = isObj(o.obj.spec) ? o.obj.spec : {};
  const spreads = Array.isArray(podSpec.topologySpreadConstraints) ? (podSpec.topologySpreadConstraints.filter(isObj) as unknown as TopologySpreadConstraint[]) : [];
  return {
    id,
    object: o,
    podPath: podPathOf(o),
    podSpec,
    labels: podLabelsOf(o),
    replicasPath: hpa ? [...hpa.path, 'spec', 'minReplicas'] : o.kind === 'DaemonSet' || o.kind === 'Pod' ? undefined : [...o.path, 'spec', 'replicas'],
    autoscaler: hpa?.path,
    nodeSpread: spreadOn([HOSTNAME_KEY], spreads, podSpec),
    zoneSpread: spreadOn([ZONE_KEY, LEGACY_ZONE_KEY], spreads, podSpec),
    services: [],
    instances: instanceCount(o, spec, hpa),
  };
}

/** `spec.replicas` (default 1), the HPA's `minReplicas` when one scales the workload, DAEMONSET_INSTANCES for a DaemonSet. */
export function instanceCount(o: KubeObject, spec: Obj, hpa: { minReplicas: number } | undefined): number {
  if (o.kind === 'DaemonSet') return DAEMONSET_INSTANCES;
  if (o.kind === 'Pod') return 1;
  if (hpa) return hpa.minReplicas;
  const n = num(spec.replicas);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * How the scheduler is told to keep the pods apart on a topology key: `required` by a
 * `DoNotSchedule` spread or a required pod anti-affinity that selects the pod's own labels
 * (or any, when it has no selector we can read), `best-effort` by `ScheduleAnyway` or a
 * preferred anti-affinity.
 */
function spreadOn(keys: string[], spreads: TopologySpreadConstraint[], podSpec: Obj): Spread {
  let result: Spread = 'unconstrained';
  for (const s of spreads) {
    if (!keys.includes(s.topologyKey)) continue;
    if ((s.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule') return 'required';
    result = 'best-effort';
  }
  const affinity = isObj(podSpec.affinity) ? podSpec.affinity : {};
  const anti = isObj(affinity.podAntiAffinity) ? affinity.podAntiAffinity : {};
  const required = anti.requiredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(required) && required.some((t) => isObj(t) && keys.includes(String(t.topologyKey)))) return 'required';
  const preferred = anti.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred) && preferred.some((t) => isObj(t) && isObj(t.podAffinityTerm) && keys.includes(String(t.podAffinityTerm.topologyKey)))) result = 'best-effort';
  return result;
}

function componentOf(w: Workload, monitoringInFile: boolean, design: Design): Component {
  const o = w.object;
  const annotations = workloadAnnotations(o);
  const type = typeOf(o);
  const instances = w.instances;
  const container = firstContainer(w.podSpec);
  const component: Component = {
    id: w.id,
    path: ['components', w.id],
    type,
    software: (annotations.software as string | undefined) ?? str(container?.image),
    mode: annotations.mode as Mode | undefined,
    failover: annotations.failover as Failover | undefined,
    healthCheck: readinessOf(w.podSpec),
    tls: annotations.tls as boolean | undefined,
    capacity: annotations.capacity as number | undefined,
    dependsOn: [],
    backup: backupOf(annotations.backup),
    availability: annotations.availability as number | undefined,
    replicas: instances,
  };
  // Several pods of a data store are not replication unless the manifest says so.
  if (component.mode === undefined && instances > 1 && typeIs(type, 'replicates')) component.mode = 'primary-replica';
  if (instances > 1 && o.kind !== 'DaemonSet') {
    component.nodeSpread = w.nodeSpread;
    component.zoneSpread = w.zoneSpread;
  }
  if (o.kind === 'DaemonSet') component.instancesNote = perNodeNote('one pod on every node (a DaemonSet)');
  if (instances > 1 && w.zoneSpread === 'required') {
    const zones = Array.from({ length: Math.min(instances, SPREAD_ZONES) }, (_, k) => `zone-${k + 1}`);
    for (const z of zones) if (!design.zones.has(z)) design.zones.set(z, { id: z, path: ['zones', z] });
    component.zones = zones;
  }
  const unstated = new Set<StatableFact>();
  if (annotations.backup === undefined) unstated.add('backup');
  if (!monitoringInFile && annotations.monitoring === undefined) unstated.add('monitoring');
  component.unstated = unstated;
  return component;
}

/** The workload's `infra-review/` annotations that read (validate.ts reports the others). */
function workloadAnnotations(o: KubeObject): Record<string, AnnotationValue> {
  const out: Record<string, AnnotationValue> = {};
  for (const [key, value] of Object.entries(annotationsOf(o.obj))) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const spec = WORKLOAD_ANNOTATIONS[key.slice(ANNOTATION_PREFIX.length)];
    const read = spec?.read(value);
    if (read && 'value' in read) out[key.slice(ANNOTATION_PREFIX.length)] = read.value;
  }
  return out;
}

function readDesignAnnotations(design: Design, objects: KubeObject[]): void {
  for (const o of objects) {
    const annotations = annotationsOf(o.obj);
    for (const key of Object.keys(DESIGN_ANNOTATIONS)) {
      const raw = annotations[`${ANNOTATION_PREFIX}${key}`];
      const read = raw === undefined ? undefined : DESIGN_ANNOTATIONS[key].read(raw);
      if (!read || !('value' in read)) continue;
      if (key === 'load' && design.load === undefined) design.load = { peak: read.value as number };
      if (key === 'slo' && design.slo === undefined) design.slo = read.value as number;
    }
  }
}

function backupOf(v: AnnotationValue | undefined): Backup | undefined {
  if (v === undefined || v === false) return undefined;
  return isObj(v) ? (v as Backup) : {};
}

/** The first container's `readinessProbe` (a liveness probe restarts a pod; only readiness takes it out of its Services). */
function readinessOf(podSpec: Obj): HealthCheck | undefined {
  for (const c of containersOf(podSpec)) {
    const probe = isObj(c.readinessProbe) ? (c.readinessProbe as Probe) : undefined;
    if (!probe) continue;
    const what = probe.httpGet ? `${probe.httpGet.path ?? '/'}` : probe.tcpSocket ? `tcp ${String(probe.tcpSocket.port)}` : probe.grpc ? `grpc ${String(probe.grpc.port)}` : probe.exec ? (probe.exec.command ?? []).join(' ') : undefined;
    return { path: what, interval: probe.periodSeconds !== undefined ? `${probe.periodSeconds}s` : undefined };
  }
  return undefined;
}

function autoscalerIndex(objects: KubeObject[]): Map<string, { minReplicas: number; path: Path }> {
  const out = new Map<string, { minReplicas: number; path: Path }>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = isObj(o.obj.spec) ? o.obj.spec : {};
    const target = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    const min = num(spec.minReplicas);
    if (typeof target.kind !== 'string' || typeof target.name !== 'string') continue;
    out.set(`${namespaceOf(o)}/${target.kind}/${target.name}`, { minReplicas: min !== undefined && Number.isInteger(min) && min >= 1 ? min : 1, path: o.path });
  }
  return out;
}

function configMapIndex(objects: KubeObject[]): Map<string, { object: KubeObject; data: Record<string, string> }> {
  const out = new Map<string, { object: KubeObject; data: Record<string, string> }>();
  for (const o of objects) {
    if (o.kind !== 'ConfigMap') continue;
    const data = isObj(o.obj.data) ? o.obj.data : {};
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') strings[k] = v;
    out.set(`${namespaceOf(o)}/${o.name}`, { object: o, data: strings });
  }
  return out;
}

type Place = (model: Path, doc: Path) => void;

/** The workloads of a namespace whose pod labels match a selector, in file order. */
type Selected = (namespace: string, selector: Record<string, string>) => Workload[];

/**
 * Selection through an index of (namespace, label, value) → workloads: a selector looks up
 * the candidates of one of its pairs, so a file of thousands of Services stays linear.
 */
function selectorIndex(workloads: Map<string, Workload>): Selected {
  const index = new Map<string, Workload[]>();
  for (const w of workloads.values()) {
    for (const [k, v] of Object.entries(w.labels)) {
      const key = JSON.stringify([namespaceOf(w.object), k, v]);
      const list = index.get(key);
      if (list) list.push(w);
      else index.set(key, [w]);
    }
  }
  return (namespace, selector) => {
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return [];
    const candidates = index.get(JSON.stringify([namespace, pairs[0][0], pairs[0][1]])) ?? [];
    return candidates.filter((w) => selectorMatches(selector, w.labels));
  };
}

function addEntry(design: Design, place: Place, entry: { name: string; fqdn: string; target: string; reachedBy: string }, doc: Path): void {
  const index = design.dns.length;
  const record: DnsRecord = { index, path: ['dns', index], name: entry.name, fqdn: entry.fqdn.toLowerCase(), type: 'A', target: entry.target, reachedBy: entry.reachedBy };
  design.dns.push(record);
  place(record.path, doc);
}

/** The Service names an Ingress sends to, each with where it is written. */
function ingressBackends(spec: Obj, base: Path): { service: string; host?: string; urlPath?: string; path: Path }[] {
  const out: { service: string; host?: string; urlPath?: string; path: Path }[] = [];
  const backendOf = (b: unknown, path: Path, host?: string, urlPath?: string) => {
    if (!isObj(b)) return;
    if (isObj(b.service) && typeof b.service.name === 'string') out.push({ service: b.service.name, host, urlPath, path: [...path, 'service', 'name'] });
    else if (typeof b.serviceName === 'string') out.push({ service: b.serviceName, host, urlPath, path: [...path, 'serviceName'] });
  };
  backendOf(spec.defaultBackend ?? spec.backend, [...base, spec.defaultBackend !== undefined ? 'defaultBackend' : 'backend']);
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((rule, r) => {
      if (!isObj(rule) || !isObj(rule.http) || !Array.isArray(rule.http.paths)) return;
      rule.http.paths.forEach((p, i) => {
        if (isObj(p)) backendOf(p.backend, [...base, 'rules', r, 'http', 'paths', i, 'backend'], str(rule.host), str(p.path));
      });
    });
  }
  return out;
}

function readIngresses(objects: KubeObject[], services: KubernetesReading['services'], design: Design, place: Place): void {
  for (const o of objects.filter((x) => x.kind === 'Ingress')) {
    const spec = isObj(o.obj.spec) ? o.obj.spec : {};
    const backends = ingressBackends(spec, [...o.path, 'spec']);
    const tls = Array.isArray(spec.tls) && spec.tls.length > 0;
    const tlsHosts = tls ? new Set((spec.tls as unknown[]).flatMap((t) => (isObj(t) && Array.isArray(t.hosts) ? t.hosts.filter((h): h is string => typeof h === 'string') : []))) : new Set<string>();
    routeTo(`Ingress ${o.name}`, o, backends, services, design, place, (b) => tls && (tlsHosts.size === 0 || b.host === undefined || tlsHosts.has(b.host)), tls ? [...o.path, 'spec', 'tls'] : [...o.path, 'spec']);
  }
}

/** Gateway API routes: `rules[].backendRefs` to Services; TLS when a Gateway of the file they attach to listens with HTTPS or TLS. */
function readGatewayRoutes(objects: KubeObject[], services: KubernetesReading['services'], design: Design, place: Place): void {
  const gateways = new Map<string, { tls: boolean }>();
  for (const g of objects.filter((x) => x.kind === 'Gateway')) {
    const spec = isObj(g.obj.spec) ? g.obj.spec : {};
    const listeners = Array.isArray(spec.listeners) ? spec.listeners.filter(isObj) : [];
    gateways.set(`${namespaceOf(g)}/${g.name}`, { tls: listeners.length > 0 && listeners.every((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS') });
  }
  for (const o of objects.filter((x) => /^(HTTP|GRPC|TLS|TCP|UDP)Route$/.test(x.kind))) {
    const spec = isObj(o.obj.spec) ? o.obj.spec : {};
    const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h): h is string => typeof h === 'string') : [];
    const backends: { service: string; host?: string; urlPath?: string; path: Path }[] = [];
    if (Array.isArray(spec.rules)) {
      spec.rules.forEach((rule, r) => {
        if (!isObj(rule) || !Array.isArray(rule.backendRefs)) return;
        rule.backendRefs.forEach((ref, i) => {
          if (isObj(ref) && typeof ref.name === 'string' && (ref.kind === undefined || ref.kind === 'Service')) backends.push({ service: ref.name, host: hostnames[0], path: [...o.path, 'spec', 'rules', r, 'backendRefs', i, 'name'] });
        });
      });
    }
    const parents = Array.isArray(spec.parentRefs) ? spec.parentRefs.filter(isObj) : [];
    const parentTls = parents.map((p) => gateways.get(`${str(p.namespace) ?? namespaceOf(o)}/${String(p.name)}`)).filter((g) => g !== undefined);
    const tls = o.kind === 'TLSRoute' || o.kind === 'GRPCRoute' ? true : parentTls.length > 0 ? parentTls.every((g) => g.tls) : undefined;
    routeTo(`${o.kind} ${o.name}`, o, backends, services, design, place, () => tls, [...o.path, 'spec', 'parentRefs']);
  }
}

/** A public route (Ingress, Gateway route): entries to the workloads behind its Services, and TLS on them when it says so. */
function routeTo(
  label: string,
  o: KubeObject,
  backends: { service: string; host?: string; urlPath?: string; path: Path }[],
  services: KubernetesReading['services'],
  design: Design,
  place: Place,
  tlsOf: (b: { host?: string }) => boolean | undefined,
  tlsPath: Path,
): void {
  const routes = design.routes!;
  const route: Route = { label, path: ['routes', routes.length], targets: [], balances: false };
  let firstBad: { path: Path; why: string } | undefined;
  for (const b of backends) {
    const service = services.get(`${namespaceOf(o)}/${b.service}`);
    if (!service || service.targets.length === 0) {
      firstBad ??= { path: b.path, why: service ? `its backend Service ${b.service} selects no workload in this file` : `its backend names Service ${b.service}, which this file does not define` };
      continue;
    }
    // Each host and path is a way in of its own (users need all of them); the workloads behind one Service are its alternatives.
    const name = b.host ?? o.name;
    const fqdn = `${b.host ?? `${o.name}.${namespaceOf(o)}`}${b.urlPath !== undefined && b.urlPath !== '/' ? b.urlPath : ''}`;
    for (const t of service.targets) {
      if (!route.targets.includes(t)) route.targets.push(t);
      addEntry(design, place, { name, fqdn, target: t, reachedBy: `${label} sends ${fqdn} to Service ${b.service}` }, b.path);
      const c = design.components.get(t)!;
      const tls = tlsOf(b);
      if (tls !== undefined && c.tls === undefined) {
        c.tls = tls;
        place(['components', t, 'tls'], tlsPath);
      }
    }
  }
  if (backends.length === 0) firstBad = { path: [...o.path, 'spec'], why: 'it names no backend Service' };
  if (route.targets.length === 0 && firstBad) route.reachesNothing = firstBad.why;
  place(route.path, route.targets.length === 0 && firstBad ? firstBad.path : backends[0]?.path ?? [...o.path, 'spec']);
  routes.push(route);
}

/**
 * A container's configuration values, each with where the container takes it (`path`) and,
 * for a ConfigMap's value, where the value itself is written (`source`).
 */
function configValues(w: Workload, configMaps: Map<string, { object: KubeObject; data: Record<string, string> }>): { value: string; path: Path; source?: Path }[] {
  const out: { value: string; path: Path; source?: Path }[] = [];
  const ns = namespaceOf(w.object);
  const base: Path = [...w.podPath, 'spec'];
  for (const key of ['containers', 'initContainers'] as const) {
    containersOf(w.podSpec, key).forEach((c, ci) => {
      const at: Path = [...base, key, ci];
      (Array.isArray(c.env) ? c.env : []).forEach((e, ei) => {
        if (!isObj(e)) return;
        if (typeof e.value === 'string') out.push({ value: e.value, path: [...at, 'env', ei, 'value'] });
        const ref = isObj(e.valueFrom) && isObj(e.valueFrom.configMapKeyRef) ? e.valueFrom.configMapKeyRef : undefined;
        if (ref && typeof ref.name === 'string' && typeof ref.key === 'string') {
          const map = configMaps.get(`${ns}/${ref.name}`);
          const v = map?.data[ref.key];
          if (map && v !== undefined) out.push({ value: v, path: [...at, 'env', ei, 'valueFrom'], source: [...map.object.path, 'data', ref.key] });
        }
      });
      (Array.isArray(c.envFrom) ? c.envFrom : []).forEach((e, ei) => {
        const ref = isObj(e) && isObj(e.configMapRef) ? e.configMapRef : undefined;
        const map = ref && typeof ref.name === 'string' ? configMaps.get(`${ns}/${ref.name}`) : undefined;
        if (map) for (const [k, v] of Object.entries(map.data)) out.push({ value: v, path: [...at, 'envFrom', ei], source: [...map.object.path, 'data', k] });
      });
      if (key === 'initContainers') {
        for (const field of ['command', 'args'] as const) {
          const list = c[field];
          if (!Array.isArray(list)) continue;
          list.forEach((arg, ai) => {
            if (typeof arg !== 'string') return;
            // `--wait-for=db:5432`: the option's value.
            const value = /^--?[A-Za-z0-9-]+=/.test(arg) ? arg.slice(arg.indexOf('=') + 1) : arg;
            out.push({ value, path: [...at, field, ai] });
          });
        }
      }
    });
  }
  return out;
}

const SERVICE_ADDRESS = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.svc(?:\.cluster\.local)?)?)?$/;

/**
 * The Service an address names, in the forms cluster DNS answers: `svc`, `svc.ns`,
 * `svc.ns.svc`, `svc.ns.svc.cluster.local`. `service` when the file defines it; `unknown`
 * when the address can only be a Service (the `.svc` forms, `svc.ns` of a namespace the file
 * uses, a bare name written as an address); undefined when it may be anything else.
 */
function serviceOf(host: string, addressed: boolean, ns: string, services: KubernetesReading['services'], namespaces: Set<string>): { service: { object: KubeObject; targets: string[] } } | 'unknown' | undefined {
  const m = SERVICE_ADDRESS.exec(host);
  if (!m) return undefined;
  const name = m[1];
  const inNs = m[3] ?? ns;
  const found = services.get(`${inNs}/${name}`);
  if (found) return { service: found };
  const svcForm = /\.svc(\.cluster\.local)?$/.test(host);
  if (svcForm) return 'unknown';
  if (m[3] !== undefined) return namespaces.has(m[3]) ? 'unknown' : undefined;
  return addressed ? 'unknown' : undefined;
}

function readDependencies(
  c: Component,
  w: Workload,
  files: { services: KubernetesReading['services']; workloads: Map<string, Workload>; configMaps: Map<string, { object: KubeObject; data: Record<string, string> }>; qualified: boolean; addressedServices: Map<string, Path>; namespaces: Set<string> },
  place: Place,
): void {
  const ns = namespaceOf(w.object);
  const namespaces = files.namespaces;
  const seen = new Set<string>();
  const dependencies: { dep: Dependency; doc: Path }[] = [];
  // A Service in front of several workloads is one dependency on any of them: it answers
  // while one of them has a ready pod. One that selects the caller itself is met while the
  // caller is up, and is no dependency.
  const add = (targets: readonly string[], doc: Path, inferred: boolean, optional = false) => {
    const key = [...targets].sort().join('\n');
    if (targets.length === 0 || targets.includes(c.id) || seen.has(key)) return;
    seen.add(key);
    const dep: Dependency = { component: targets[0], optional, path: [], namePath: [] };
    if (targets.length > 1) dep.anyOf = targets;
    if (inferred) dep.inferred = true;
    dependencies.push({ dep, doc });
  };
  const unresolved: { address: string; path: Path }[] = [];
  for (const { value, path, source } of configValues(w, files.configMaps)) {
    for (const { host, addressed } of addressesInValue(value)) {
      const found = serviceOf(host, addressed, ns, files.services, namespaces);
      if (found === 'unknown') {
        const index = unresolved.length;
        unresolved.push({ address: host, path: ['components', c.id, 'unresolvedAddresses', index] });
        place(['components', c.id, 'unresolvedAddresses', index], source ?? path);
      } else if (found) {
        files.addressedServices.set(placeKey(path), found.service.object.path);
        if (source) files.addressedServices.set(placeKey(source), found.service.object.path);
        add(found.service.targets, path, true);
      }
    }
  }
  const stated = annotationsOf(w.object.obj)[`${ANNOTATION_PREFIX}dependsOn`];
  if (stated !== undefined) {
    const read = WORKLOAD_ANNOTATIONS.dependsOn.read(stated);
    const doc: Path = [...w.object.path, 'metadata', 'annotations', `${ANNOTATION_PREFIX}dependsOn`];
    if ('value' in read) {
      // A name is a Service's (the workloads it selects) or a workload's; an item is met while any of its names' workloads is up.
      const workloadsOf = (name: string): string[] => {
        const service = files.services.get(name.includes('/') ? name : `${ns}/${name}`);
        return service && service.targets.length > 0 ? service.targets : [files.qualified && !name.includes('/') ? `${ns}/${name}` : name];
      };
      for (const item of read.value as DependencyItem[]) {
        const dep = dependencyOf(item, doc);
        if (dep) add([...new Set(dependencyTargets(dep).flatMap(workloadsOf))], doc, false, dep.optional);
      }
    }
  }
  if (unresolved.length > 0) c.unresolvedAddresses = unresolved;
  c.dependsOn = dependencies.map(({ dep, doc }, i) => {
    const path: Path = ['components', c.id, 'dependsOn', i];
    place(path, doc);
    return dep.anyOf ? { ...dep, path, namePath: path, anyOfPaths: dep.anyOf.map(() => path) } : { ...dep, path, namePath: path };
  });
}

/** PodDisruptionBudgets → each selected workload's budget, with the disruptions it allows. */
function readDisruptionBudgets(objects: KubeObject[], selected: Selected, design: Design, place: Place): void {
  for (const o of objects.filter((x) => x.kind === 'PodDisruptionBudget')) {
    const spec = isObj(o.obj.spec) ? o.obj.spec : {};
    const selector = stringMap(isObj(spec.selector) ? spec.selector.matchLabels : undefined);
    const field = spec.minAvailable !== undefined ? 'minAvailable' : spec.maxUnavailable !== undefined ? 'maxUnavailable' : undefined;
    if (!field) continue;
    const written = spec[field];
    for (const w of selected(namespaceOf(o), selector)) {
      const c = design.components.get(w.id)!;
      const n = c.replicas ?? 1;
      const count = budgetCount(written, n);
      if (count === undefined) continue;
      const allowed = field === 'minAvailable' ? n - count : count;
      const path: Path = ['components', w.id, 'disruptionBudget'];
      c.disruptionBudget = { name: o.name, path, says: `${field}: ${String(written)}`, allowedDisruptions: allowed };
      if (field === 'maxUnavailable') c.disruptionBudget.relaxed = 1;
      else if (n >= 2) c.disruptionBudget.relaxed = n - 1;
      place(path, [...o.path, 'spec', field]);
    }
  }
}

/** A budget's number or percentage of `n` pods, rounded up as Kubernetes rounds it. */
function budgetCount(v: unknown, n: number): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v.trim()) : null;
  if (m) return Math.ceil((n * Number(m[1])) / 100);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

