// A Compose file → the Design (docs/formats.md, "Docker Compose"). Lenient like the infra
// reader: a value of the wrong shape is left out (validation reports it) so one mistake
// never hides the other findings. Every model path this builds is recorded with the
// document path it came from, for the locator.

import { typeOfImage, isComponentType, typeIs } from '../../model/component-types';
import type { RawFinding } from '../../model/findings';
import { bool, isObj, num, oneOf, str } from '../../model/plain-data';
import type { Obj } from '../../model/plain-data';
import { dependencyOf } from '../../model/build';
import { dependencyTargets, FAILOVERS, MODES, targetPath } from '../../model/types';
import type { Backup, Component, Dependency, Design, DnsRecord, Failover, HealthCheck, Host, Mode, Path, StatableFact, Suppression } from '../../model/types';
import { hostsInValue } from '../addresses';
import { Places } from '../places';
import { environmentEntries } from './environment';
import { NOT_READ_RULE, PER_NODE_INSTANCES, perNodeNote } from '../front-end';

export const X_KEY = 'x-infra-review';

/** Where the model's elements and fields are written in the Compose file. */
export interface ComposeReading {
  design: Design;
  notes: RawFinding[];
  /** Model path → document path, for elements and items whose place is not a rename. */
  places: Places;
  swarm: boolean;
  /** The Docker engine's host id, on a file that is not a Swarm stack. */
  engineHost?: string;
  /** The ids of the active services. */
  services: Set<string>;
}

export interface ComposeReadOptions {
  swarm?: boolean;
  profiles?: readonly string[];
}

/** A plain Compose file's one engine: replicas do not help, other machines do. */
const ENGINE_SPOF_ADVICE =
  'More replicas on one Docker engine do not remove it: run the services on several nodes (Docker Swarm or Kubernetes), or put a second host behind a load balancer';

/** For the `unused` finding: Compose has no DNS records, and `dependsOn` is stated under x-infra-review. */
const UNREACHED_ADVICE =
  'If users reach this service directly, mark it with `x-infra-review: { entry: true }`; if a service uses it in a way the file does not show, add it to that service\'s `x-infra-review: { dependsOn: [...] }`';

/** The id of the Docker engine a plain Compose file runs on, unless a service already has it. */
const ENGINE_HOST = 'docker-engine';

