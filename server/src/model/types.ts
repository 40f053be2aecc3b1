// The design model: what a design means, independent of the format it was written in
// (docs/format.md, docs/formats.md).
// Every element keeps the path of the YAML node it came from; ranges are looked up
// through the SourceMap only when a finding or a feature needs them.

/** A path into the YAML document: mapping keys and sequence indexes, from the root. */
export type Path = readonly (string | number)[];

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export { COMPONENT_TYPES } from './component-types';
export type { ComponentType } from './component-types';
import type { ComponentType } from './component-types';

export const MODES = ['active-active', 'active-passive', 'primary-replica'] as const;
export type Mode = (typeof MODES)[number];

export const FAILOVERS = ['automatic', 'manual'] as const;
export type Failover = (typeof FAILOVERS)[number];

export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'ALIAS'] as const;
export type DnsType = (typeof DNS_TYPES)[number];

/**
 * Facts a format may be unable to carry (a Compose file says nothing of TLS or firewalls).
 * A front end lists on an element the facts its file could not say and did not state; the
 * rules that need one stay silent about that element rather than guess.
 */
export const STATABLE_FACTS = ['tls', 'firewall', 'monitoring', 'backup'] as const;
export type StatableFact = (typeof STATABLE_FACTS)[number];

/** Whether the element's format left the fact unsaid (never true for infra.yaml). */
export function isUnstated(element: { unstated?: ReadonlySet<StatableFact> }, fact: StatableFact): boolean {
  return element.unstated?.has(fact) ?? false;
}

export interface Zone {
  id: string;
  path: Path;
  region?: string;
  availability?: number;
}

export interface Host {
  id: string;
  path: Path;
  zone?: string;
  ip?: string;
  /** `public` as written; see `FailureModel.publicHosts` for the derived value. */
  public?: boolean;
  /** true, false, or an allow-list of ports (which counts as a firewall). */
  firewall?: boolean | { allow: number[] };
  monitoring?: string;
  availability?: number;
  /** Facts the file could not say about this host (see STATABLE_FACTS). */
  unstated?: ReadonlySet<StatableFact>;
  /** What removes this host as a single point of failure, when its format makes that not obvious. */
  spofAdvice?: string;
}

export interface Dependency {
  /** The component it needs; in an any-of group, the group's first alternative. */
  component: string;
  /**
   * An any-of group (`{ anyOf: [a, b] }`, or a Kubernetes Service in front of several
   * workloads): the dependency is met while any of these components is up. Absent for a plain
   * dependency; read it through `dependencyTargets`.
   */
  anyOf?: readonly string[];
  /** In an any-of group, the path of the scalar that names each alternative, in `anyOf` order. */
  anyOfPaths?: readonly Path[];
  optional: boolean;
  /** Path of the `dependsOn` item (a scalar, or the `{ component, optional }` mapping). */
  path: Path;
  /** Path of the scalar that names the component (`path` itself, or its `component` value). */
  namePath?: Path;
  /** Read from the file's environment rather than declared (hover and the diagram say so). */
  inferred?: boolean;
}

/** The components a dependency names: its group's alternatives, or its one component. */
export function dependencyTargets(dep: Dependency): readonly string[] {
  return dep.anyOf ?? [dep.component];
}

/**
 * An any-of group in words, "any of a, b": every face says it so (hover, the component's
 * dependencies, the diagram's tooltip). `nameOf` writes each name (bold in a hover, escaped
 * in Markdown, as it is in a tooltip).
 */
export function anyOfWords(alternatives: readonly string[], nameOf: (id: string) => string = (id) => id): string {
  return `any of ${alternatives.map(nameOf).join(', ')}`;
}

/** What an any-of group means, said after its words. */
export const ANY_OF_MEANING = 'met while one of them is up';

/** Where the dependency names `target` (the alternative's scalar in a group), or its name path. */
export function targetPath(dep: Dependency, target: string): Path {
  const k = dep.anyOf ? dep.anyOf.indexOf(target) : -1;
  return (k >= 0 ? dep.anyOfPaths?.[k] : undefined) ?? dep.namePath ?? dep.path;
}

export interface Backup {
  schedule?: string;
  offsite?: boolean;
}

export interface HealthCheck {
  path?: string;
  interval?: string | number;
}

