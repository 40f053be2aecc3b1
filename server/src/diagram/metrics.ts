// Sizes the layout and both renderers (the SVG export and the preview's DOM) share. A module
// of its own, so that the webview's bundle gets them without the layout's Graphviz.

import type { SceneEdge } from './scene-types';

/** Sizes shared by the layout and the renderers (px; Graphviz points are taken as px). */
export const METRICS = {
  labelFont: 12,
  detailFont: 10,
  clusterFont: 12,
  zoneFont: 13,
  maxLabelChars: 28,
  minNodeWidth: 84,
  maxNodeWidth: 220,
  nodePadding: 24,
  instanceHeight: 38,
  dnsHeight: 34,
  /** Room above a cluster's contents for its label row. */
  clusterLabelHeight: 18,
  /** The collapse/expand button at the start of a group's label row. */
  groupToggleWidth: 18,
} as const;

/** A merged edge is drawn thicker, by the number of links it stands for (up to 4.2 px). */
export function edgeWidth(edge: Pick<SceneEdge, 'merged'>): number {
  return 1.2 + (edge.merged ? Math.min(3, Math.log2(edge.merged)) : 0);
}