export function readCompose(data: unknown, options: ComposeReadOptions): ComposeReading {
  const root = isObj(data) ? data : {};
  const top = isObj(root[X_KEY]) ? (root[X_KEY] as Obj) : {};
  const swarm = options.swarm === true || top.platform === 'swarm';
  const places = new Places();
  const notes: RawFinding[] = [];
  const place = (model: Path, doc: Path) => places.set(model, doc);

  const allServices = isObj(root.services) ? (root.services as Obj) : {};
  place(['components'], ['services']);
  const active = activeServices(allServices, options.profiles ?? []);
  for (const [id, service] of active) {
    const note = leftOut(id, service);
    if (note === undefined) continue;
    active.delete(id);
    notes.push(note);
  }

  const design: Design = {
    name: str(top.name) ?? str(root.name),
    description: str(top.description),
    domain: undefined,
    dns: [],
    zones: new Map(),
    hosts: new Map(),
    components: new Map(),
    load: isObj(top.load) ? { peak: num(top.load.peak) } : undefined,
    slo: num(top.slo),
    suppress: suppressionsOf(top.suppress),
    unreachedAdvice: UNREACHED_ADVICE,
  };
  design.suppress.forEach((s) => place(s.path, [X_KEY, 'suppress', s.index]));

  for (const key of ['include', 'extends'] as const) {
    if (root[key] !== undefined) notes.push(notRead(key, [key]));
  }

  const hostFacts = isObj(top.host) ? (top.host as Obj) : {};
  let engineHost: string | undefined;
  const monitoringService = [...active.keys()].find((id) => typeOf(active.get(id)!) === 'monitoring');
  // No service, no engine to model (an empty or unreadable file has nothing to run).
  if (!swarm && active.size > 0) {
    engineHost = active.has(ENGINE_HOST) ? `${ENGINE_HOST}-host` : ENGINE_HOST;
    design.hosts.set(engineHost, { ...hostOf(engineHost, hostFacts, monitoringService), spofAdvice: ENGINE_SPOF_ADVICE });
    // The engine is the file itself: findings about it sit on `services:`.
    place(['hosts', engineHost], ['services']);
  }

  const aliases = aliasIndex(active);
  const context: ServiceContext = { swarm, engineHost, monitoringService, active, all: allServices, aliases, key: contextKey(swarm, engineHost, monitoringService, active, allServices, aliases) };
  for (const [id, service] of active) {
    const reading = serviceReading(id, service, context);
    const servicePath: Path = ['services', id];
    place(['components', id], servicePath);
    notes.push(...reading.notes);
    const pinned = reading.pinned;
    if (pinned && !design.hosts.has(pinned.host)) {
      design.hosts.set(pinned.host, hostOf(pinned.host, hostFacts, monitoringService));
      place(['hosts', pinned.host], [...servicePath, 'deploy', 'placement', 'constraints', pinned.index]);
    }
    for (const [model, doc] of reading.dependencyPlaces) places.set(model, doc);
    design.components.set(id, reading.component);

    const { published } = reading;
    if (published.length > 0 || reading.wantsEntry) {
      const index = design.dns.length;
      const record: DnsRecord = { index, path: ['dns', index], name: id, fqdn: id, type: 'A', target: id };
      const ports = service.ports as unknown[];
      record.reachedBy = published.length > 0
        ? `it publishes port ${portText(ports[published[0]])} on ${publishedAddress(ports[published[0]])}`
        : 'x-infra-review says users reach it (entry: true)';
      if (published.length > 0) record.withdrawTitle = `Publish ${id}'s port ${portText(ports[published[0]])} on 127.0.0.1 only`;
      design.dns.push(record);
      place(['dns', index], published.length > 0 ? [...servicePath, 'ports', published[0]] : [...servicePath, X_KEY, 'entry']);
    }
  }
  return { design, notes, places, swarm, engineHost, services: new Set(active.keys()) };
}

/** What reading one service depends on besides the service itself. */
interface ServiceContext {
  swarm: boolean;
  engineHost: string | undefined;
  monitoringService: string | undefined;
  active: Map<string, Obj>;
  all: Obj;
  aliases: Map<string, string[]>;
  /** All of the above as one string: a service read in an equal context reads the same. */
  key: string;
}

/** One service as the design has it, and where its dependencies are written. */
interface ServiceReading {
  component: Component;
  /** Model path (as a key) → document path, for each dependency. */
  dependencyPlaces: [Path, Path][];
  notes: RawFinding[];
  /** The host a `node.hostname` constraint pins it to (a Swarm stack). */
  pinned?: { host: string; index: number };
  /** Indexes of the ports it publishes on an address other than loopback. */
  published: number[];
  wantsEntry: boolean;
}

/**
 * Each service's reading, by its data: the chunked parse gives an unchanged service the same
 * object from one edit to the next (model/chunked-parse.ts), so an edit reads only the services
 * it changed, unless it changed what every service is read against (the names of the services,
 * their aliases, the engine, the platform). Nothing downstream changes a design it is given.
 */
const readingsByService = new WeakMap<Obj, { id: string; context: string; reading: ServiceReading }>();
/** The last context key, so that equal contexts are one string and compare in constant time. */
let lastContextKey = '';

function contextKey(swarm: boolean, engineHost: string | undefined, monitoringService: string | undefined, active: Map<string, Obj>, all: Obj, aliases: Map<string, string[]>): string {
  const key = JSON.stringify([swarm, engineHost ?? null, monitoringService ?? null, [...active.keys()], Object.keys(all), [...aliases]]);
  if (key === lastContextKey) return lastContextKey;
  lastContextKey = key;
  return key;
}

function serviceReading(id: string, service: Obj, context: ServiceContext): ServiceReading {
  const hit = readingsByService.get(service);
  if (hit && hit.id === id && hit.context === context.key) return hit.reading;
  const reading = readService(id, service, context);
  readingsByService.set(service, { id, context: context.key, reading });
  return reading;
}

