// The failure model's vocabulary (docs/format.md, What the analysis means). Implemented in failure-model.ts and spof.ts.

import type { DnsRecord, Path } from '../model/types';

/** One thing that can fail on its own. */
export type FaultElement =
  | { kind: 'instance'; component: string; index: number }
  | { kind: 'host'; id: string }
  | { kind: 'zone'; id: string };

export interface Instance {
  component: string;
  /** 0-based; for primary-replica and active-passive, instance 0 is the primary. */
  index: number;
  /** The modelled host it runs on; undefined for an unmodelled host of its own. */
  host?: string;
  /** The zone it sits in (its host's zone, or its `zones` slot for `replicas`). */
  zone?: string;
  /** The `runsOn` item it comes from, or the component when it has no `runsOn`. */
  path: Path;
}

/** One way a DNS name is served: a component, or a host (and the top components on it). */
export type Alternative =
  | { kind: 'component'; component: string; record: DnsRecord }
  | { kind: 'host'; host: string; components: string[]; record: DnsRecord };

/** A DNS name users reach; it is up while any of its alternatives is up. */
export interface ServiceName {
  fqdn: string;
  alternatives: Alternative[];
  /**
   * True when a CNAME chain from this name leaves the design (a name outside the domain
   * with no records here): that external service counts as always up, so the name is too.
   */
  external?: boolean;
}

export interface WhatIfResult {
  /** Components that are down. */
  down: Set<string>;
  /** Components that are up but lost an optional dependency. */
  degraded: Set<string>;
  /** DNS names (or, without DNS, entry components) that are down. */
  downServices: string[];
  serviceDown: boolean;
}

export interface FailureModel {
  /** Every component's instances, by component id (existing components only). */
  instances: ReadonlyMap<string, readonly Instance[]>;
  /** Components that receive user traffic (docs/format.md, "Entries"). */
  entries: ReadonlySet<string>;
  /** What must be up for the service: entries and their non-optional dependencies. */
  required: ReadonlySet<string>;
  /** Reached from an entry through any `dependsOn`, optional included. */
  reachable: ReadonlySet<string>;
  /** Hosts that are public: declared so, or reached by DNS (docs/format.md). */
  publicHosts: ReadonlySet<string>;
  /** The DNS names users reach, each with its alternatives; empty without DNS. */
  serviceNames: readonly ServiceName[];
  /**
   * True when the service is defined by DNS names; false when it is defined by the
   * components nothing depends on (no DNS records, or none that resolves to anything).
   */
  usesDns: boolean;
  /** Components that list `id` in their `dependsOn`. */
  dependentsOf(id: string): readonly string[];
  /** What is down when exactly these elements fail. */
  whatIf(failed: readonly FaultElement[]): WhatIfResult;
}

export interface Spof {
  kind: 'component' | 'host' | 'zone';
  id: string;
  element: FaultElement;
  /** The components that go down, sorted. */
  impact: string[];
  /**
   * Set when the design is so large that computing every blast radius in full would be
   * quadratic (a very deep dependsOn chain): `impact` then holds only the components
   * nearest to the failure. See IMPACT_BUDGET in spof.ts.
   */
  impactTruncated?: boolean;
}
