// Model paths ↔ manifest paths, and fixes to the design written as manifest edits. A
// component is its workload (its `metadata.name`); its fields live where Kubernetes writes
// them (`spec.replicas`, or the HorizontalPodAutoscaler's `minReplicas`; the readiness probe;
// the topology spread) or, for what Kubernetes cannot say, in an `infra-review/KEY`
// annotation on the workload.

import type { Change } from '../../model/findings';
import { isObj } from '../../model/plain-data';
import type { Path } from '../../model/types';
import { translateChanges } from '../front-end';
import type { Locator } from '../front-end';
import { ANNOTATION_PREFIX } from './annotations';
import { placeKey } from '../places';
import { HOSTNAME_KEY, ZONE_KEY } from './read';
import type { KubernetesReading, Workload } from './read';

/** A probe Kubernetes accepts as is; it fails until the path answers, so it is never applied without review. */
export function readinessProbeSkeleton(port: number | string): Record<string, unknown> {
  return { httpGet: { path: '/health', port }, periodSeconds: 10, failureThreshold: 3 };
}

export function kubernetesLocator(reading: KubernetesReading): Locator {
  const { places, workloads } = reading;
  const objectPath = (w: Workload) => w.object.path;
  const annotationPath = (w: Workload, key: string): Path => [...objectPath(w), 'metadata', 'annotations', `${ANNOTATION_PREFIX}${key}`];
  const annotated = (w: Workload, key: string): boolean => {
    const metadata = isObj(w.object.obj.metadata) ? w.object.obj.metadata : {};
    return isObj(metadata.annotations) && Object.prototype.hasOwnProperty.call(metadata.annotations, `${ANNOTATION_PREFIX}${key}`);
  };
  const podSpecPath = (w: Workload): Path => [...w.podPath, 'spec'];
  const containers = (w: Workload): unknown[] => (Array.isArray(w.podSpec.containers) ? w.podSpec.containers : []);
  const probeContainer = (w: Workload): number => {
    const i = containers(w).findIndex((c) => isObj(c) && c.readinessProbe !== undefined);
    return i >= 0 ? i : 0;
  };

  function fieldPath(w: Workload, field: string): Path {
    switch (field) {
      case 'replicas':
        return w.replicasPath ?? [...objectPath(w), 'kind'];
      case 'healthCheck':
        return [...podSpecPath(w), 'containers', probeContainer(w), 'readinessProbe'];
      case 'zones':
      case 'nodeSpread':
        return [...podSpecPath(w), 'topologySpreadConstraints'];
      case 'type':
      case 'software':
        return annotated(w, field) ? annotationPath(w, field) : [...podSpecPath(w), 'containers', 0, 'image'];
      default:
        return annotationPath(w, field);
    }
  }

  function documentPath(model: Path): Path {
    const found = places.longestPrefix(model);
    if (!found) return [];
    const { length, place } = found;
    if (length === model.length) return place;
    const rest = model.slice(length);
    const w = model[0] === 'components' && length === 2 ? workloads.get(String(model[1])) : undefined;
    if (w && typeof rest[0] === 'string') return [...fieldPath(w, rest[0]), ...rest.slice(1)];
    return [...place, ...rest];
  }

  let byPlace: Map<string, Path> | undefined;
  const objectsByPath = new Map([...workloads.values()].map((w) => [placeKey(objectPath(w)), w.id]));
  function modelPath(doc: Path): Path | undefined {
    // The workload that holds the path: its object path is a prefix of it.
    let id: string | undefined;
    for (let n = Math.min(doc.length, 3); n > 0 && id === undefined; n--) id = objectsByPath.get(placeKey(doc.slice(0, n)));
    if (id === undefined) return undefined;
    if (!byPlace) {
      byPlace = new Map();
      for (const [model, place] of places.entries()) if (model[0] === 'components' && model.length > 2) byPlace.set(placeKey(place), model);
    }
    for (let n = doc.length; n > 1; n--) {
      const model = byPlace.get(placeKey(doc.slice(0, n)));
      if (model && model[1] === id) return model;
    }
    return ['components', id];
  }

  function documentChange(change: Change): Change | undefined {
    const [section, id] = change.path;
    const w = section === 'components' && typeof id === 'string' ? workloads.get(id) : undefined;
    if (!w) return undefined;
    switch (change.op) {
      case 'set': {
        if (change.path.length !== 2) return undefined;
        switch (change.key) {
          case 'replicas':
            if (w.autoscaler) return { op: 'set', path: [...w.autoscaler, 'spec'], key: 'minReplicas', value: change.value };
            if (w.object.kind === 'DaemonSet' || w.object.kind === 'Pod') return undefined;
            return { op: 'set', path: [...objectPath(w), 'spec'], key: 'replicas', value: change.value };
          case 'healthCheck': {
            const c = containers(w)[probeContainer(w)];
            const ports = isObj(c) && Array.isArray(c.ports) ? c.ports : [];
            const port = isObj(ports[0]) && (typeof ports[0].containerPort === 'number' || typeof ports[0].name === 'string') ? (ports[0].name ?? ports[0].containerPort) : 8080;
            return { op: 'set', path: [...podSpecPath(w), 'containers', probeContainer(w)], key: 'readinessProbe', value: readinessProbeSkeleton(port as number | string) };
          }
          case 'nodeSpread':
            return { op: 'set', path: [...podSpecPath(w), 'affinity', 'podAntiAffinity'], key: 'requiredDuringSchedulingIgnoredDuringExecution', value: [{ labelSelector: { matchLabels: w.labels }, topologyKey: HOSTNAME_KEY }] };
          case 'zones':
            return spreadOverZones(w);
          case 'runsOn':
            return undefined;
          default:
            return { op: 'set', path: [...objectPath(w), 'metadata', 'annotations'], key: `${ANNOTATION_PREFIX}${change.key}`, value: annotationText(change.value) };
        }
      }
      case 'append':
        if (change.path[2] === 'zones' && change.path.length === 3) return spreadOverZones(w);
        return undefined;
      case 'remove':
        // A workload is a whole object: removing it is not an edit to suggest.
        if (change.path.length <= 2) return undefined;
        return { ...change, path: documentPath(change.path) };
      case 'replace-value':
      case 'rename-key':
      case 'comment-above':
        return { ...change, path: documentPath(change.path) };
    }
  }

  /** A `DoNotSchedule` zone spread of the workload's own pods. */
  function spreadOverZones(w: Workload): Change {
    const constraint = { maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: w.labels } };
    return Array.isArray(w.podSpec.topologySpreadConstraints)
      ? { op: 'append', path: [...podSpecPath(w), 'topologySpreadConstraints'], value: constraint }
      : { op: 'set', path: podSpecPath(w), key: 'topologySpreadConstraints', value: [constraint] };
  }

  const servicesByPath = new Map([...reading.services.values()].map((s) => [placeKey(s.object.path), s]));
  function definitionsAt(doc: Path): Path[] {
    for (let n = doc.length; n > 0; n--) {
      const service = reading.addressedServices.get(placeKey(doc.slice(0, n)));
      if (service) return [[...service, 'metadata', 'name']];
    }
    // On a Service: every workload it selects, in file order.
    for (let n = Math.min(doc.length, 3); n > 0; n--) {
      const service = servicesByPath.get(placeKey(doc.slice(0, n)));
      if (service) return service.targets.map((id) => [...objectPath(workloads.get(id)!), 'metadata', 'name']);
    }
    return [];
  }

  return {
    documentPath,
    modelPath,
    definitionsAt,
    documentChanges: (changes) => translateChanges(changes, documentChange),
  };
}

/** A model value as an annotation's string: `true`, `500`, `daily, offsite`. */
function annotationText(value: unknown): string {
  if (isObj(value)) {
    const schedule = typeof value.schedule === 'string' ? value.schedule : 'daily';
    return value.offsite === true ? `${schedule}, offsite` : schedule;
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}