function readService(id: string, service: Obj, context: ServiceContext): ServiceReading {
  const { swarm, engineHost, monitoringService } = context;
  const x = isObj(service[X_KEY]) ? (service[X_KEY] as Obj) : {};
  const servicePath: Path = ['services', id];
  const notes: RawFinding[] = [];
  if (service.extends !== undefined) notes.push(notRead('extends', [...servicePath, 'extends']));

  const type = typeOf(service);
  const pinned = swarm ? pinnedHost(service) : undefined;
  const global = deployModeOf(service) === 'global';
  const instances = global ? globalTasks(swarm && !pinned) : replicaCount(service);
  const component: Component = {
    id,
    path: ['components', id],
    type,
    software: str(x.software) ?? str(service.image),
    mode: oneOf<Mode>(x.mode, MODES),
    failover: oneOf<Failover>(x.failover, FAILOVERS),
    healthCheck: healthCheckOf(service.healthcheck) ?? statedHealthCheck(x.healthCheck),
    tls: bool(x.tls),
    capacity: num(x.capacity),
    dependsOn: [],
    backup: backupOf(x.backup),
    availability: num(x.availability),
  };
  // Several copies of a data store are not replication unless the file says so.
  if (component.mode === undefined && instances > 1 && typeIs(type, 'replicates')) component.mode = 'primary-replica';

  if (global) component.instancesNote = !swarm ? GLOBAL_ON_ONE_ENGINE : pinned ? GLOBAL_PINNED : GLOBAL_ON_NODES;

  if (!swarm) component.runsOn = Array.from({ length: instances }, () => engineHost!);
  else if (pinned) component.runsOn = Array.from({ length: instances }, () => pinned.host);
  else component.replicas = instances;

  const unstated = new Set<StatableFact>();
  if (x.tls === undefined) unstated.add('tls');
  if (x.backup === undefined) unstated.add('backup');
  if (monitoringService === undefined && x.monitoring === undefined) unstated.add('monitoring');
  component.unstated = unstated;

  readDependencies(component, service, x, { active: context.active, all: context.all }, context.aliases);
  const dependencyPlaces: [Path, Path][] = [];
  // The model's dependency paths are the model's own; the paths read were the document's.
  component.dependsOn = component.dependsOn.map((d, i) => {
    const path: Path = ['components', id, 'dependsOn', i];
    dependencyPlaces.push([path, d.path]);
    if (!d.anyOf) return { ...d, path, namePath: path };
    // Alternatives written one by one (`anyOf: [a, b]`) each have their place; those of one name (an alias) share the dependency's.
    const written = d.anyOfPaths;
    if (!written) return { ...d, path, namePath: path, anyOfPaths: d.anyOf.map(() => path) };
    const anyOfPaths = d.anyOf.map((_, k): Path => [...path, 'anyOf', k]);
    anyOfPaths.forEach((alternative, k) => dependencyPlaces.push([alternative, written[k]]));
    return { ...d, path, namePath: anyOfPaths[0], anyOfPaths };
  });

  return { component, dependencyPlaces, notes, pinned, published: publicPorts(service.ports), wantsEntry: x.entry === true };
}

/** Services without `profiles`, and those with one of the active profiles. */
function activeServices(services: Obj, profiles: readonly string[]): Map<string, Obj> {
  const active = new Map<string, Obj>();
  for (const [id, raw] of Object.entries(services)) {
    const service = isObj(raw) ? raw : {};
    const own = Array.isArray(service.profiles) ? service.profiles.filter((p): p is string => typeof p === 'string') : [];
    if (own.length === 0 || own.some((p) => profiles.includes(p))) active.set(id, service);
  }
  return active;
}

function typeOf(service: Obj): Component['type'] {
  const x = isObj(service[X_KEY]) ? (service[X_KEY] as Obj) : {};
  if (isComponentType(x.type)) return x.type;
  const image = str(service.image);
  return (image !== undefined ? typeOfImage(image) : undefined) ?? 'service';
}

/**
 * `deploy.mode` (the Compose Deploy Specification): `replicated`, the default, keeps a count
 * of tasks running; `global` keeps one on every node; the two job modes run their tasks to
 * completion and do not restart them.
 */
export const DEPLOY_MODES = ['replicated', 'global', 'replicated-job', 'global-job'] as const;
export type DeployMode = (typeof DEPLOY_MODES)[number];

