// How readable a laid-out scene is, as figures a bench can compare side by side: how often
// its edges cross, and how much room each box gets. Computed from the scene's geometry
// alone, so it measures what the user sees, whatever the layout engine did.

import type { Scene, SceneEdge } from './scene-types';

export interface Readability {
  /** Points where two edges that share no end cross (curves flattened to polylines). */
  crossings: number;
  /** The same among edges neither optional nor inferred (what shows when the preview hides those). */
  solidCrossings: number;
  /** Edges drawn. */
  edges: number;
  /** Leaf boxes drawn (instances, workloads, DNS names, collapsed groups). */
  leaves: number;
  /** The scene's area divided by its leaves, in px² (lower is denser). */
  areaPerLeaf: number;
}

type Point = { x: number; y: number };

/** Each cubic Bézier piece is flattened into this many straight segments. */
const STEPS_PER_CURVE = 8;

export function readability(scene: Scene): Readability {
  const leaves = scene.nodes.filter((n) => n.kind === 'instance' || n.kind === 'workload' || n.kind === 'dns' || n.collapsed === true).length;
  const lines = scene.edges.map((edge) => {
    const points = polyline(edge);
    return { edge, ends: edge, points, box: bounds(points) };
  });
  let crossings = 0;
  let solidCrossings = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i];
      const b = lines[j];
      const n = crossingsBetween(a, b);
      crossings += n;
      if (solid(a.edge) && solid(b.edge)) solidCrossings += n;
    }
  }
  return {
    crossings,
    solidCrossings,
    edges: scene.edges.length,
    leaves,
    areaPerLeaf: leaves ? Math.round((scene.width * scene.height) / leaves) : 0,
  };
}

const solid = (edge: SceneEdge): boolean => !edge.optional && !edge.inferred;

/** An edge as drawn, with the boxes it joins. */
export interface DrawnLine {
  ends: { from: string; to: string };
  points: readonly Point[];
  box: Box;
}

/** How many times two drawn edges cross, as the metric counts: edges that share an end never do. */
export function crossingsBetween(a: DrawnLine, b: DrawnLine): number {
  if (sharesEnd(a.ends, b.ends) || !boxesMeet(a.box, b.box)) return 0;
  return intersections(a.points, b.points);
}

function sharesEnd(a: DrawnLine['ends'], b: DrawnLine['ends']): boolean {
  return a.from === b.from || a.from === b.to || a.to === b.from || a.to === b.to;
}

/** The edge as drawn: its Bézier pieces sampled, or its points joined, plus the arrow's tip. */
export function polyline(edge: SceneEdge): Point[] {
  const p = edge.points;
  const out: Point[] = [];
  if (edge.curve === 'bezier' && p.length >= 4 && (p.length - 1) % 3 === 0) {
    out.push(p[0]);
    for (let i = 1; i + 2 < p.length; i += 3) {
      const [p0, c1, c2, p3] = [p[i - 1], p[i], p[i + 1], p[i + 2]];
      for (let s = 1; s <= STEPS_PER_CURVE; s++) out.push(bezierAt(p0, c1, c2, p3, s / STEPS_PER_CURVE));
    }
  } else {
    out.push(...p);
  }
  if (edge.arrowTip) out.push(edge.arrowTip);
  return out;
}

function bezierAt(p0: Point, c1: Point, c2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * c1.x + c * c2.x + d * p3.x, y: a * p0.y + b * c1.y + c * c2.y + d * p3.y };
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The smallest axis-aligned box around the points. */
export function bounds(points: readonly Point[]): Box {
  const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const p of points) {
    box.x1 = Math.min(box.x1, p.x);
    box.y1 = Math.min(box.y1, p.y);
    box.x2 = Math.max(box.x2, p.x);
    box.y2 = Math.max(box.y2, p.y);
  }
  return box;
}

function boxesMeet(a: Box, b: Box): boolean {
  return a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
}

/** How many times two polylines cross (proper crossings of their segments). */
export function intersections(a: readonly Point[], b: readonly Point[]): number {
  let count = 0;
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      if (segmentsCross(a[i - 1], a[i], b[j - 1], b[j])) count++;
    }
  }
  return count;
}

/** Proper crossings only: segments that touch or run along each other do not count. */
export function segmentsCross(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const d1 = orientation(q1, q2, p1);
  const d2 = orientation(q1, q2, p2);
  const d3 = orientation(p1, p2, q1);
  const d4 = orientation(p1, p2, q2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function orientation(a: Point, b: Point, c: Point): number {
  return Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}
