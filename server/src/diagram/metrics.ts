// Sizes the layout and both renderers (the SVG export and the preview's DOM) share. A module
// of its own, so that the webview's bundle gets them without the layout's Graphviz.

import { ANY_OF_MEANING, anyOfWords } from '../model/types';
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

/** Where an any-of edge's "any of N" label sits: an on-curve point near its middle, just above it. */
export function anyOfLabelPoint(edge: Pick<SceneEdge, 'points' | 'curve'>): { x: number; y: number } {
  const step = edge.curve === 'bezier' ? 3 : 1;
  const segments = Math.floor((edge.points.length - 1) / step);
  const at = edge.points[Math.floor(segments / 2) * step] ?? edge.points[0] ?? { x: 0, y: 0 };
  return { x: at.x, y: at.y - 3 };
}

/** The label and the tooltip of an any-of edge: the label counts the alternatives, the tooltip names them. */
export function anyOfText(alternatives: readonly string[]): { label: string; tooltip: string } {
  return { label: `any of ${alternatives.length}`, tooltip: `${anyOfWords(alternatives)}: ${ANY_OF_MEANING}` };
}