function deployOf(service: Obj): Obj {
  return isObj(service.deploy) ? (service.deploy as Obj) : {};
}

/** The service's mode; `replicated` when it is not written or not one of the modes (validation reports that). */
export function deployModeOf(service: Obj): DeployMode {
  return oneOf<DeployMode>(deployOf(service).mode, DEPLOY_MODES) ?? 'replicated';
}

/** How a global service's instances were counted, for the hover. */
const GLOBAL_ON_NODES = perNodeNote('one task on every node (`deploy.mode: global`)');
const GLOBAL_PINNED = 'one task (`deploy.mode: global`) on the one node its placement constraint allows';
const GLOBAL_ON_ONE_ENGINE = 'one container (`deploy.mode: global`): the one Docker engine is the one node';

/** `global` and `global-job` run one task on every node: a count does not apply to them. */
export const runsOnEveryNode = (mode: DeployMode): boolean => mode === 'global' || mode === 'global-job';

const isJob = (mode: DeployMode): boolean => mode === 'replicated-job' || mode === 'global-job';

/** Instances of a serving service: a global one's tasks in a Swarm (one engine runs it once), else `deploy.replicas` or `scale`, default 1. */
/** A replicated service's count; 1 when it is not a whole number ≥ 1 (validation reports that). */
function replicaCount(service: Obj): number {
  const n = countOf(service);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}

/** A global service runs a task on every node: on a Swarm's unmodelled nodes, or on the one node it is pinned to (or the one engine). */
function globalTasks(acrossNodes: boolean): number {
  return acrossNodes ? PER_NODE_INSTANCES : 1;
}

function countOf(service: Obj): number | undefined {
  return num(deployOf(service).replicas) ?? num(service.scale);
}

/**
 * Why a service runs nothing while the stack serves, with the place that says so: a job, or
 * a replicated service scaled to zero. Such a service is left out, as one of another profile is.
 */
function leftOut(id: string, service: Obj): RawFinding | undefined {
  const mode = deployModeOf(service);
  if (isJob(mode)) {
    return leftOutNote(['services', id, 'deploy', 'mode'], `Service ${id} is a job (\`deploy.mode: ${mode}\`) whose tasks run to completion, not part of the running stack`);
  }
  if (runsOnEveryNode(mode) || countOf(service) !== 0) return undefined;
  const path: Path = num(deployOf(service).replicas) === 0 ? ['services', id, 'deploy', 'replicas'] : ['services', id, 'scale'];
  return leftOutNote(path, `Service ${id} runs no task (\`${path.slice(2).join('.')}: 0\`)`);
}

function leftOutNote(path: Path, why: string): RawFinding {
  return {
    rule: NOT_READ_RULE,
    message: `${why}: it is left out of this review, and dependencies on it are not counted`,
    target: { kind: 'document', id: '' },
    path,
  };
}

/** A constraint that pins the tasks to one node, by its hostname or its id (Swarm compares the key in any case). */
const HOSTNAME_CONSTRAINT = /^\s*node\.(?:hostname|id)\s*==\s*([^\s]+)\s*$/i;

function pinnedHost(service: Obj): { host: string; index: number } | undefined {
  const deploy = deployOf(service);
  const placement = isObj(deploy.placement) ? (deploy.placement as Obj) : {};
  if (!Array.isArray(placement.constraints)) return undefined;
  for (let i = 0; i < placement.constraints.length; i++) {
    const c = placement.constraints[i];
    const m = typeof c === 'string' ? HOSTNAME_CONSTRAINT.exec(c) : null;
    if (m) return { host: m[1], index: i };
  }
  return undefined;
}

function hostOf(id: string, facts: Obj, monitoringService: string | undefined): Host {
  const firewall = typeof facts.firewall === 'boolean' ? facts.firewall : isObj(facts.firewall) ? { allow: Array.isArray(facts.firewall.allow) ? facts.firewall.allow.filter((p): p is number => typeof p === 'number') : [] } : undefined;
  const monitoring = str(facts.monitoring) ?? monitoringService;
  const unstated = new Set<StatableFact>();
  if (firewall === undefined) unstated.add('firewall');
  if (monitoring === undefined) unstated.add('monitoring');
  return { id, path: ['hosts', id], firewall, monitoring, availability: num(facts.availability), unstated };
}

