// A laid-out diagram, ready to draw: the preview (webview DOM) and the SVG export both draw
// this, so they show the same thing. Coordinates are absolute, in px, y downwards.

import type { FaultElement } from '../analysis/failure-types';
import type { Range } from '../model/types';

/**
 * `workload`: one component drawn once for all its instances (×N badge); `group`: the group a
 * format places components in (a Kubernetes namespace), a box around them or, collapsed, one
 * node standing for them.
 */
export type SceneNodeKind = 'zone' | 'host' | 'group' | 'instance' | 'workload' | 'dns';

/** ok: nothing found; spof: a single point of failure; otherwise the worst finding's severity. */
export type SceneStatus = 'ok' | 'spof' | 'error' | 'warning' | 'info';

export interface SceneNode {
  /** Stable across edits: derived from ids ("host:web-1", "instance:web#0", "zone:a", "dns:www.foobar.com"). */
  id: string;
  kind: SceneNodeKind;
  /** Text from the file: always drawn as text, never as markup. */
  label: string;
  /** A second line (software, component type, record type). */
  detail?: string;
  /**
   * `label` as drawn: control and bidi-override characters made visible, truncated with "…"
   * to fit the node (the full `label` goes in the tooltip). Still text, never markup.
   */
  displayLabel?: string;
  /** `detail` as drawn, made visible and truncated like `displayLabel`. */
  displayDetail?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The containing zone, host or group node's id. */
  parent?: string;
  status: SceneStatus;
  spof: boolean;
  findings: { error: number; warning: number; info: number };
  /** What the node is in the model, to link editor and diagram. */
  target: { kind: 'component' | 'host' | 'zone' | 'group' | 'dns'; id: string };
  /** The source range to reveal when the node is clicked. */
  range: Range;
  /** The fault element "fail this" fails; absent for DNS and group nodes. */
  fault?: FaultElement;
  /**
   * A workload node: the fault element of each of its replicas, in order (`fault` is the
   * first). *Fail this* fails the next replica not failed yet: one replica per press.
   */
  faults?: FaultElement[];
  /** A workload node: how many instances it stands for (the ×N badge). */
  replicas?: number;
  /** A workload node: the zones its replicas sit in, in the model's order. */
  zones?: string[];
  /** A group node drawn as one node: collapsed by the user. */
  collapsed?: boolean;
  /** A collapsed group: the ids of the nodes it stands for (to map what-if and cursor marks). */
  members?: string[];
}

export interface SceneEdge {
  id: string;
  from: string;
  to: string;
  optional: boolean;
  /** Inferred from the file's environment rather than declared (drawn dashed). */
  inferred?: boolean;
  /** Polyline or spline control points from the layout, first to last. */
  points: { x: number; y: number }[];
  /** `depends`: a `dependsOn` arrow; `dns`: a DNS record pointing at its target. */
  kind?: 'depends' | 'dns';
  /**
   * One alternative of an any-of dependency (met while any of them is up): the group's
   * alternatives, the same on each of its edges; drawn with an "any of N" label.
   */
  anyOf?: string[];
  /** How many links this edge stands for, when a collapsed group merged several (≥ 2). */
  merged?: number;
  /**
   * `points` are cubic Bézier control points (1 + 3k of them), as `path` spells out;
   * the arrow head runs from the last point to `arrowTip`.
   */
  curve?: 'bezier';
  /** SVG path data of the curve ("M x,y C x,y x,y x,y …"): numbers only, safe to set as `d`. */
  path?: string;
  /** Where the arrow head points (the end of the edge at its target's border). */
  arrowTip?: { x: number; y: number };
}

export interface Scene {
  width: number;
  height: number;
  nodes: SceneNode[];
  edges: SceneEdge[];
  legend: { status: SceneStatus | 'down' | 'degraded'; label: string }[];
  /** The design's `name`, when it has one (text from the file). */
  title?: string;
}
