// The design model: what an infra.yaml means, independent of how it was written.
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

export const COMPONENT_TYPES = [
  'load-balancer',
  'web-server',
  'app-server',
  'database',
  'cache',
  'queue',
  'storage',
  'firewall',
  'cdn',
  'monitoring',
  'service',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const MODES = ['active-active', 'active-passive', 'primary-replica'] as const;
export type Mode = (typeof MODES)[number];

export const FAILOVERS = ['automatic', 'manual'] as const;
export type Failover = (typeof FAILOVERS)[number];

export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'ALIAS'] as const;
export type DnsType = (typeof DNS_TYPES)[number];

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
}

export interface Dependency {
  component: string;
  optional: boolean;
  /** Path of the `dependsOn` item (a scalar, or the `{ component, optional }` mapping). */
  path: Path;
  /** Path of the scalar that names the component (`path` itself, or its `component` value). */
  namePath?: Path;
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
}

/** `mode` defaults to active-active (it only matters for more than one instance). */
export function effectiveMode(c: Component): Mode {
  return c.mode ?? 'active-active';
}

export function hasAutomaticFailover(c: Component): boolean {
  return c.failover === 'automatic';
}