/**
 * The services that answer to each name on the Compose network: its id, and every service
 * that declares it as a network alias. Docker's DNS answers a name several services share
 * with all of them (round-robin), so a caller of that name needs any one of them.
 */
function aliasIndex(active: Map<string, Obj>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const answer = (name: string, id: string): void => {
    const list = byName.get(name.toLowerCase());
    if (!list) byName.set(name.toLowerCase(), [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const id of active.keys()) answer(id, id);
  for (const [id, service] of active) {
    if (!isObj(service.networks)) continue;
    for (const network of Object.values(service.networks)) {
      if (!isObj(network) || !Array.isArray(network.aliases)) continue;
      for (const alias of network.aliases) if (typeof alias === 'string') answer(alias, id);
    }
  }
  return byName;
}

function readDependencies(c: Component, service: Obj, x: Obj, services: { active: Map<string, Obj>; all: Obj }, aliases: Map<string, string[]>): void {
  const base: Path = ['services', c.id];
  const seen = new Set<string>();
  // A name that is not an active service is kept when no service has it at all (a typo,
  // which unknown-reference reports); a service left out by its profile is not a dependency.
  const add = (name: string, optional: boolean, path: Path, inferred = false) => {
    if (name === c.id || seen.has(name)) return;
    seen.add(name);
    const dep: Dependency = { component: name, optional, path, namePath: path };
    if (inferred) dep.inferred = true;
    c.dependsOn.push(dep);
  };
  // Any of several services: a name several answer to (inferred), or `x-infra-review`'s `anyOf`
  // (each alternative at its own path). A group with the caller in it is met while it is up.
  const addAnyOf = (group: { targets: readonly string[]; optional: boolean; path: Path; inferred: boolean; targetPaths?: readonly Path[] }) => {
    const { targets } = group;
    const key = [...targets].sort().join('\n');
    if (targets.includes(c.id) || seen.has(key)) return;
    seen.add(key);
    const dep: Dependency = { component: targets[0], anyOf: targets, optional: group.optional, path: group.path, namePath: group.path };
    if (group.targetPaths) dep.anyOfPaths = group.targetPaths;
    if (group.inferred) dep.inferred = true;
    c.dependsOn.push(dep);
  };
  const declared = (name: string) => services.active.has(name) || !Object.prototype.hasOwnProperty.call(services.all, name);

  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    dependsOn.forEach((name, i) => {
      if (typeof name === 'string' && declared(name)) add(name, false, [...base, 'depends_on', i]);
    });
  } else if (isObj(dependsOn)) {
    for (const [name, raw] of Object.entries(dependsOn)) {
      const spec = isObj(raw) ? raw : {};
      // A one-off job that must finish first is not needed while the service runs.
      if (spec.condition === 'service_completed_successfully') continue;
      if (declared(name)) add(name, spec.required === false, [...base, 'depends_on', name]);
    }
  }
  if (Array.isArray(service.links)) {
    service.links.forEach((link, i) => {
      const name = typeof link === 'string' ? link.split(':', 1)[0] : undefined;
      if (name !== undefined && declared(name)) add(name, false, [...base, 'links', i]);
    });
  }
  const networkMode = str(service.network_mode);
  const sharedNetwork = networkMode?.startsWith('service:') ? networkMode.slice('service:'.length) : undefined;
  if (sharedNetwork !== undefined && declared(sharedNetwork)) add(sharedNetwork, false, [...base, 'network_mode']);
  if (Array.isArray(service.volumes_from)) {
    service.volumes_from.forEach((from, i) => {
      if (typeof from !== 'string' || from.startsWith('container:')) return;
      const name = from.replace(/^service:/, '').split(':', 1)[0];
      if (declared(name)) add(name, false, [...base, 'volumes_from', i]);
    });
  }
  if (Array.isArray(x.dependsOn)) {
    x.dependsOn.forEach((item, i) => {
      const dep = dependencyOf(item, [...base, X_KEY, 'dependsOn', i]);
      if (!dep) return;
      // An alternative left out by its profile is not running: the others meet the group.
      const kept = dependencyTargets(dep).map((name) => ({ name, path: targetPath(dep, name) })).filter((t) => declared(t.name));
      if (kept.length === 1) add(kept[0].name, dep.optional, kept[0].path);
      else if (kept.length > 1) addAnyOf({ targets: kept.map((t) => t.name), optional: dep.optional, path: dep.path, inferred: false, targetPaths: kept.map((t) => t.path) });
    });
  }
  for (const entry of environmentEntries(service.environment, base)) {
    for (const host of hostsInValue(entry.value)) {
      const targets = aliases.get(host);
      if (targets === undefined) continue;
      if (targets.length === 1) add(targets[0], false, entry.path, true);
      else addAnyOf({ targets, optional: false, path: entry.path, inferred: true });
    }
  }
}

/** Indexes of the `ports` items published on an address other than loopback. */
function publicPorts(ports: unknown): number[] {
  if (!Array.isArray(ports)) return [];
  const out: number[] = [];
  ports.forEach((port, i) => {
    if (isPublished(port)) out.push(i);
  });
  return out;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;

function isPublished(port: unknown): boolean {
  if (typeof port === 'number') return false; // `- 80`: a container port, published on a random host port of every address.
  if (isObj(port)) {
    if (port.published === undefined) return false;
    const ip = str(port.host_ip);
    return ip === undefined || !LOOPBACK.test(ip);
  }
  if (typeof port !== 'string') return false;
  const spec = port.split('/', 1)[0];
  // [ip:]host:container, with IPv6 in brackets.
  const bracketed = /^\[([^\]]+)\]:/.exec(spec);
  if (bracketed) return !LOOPBACK.test(bracketed[1]);
  const parts = spec.split(':');
  if (parts.length < 2) return false;
  if (parts.length === 2) return true;
  return !LOOPBACK.test(parts.slice(0, parts.length - 2).join(':'));
}

function portText(port: unknown): string {
  if (isObj(port)) return `${String(port.published)}:${String(port.target)}`;
  return String(port);
}

function publishedAddress(port: unknown): string {
  const ip = isObj(port) ? str(port.host_ip) : typeof port === 'string' && port.split(':').length > 2 ? port.slice(0, port.lastIndexOf(':', port.lastIndexOf(':') - 1)) : undefined;
  return ip === undefined || ip === '0.0.0.0' || ip === '::' || ip === '[::]' ? 'every address of the host' : ip;
}

function healthCheckOf(v: unknown): HealthCheck | undefined {
  if (!isObj(v) || v.disable === true) return undefined;
  const test = v.test;
  const words = Array.isArray(test) ? test.filter((t): t is string => typeof t === 'string') : typeof test === 'string' ? [test] : [];
  if (words.length === 0 || words[0] === 'NONE') return undefined;
  const interval = typeof v.interval === 'string' || typeof v.interval === 'number' ? v.interval : undefined;
  return { path: words.filter((w) => w !== 'CMD' && w !== 'CMD-SHELL').join(' '), interval };
}

function statedHealthCheck(v: unknown): HealthCheck | undefined {
  if (typeof v === 'string') return { path: v };
  if (isObj(v)) return { path: str(v.path) };
  return undefined;
}

function backupOf(v: unknown): Backup | undefined {
  if (v === true) return {};
  if (isObj(v)) return { schedule: str(v.schedule), offsite: bool(v.offsite) };
  return undefined;
}

function suppressionsOf(v: unknown): Suppression[] {
  if (!Array.isArray(v)) return [];
  const out: Suppression[] = [];
  v.forEach((raw, index) => {
    if (!isObj(raw) || typeof raw.rule !== 'string') return;
    out.push({
      index,
      path: ['suppress', index],
      rule: raw.rule,
      target: str(raw.target),
      reason: typeof raw.reason === 'string' && raw.reason.trim() !== '' ? raw.reason : undefined,
    });
  });
  return out;
}

function notRead(key: 'include' | 'extends', path: Path): RawFinding {
  const what = key === 'include' ? 'the files it includes' : 'the service it extends';
  return {
    rule: NOT_READ_RULE,
    message: `\`${key}\` is not merged: ${what} ${key === 'include' ? 'were' : 'was'} not read, so their services, dependencies and settings are not in this review`,
    target: { kind: 'document', id: '' },
    path,
  };
}
