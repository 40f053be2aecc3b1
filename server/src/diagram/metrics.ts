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

/**
 * Where an any-of edge's "any of N" label sits: the middle of the edge by its segments (the
 * joint between the two middle ones, or the middle of the middle one; a cubic segment's at
 * t = ½), just above it. Never an end: there the label would lie under the node's box.
 */
export function anyOfLabelPoint(edge: Pick<SceneEdge, 'points' | 'curve'>): { x: number; y: number } {
  const p = edge.points;
  const step = edge.curve === 'bezier' ? 3 : 1;
  const segments = Math.floor((p.length - 1) / step);
  if (segments < 1) return above(p[0] ?? { x: 0, y: 0 });
  const middle = Math.floor(segments / 2) * step;
  if (segments % 2 === 0) return above(p[middle]);
  const [a, b, c, d] = [p[middle], p[middle + 1], p[middle + step - 1], p[middle + step]];
  // B(½) of a cubic is (a + 3b + 3c + d) / 8; a line's middle is (a + d) / 2.
  const at = step === 3 ? { x: (a.x + 3 * b.x + 3 * c.x + d.x) / 8, y: (a.y + 3 * b.y + 3 * c.y + d.y) / 8 } : { x: (a.x + d.x) / 2, y: (a.y + d.y) / 2 };
  return above(at);
}

function above(at: { x: number; y: number }): { x: number; y: number } {
  return { x: at.x, y: at.y - 3 };
}

/** The label and the tooltip of an any-of edge: the label counts the alternatives, the tooltip names them. */
export function anyOfText(alternatives: readonly string[]): { label: string; tooltip: string } {
  return { label: `any of ${alternatives.length}`, tooltip: `${anyOfWords(alternatives)}: ${ANY_OF_MEANING}` };
}
