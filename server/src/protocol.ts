// Custom LSP requests between the VS Code client (preview) and the server. Types only:
// the client imports this file, so it must stay free of runtime dependencies.

import type { FaultElement } from './analysis/failure-types';
import type { Scene } from './diagram/scene-types';

/** Request `infraReview/diagram`: the laid-out scene of an open document. */
export const DIAGRAM_REQUEST = 'infraReview/diagram';
export interface DiagramParams {
  uri: string;
  /** Groups the preview shows collapsed, each as one node. */
  collapsedGroups?: string[];
  /**
   * The column order of the scene the preview shows (`sceneColumnOrder`): the new scene keeps
   * it where that costs no crossing, so an edit does not reshuffle untouched nodes.
   */
  previousOrder?: string[][];
}
export interface DiagramResult {
  uri: string;
  version: number;
  scene: Scene;
  /** The preview's header and heat map; null when the document is not a design. */
  availability?: PreviewAvailability | null;
}

/** The availability line of the preview's header, coloured against the SLO. */
export interface AvailabilityHeader {
  text: string;
  /** `met`/`missed` against the SLO; `unknown` when only bounds straddle it; `none` without SLO. */
  status: 'met' | 'missed' | 'unknown' | 'none';
}

export interface PreviewAvailability extends AvailabilityHeader {
  /** Share of the downtime by scene node id (zones, hosts, instances), for the heat map. */
  shares: Record<string, number>;
}

/** Request `infraReview/whatIf`: what goes down when these elements fail. */
export const WHAT_IF_REQUEST = 'infraReview/whatIf';
export interface WhatIfParams {
  uri: string;
  failed: FaultElement[];
}
export interface WhatIfResponse {
  /** Scene node ids that are down (components' instances, plus failed hosts/zones). */
  downNodes: string[];
  degradedNodes: string[];
  /** ×N nodes with some but not all replicas lost: how many are (the node stays up). */
  lostReplicas?: Record<string, number>;
  downComponents: string[];
  serviceDown: boolean;
  /** The header while these elements are failed: the availability given the failure. */
  availability?: AvailabilityHeader | null;
}

/** Request `infraReview/exportSvg`: the diagram as a standalone SVG document. */
export const EXPORT_SVG_REQUEST = 'infraReview/exportSvg';
export interface ExportSvgParams {
  uri: string;
  /** Colours to use, as CSS values by role; absent means the light theme. */
  theme?: Record<string, string>;
  /** Groups drawn collapsed, as in the preview. */
  collapsedGroups?: string[];
}
export interface ExportSvgResult {
  svg: string;
}

/** Request `infraReview/nodeAt`: the scene node id at a position (cursor → highlight). */
export const NODE_AT_REQUEST = 'infraReview/nodeAt';
export interface NodeAtParams {
  uri: string;
  position: { line: number; character: number };
}
export interface NodeAtResult {
  nodeIds: string[];
}

/** Request `infraReview/explainRule`: the catalogue entry as Markdown. */
export const EXPLAIN_RULE_REQUEST = 'infraReview/explainRule';
export interface ExplainRuleParams {
  rule: string;
}
export interface ExplainRuleResult {
  markdown: string | null;
}
