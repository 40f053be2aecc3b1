// Model paths ↔ Compose paths, and fixes to the design written as Compose edits.
// A component is its service; its fields live where Compose writes them (`replicas` in
// `deploy`, `healthCheck` as `healthcheck`, the type and software in the image) or, for what
// Compose cannot say, under the service's `x-infra-review`. The Docker engine is the file
// (`services:`); its facts are in the top-level `x-infra-review.host`.

import type { Change } from '../../model/findings';
import type { Path } from '../../model/types';
import { translateChanges } from '../front-end';
import type { Locator } from '../front-end';
import { placeKey } from '../places';
import { deployModeOf, runsOnEveryNode, X_KEY } from './read';
import type { ComposeReading } from './read';
import { isObj } from '../../model/plain-data';

/** A skeleton Docker fills in: it fails until the command is made right for the image. */
export const HEALTHCHECK_SKELETON = {
  test: ['CMD-SHELL', 'curl -fsS http://localhost/health || exit 1'],
  interval: '10s',
  timeout: '3s',
  retries: 3,
};

export function composeLocator(reading: ComposeReading, data: unknown): Locator {
  const services = isObj(data) && isObj(data.services) ? data.services : {};
  const service = (id: string): Record<string, unknown> => {
    const s = services[id];
    return isObj(s) ? s : {};
  };
  const written = (id: string, key: string) => Object.prototype.hasOwnProperty.call(service(id), key);
  const xWritten = (id: string, key: string) => {
    const x = service(id)[X_KEY];
    return isObj(x) && Object.prototype.hasOwnProperty.call(x, key);
  };

  /** Where a component's field is written (or would be), below its service. */
  function fieldPath(id: string, field: string): Path {
    const base: Path = ['services', id];
    switch (field) {
      case 'replicas':
        return written(id, 'scale') && !isObj(service(id).deploy) ? [...base, 'scale'] : [...base, 'deploy', 'replicas'];
      case 'runsOn':
        return [...base, 'deploy', 'placement'];
      case 'healthCheck':
        return xWritten(id, 'healthCheck') ? [...base, X_KEY, 'healthCheck'] : [...base, 'healthcheck'];
      case 'type':
      case 'software':
        return xWritten(id, field) || !written(id, 'image') ? [...base, X_KEY, field] : [...base, 'image'];
      default:
        return [...base, X_KEY, field];
    }
  }

  function documentPath(model: Path): Path {
    // The longest prefix recorded while reading (elements, dependencies, records), then the rest.
    const found = reading.places.longestPrefix(model);
    if (!found) return model[0] === 'load' || model[0] === 'slo' || model[0] === 'suppress' ? [X_KEY, ...model] : [];
    const { length: n, place } = found;
    const rest = model.slice(n);
    if (rest.length === 0) return place;
    if (model[0] === 'components' && n === 2 && typeof rest[0] === 'string') return [...fieldPath(String(model[1]), rest[0]), ...rest.slice(1)];
    if (model[0] === 'hosts' && n === 2 && typeof rest[0] === 'string') return [X_KEY, 'host', ...rest];
    return [...place, ...rest];
  }

  let byPlace: Map<string, Path> | undefined;
  function modelPath(doc: Path): Path | undefined {
    if (doc[0] === 'services' && typeof doc[1] === 'string' && reading.services.has(doc[1])) {
      if (!byPlace) {
        byPlace = new Map();
        for (const [model, place] of reading.places.entries()) if (model[0] === 'components') byPlace.set(placeKey(place), model);
      }
      // A dependency's own place (a `depends_on` item, an environment value) names it.
      for (let n = doc.length; n > 2; n--) {
        const model = byPlace.get(placeKey(doc.slice(0, n)));
        if (model) return model;
      }
      return ['components', doc[1]];
    }
    if (doc.length >= 1 && doc[0] === 'services' && reading.engineHost) return ['hosts', reading.engineHost];
    if (doc[0] === X_KEY && doc[1] === 'host' && reading.engineHost) return ['hosts', reading.engineHost, ...doc.slice(2)];
    return undefined;
  }

  function documentChange(change: Change): Change | undefined {
    const [section, id] = change.path;
    const isComponent = section === 'components' && typeof id === 'string' && reading.services.has(id);
    const isHost = section === 'hosts' && typeof id === 'string' && reading.design.hosts.has(id);
    switch (change.op) {
      case 'set': {
        if (isComponent && change.path.length === 2) {
          if (change.key === 'runsOn' || change.key === 'zones') return undefined;
          if (change.key === 'replicas') {
            // A global service's count is the number of nodes, which the file does not set.
            if (runsOnEveryNode(deployModeOf(service(id)))) return undefined;
            return { op: 'set', path: ['services', id, 'deploy'], key: 'replicas', value: change.value };
          }
          if (change.key === 'healthCheck') return { op: 'set', path: ['services', id], key: 'healthcheck', value: HEALTHCHECK_SKELETON };
          return { op: 'set', path: ['services', id, X_KEY], key: change.key, value: change.value };
        }
        if (isHost && change.path.length === 2) return { op: 'set', path: [X_KEY, 'host'], key: change.key, value: change.value };
        return undefined; // New hosts, zones, components or DNS records are not Compose's to say.
      }
      case 'remove':
      case 'replace-value':
      case 'rename-key':
      case 'comment-above': {
        if (change.op === 'remove' && section === 'dns' && change.path.length === 2) return loopbackBind(documentPath(change.path));
        if (!isComponent && !isHost && section !== 'suppress') return undefined;
        return { ...change, path: documentPath(change.path) };
      }
      case 'append': {
        if (isComponent && change.path[2] === 'dependsOn' && change.path.length === 3 && typeof change.value === 'string') {
          const dependsOn = service(id as string).depends_on;
          if (isObj(dependsOn)) return { op: 'set', path: ['services', id, 'depends_on'], key: change.value, value: { condition: 'service_started' } };
          return { op: 'append', path: ['services', id, 'depends_on'], value: change.value };
        }
        return undefined;
      }
    }
  }

  /** The published port at `portPath`, bound to loopback: the removal of a way in, as Compose says it. */
  function loopbackBind(portPath: Path): Change | undefined {
    if (portPath[0] !== 'services' || portPath[2] !== 'ports' || typeof portPath[3] !== 'number') return undefined;
    const ports = service(String(portPath[1])).ports;
    const port = Array.isArray(ports) ? ports[portPath[3]] : undefined;
    if (isObj(port)) return { op: 'set', path: portPath, key: 'host_ip', value: '127.0.0.1' };
    if (typeof port !== 'string') return undefined;
    const [spec, protocol] = port.split('/');
    const parts = spec.startsWith('[') ? spec.slice(spec.indexOf(']') + 2).split(':') : spec.split(':');
    const hostAndContainer = parts.slice(-2).join(':');
    return { op: 'replace-value', path: portPath, value: `127.0.0.1:${hostAndContainer}${protocol ? `/${protocol}` : ''}` };
  }

  const ID_LISTS = new Set(['depends_on', 'links', 'volumes_from']);
  function idValuePath(doc: Path): Path | undefined {
    // `x-infra-review` says it in the model's own terms: its dependsOn and suppress entries are the model's.
    if (doc[0] === X_KEY && doc[1] === 'suppress') return doc.slice(1);
    if (doc[0] !== 'services' || typeof doc[1] !== 'string') return undefined;
    if (doc[2] === X_KEY && doc[3] === 'dependsOn') return ['components', doc[1], ...doc.slice(3)];
    if (typeof doc[2] !== 'string' || !ID_LISTS.has(doc[2]) || doc.length > 4) return undefined;
    return ['components', doc[1], 'dependsOn', typeof doc[3] === 'number' ? doc[3] : 0];
  }

  return {
    documentPath,
    modelPath,
    idValuePath,
    documentChanges: (changes) => translateChanges(changes, documentChange),
  };
}