export interface Component {
  id: string;
  path: Path;
  type?: ComponentType;
  software?: string;
  runsOn?: string[];
  replicas?: number;
  zones?: string[];
  /** `mode` as written; the effective mode is `effectiveMode(component)`. */
  mode?: Mode;
  /** `failover` as written; absent means manual. */
  failover?: Failover;
  healthCheck?: HealthCheck;
  tls?: boolean;
  capacity?: number;
  dependsOn: Dependency[];
  backup?: Backup;
  availability?: number;
  /**
   * The group its format places the component in, for the diagram and the outline only (a
   * Kubernetes namespace); it never changes what fails with what.
   */
  group?: string;
  /**
   * How sure it is that the replicas run on separate machines, when the format places them on
   * machines it does not model (Kubernetes nodes): `required` by the scheduler, `best-effort`
   * (preferred, or spread with ScheduleAnyway), or `unconstrained`. Absent: as written.
   */
  nodeSpread?: 'required' | 'best-effort' | 'unconstrained';
  /**
   * The same for zones, when the format leaves the zones to a scheduler (Kubernetes): a
   * `required` spread is written as `zones`; otherwise its replicas may all sit in one zone.
   */
  zoneSpread?: 'required' | 'best-effort' | 'unconstrained';
  /**
   * Addresses in its configuration that name a service of the platform the file does not
   * define (`billing.payments.svc:8080`): no dependency is made of them, and a finding says so.
   * `path` is a model path (`['components', id, 'unresolvedAddresses', i]`).
   */
  unresolvedAddresses?: { address: string; path: Path }[];
  /** A budget that limits how many instances voluntary disruptions (node drains) may take down. */
  disruptionBudget?: DisruptionBudget;
  /** Facts the file could not say about this component (see STATABLE_FACTS). */
  unstated?: ReadonlySet<StatableFact>;
  /**
   * How its format's reader counted the instances, when the file gives no number (one on
   * every node, and nodes are not modelled): Markdown of the reader's own words, no ids, for the hover.
   */
  instancesNote?: string;
}

/** A Kubernetes PodDisruptionBudget, as the analysis needs it. */
export interface DisruptionBudget {
  /** Its name in the file. */
  name: string;
  /** Model path (`['components', id, 'disruptionBudget']`); the front end says where it is written. */
  path: Path;
  /** What the budget says, as written (`minAvailable: 3`). */
  says: string;
  /** How many instances a drain may take down at once, given the instances (≤ 0: none). */
  allowedDisruptions: number;
  /** The value of the budget's field that allows one disruption, when there is one (`minAvailable: 2` of 3). */
  relaxed?: number;
}

/**
 * A way the format routes requests to components that is not itself a component (a
 * Kubernetes Service or Ingress): the analysis sees through it to its targets.
 */
export interface Route {
  /** What it is and its name, as the file says it ("Service api", "Ingress shop"). */
  label: string;
  /** Model path (`['routes', i]`), which the front end maps to where the route picks its targets. */
  path: Path;
  /** The components it reaches. */
  targets: string[];
  /** Why it reaches nothing, when `targets` is empty ("its selector app=api matches no pod"). */
  reachesNothing?: string;
  /** It spreads requests over its targets' instances, so it needs to know which are ready. */
  balances: boolean;
}

export interface DnsRecord {
  index: number;
  path: Path;
  /** `name` as written. */
  name: string;
  /** The absolute name, lower case, without a trailing dot ("www.foobar.com"). */
  fqdn: string;
  type: DnsType;
  /** `target` as written. */
  target: string;
  /** How users reach the target, for a record a front end made (a published port): "it publishes port 80:80". */
  reachedBy?: string;
  /** The title of the fix that removes this way in (a front end writes the removal in its own terms). */
  withdrawTitle?: string;
}

export interface Suppression {
  index: number;
  path: Path;
  rule: string;
  target?: string;
  reason?: string;
}

/** A `# infra-review-ignore RULE: reason` comment; it covers the node on the next line. */
export interface IgnoreComment {
  rule: string;
  reason?: string;
  /** Where the comment is, for findings about the comment itself. */
  range: Range;
  /** The 0-based line the comment covers (the next non-comment line). */
  coversLine: number;
}

export interface Design {
  version?: number;
  name?: string;
  description?: string;
  domain?: string;
  dns: DnsRecord[];
  zones: Map<string, Zone>;
  hosts: Map<string, Host>;
  components: Map<string, Component>;
  load?: { peak?: number };
  slo?: number;
  suppress: Suppression[];
  /** How the format states an entry or a dependency its file does not show, when that is not `dependsOn`. */
  unreachedAdvice?: string;
  /** Routes that are not components (Kubernetes Services and Ingresses); absent for formats without them. */
  routes?: Route[];
  /** What the format calls the machine an instance runs on, for the editor's words (a Kubernetes `node`); absent: `host`. */
  hostLabel?: string;
}

/** `mode` defaults to active-active (it only matters for more than one instance). */
export function effectiveMode(c: Component): Mode {
  return c.mode ?? 'active-active';
}

export function hasAutomaticFailover(c: Component): boolean {
  return c.failover === 'automatic';
}
