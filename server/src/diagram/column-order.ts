// The order of a diagram's columns, kept across an edit. dot places the nodes of each rank (a
// column, rankdir=LR) by mincross, a heuristic: one node added changes the crossing counts,
// and nodes far from the edit swap places. dot cannot be told to keep an order inside a
// cluster (invisible flat edges, which order a rank at the top level, are ignored between
// nodes of one cluster; so are declaration order and rank=same: ARCHITECTURE.md), so the
// order is put back after dot, from the previous diagram's: in each column, the boxes of one
// parent that shared a column before get the places dot gave them, in their previous order.
// Boxes of one parent in a column have one height (instances or workloads; a group of mixed
// heights is left alone), so a swap overlaps nothing; the edges at a moved box keep their
// route, and the piece that ends at the box is redrawn to its new place (it runs in the empty
// gap between two columns).

import { isContainer } from './content';
import type { DiagramContent, DiagramLink } from './content';
import type { EdgeGeometry, Layout, Rect } from './layout';
import { bounds, crossingsBetween } from './readability';
import type { DrawnLine } from './readability';
import type { Scene } from './scene-types';

/** Leaf boxes, column by column (left to right), each column top to bottom, as node ids. */
export type ColumnOrder = string[][];

interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The columns of the given leaves: dot centres a rank's nodes on one x, and ranks are
 * `ranksep` (43 px) apart, so centres within a pixel of each other share a column.
 */
export function columnOrder(leaves: Iterable<Placed>): ColumnOrder {
  const byCentre = [...leaves].map((leaf) => ({ leaf, x: leaf.x + leaf.width / 2 })).sort((a, b) => a.x - b.x);
  const columns: { x: number; leaves: Placed[] }[] = [];
  for (const { leaf, x } of byCentre) {
    const last = columns[columns.length - 1];
    if (last && x - last.x <= 1) last.leaves.push(leaf);
    else columns.push({ x, leaves: [leaf] });
  }
  return columns.map((c) => c.leaves.sort((a, b) => centreY(a) - centreY(b)).map((leaf) => leaf.id));
}

/** A laid-out scene's column order: what the preview sends with its next request. */
export function sceneColumnOrder(scene: Scene): ColumnOrder {
  return columnOrder(scene.nodes.filter((node) => !isContainer(node)));
}

/**
 * `layout` with the previous column order put back where that costs no crossing: for every
 * parent and every column, the leaves of that parent in that column that also shared a column
 * in `previous` take the vertical places they hold now, in their previous order, unless their
 * edges, redrawn, would cross more edges than dot's order does. New boxes, and boxes that
 * changed column, stay where dot put them.
 */
export function keepColumnOrder(layout: Layout, content: DiagramContent, previous: readonly (readonly string[])[]): Layout {
  const before = new Map<string, { column: number; index: number }>();
  previous.forEach((column, c) => column.forEach((id, index) => before.set(id, { column: c, index })));
  const byParent = new Map<string | undefined, Placed[]>();
  for (const box of content.boxes) {
    const rect = layout.boxes.get(box.id);
    if (isContainer(box) || !rect) continue;
    byParent.set(box.parent, [...(byParent.get(box.parent) ?? []), { id: box.id, ...rect }]);
  }

  const boxes = new Map<string, Rect>(layout.boxes);
  const edges = new Map<string, EdgeGeometry>(layout.edges);
  const linksAt = new Map<string, DiagramLink[]>();
  for (const link of content.links) {
    for (const end of new Set([link.from, link.to])) linksAt.set(end, [...(linksAt.get(end) ?? []), link]);
  }
  const crossings = new EdgeCrossings(content.links, edges);
  const bands = new Map<string, Move['band']>();
  const allLeaves = [...byParent.values()].flat();
  const rectOf = new Map(allLeaves.map((leaf) => [leaf.id, leaf]));
  for (const column of columnOrder(allLeaves)) {
    const rects = column.map((id) => rectOf.get(id) as Placed);
    const band = { x1: Math.min(...rects.map((r) => r.x)), x2: Math.max(...rects.map((r) => r.x + r.width)) };
    for (const id of column) bands.set(id, band);
  }
  for (const leaves of byParent.values()) {
    const rects = new Map(leaves.map((leaf) => [leaf.id, leaf]));
    for (const column of columnOrder(leaves)) {
      const shared = new Map<number, Placed[]>();
      for (const id of column) {
        const was = before.get(id);
        if (was) shared.set(was.column, [...(shared.get(was.column) ?? []), rects.get(id) as Placed]);
      }
      for (const group of shared.values()) {
        if (group.some((box) => box.height !== group[0].height)) continue;
        const slots = group.map(centreY);
        const moves = new Map<string, number>();
        [...group]
          .sort((a, b) => (before.get(a.id)?.index as number) - (before.get(b.id)?.index as number))
          .forEach((box, i) => {
            if (slots[i] !== centreY(box)) moves.set(box.id, slots[i] - centreY(box));
          });
        if (!moves.size) continue;
        const moveOf = (id: string): Move | undefined => {
          const dy = moves.get(id);
          return dy === undefined ? undefined : { band: bands.get(id) as Move['band'], dy };
        };
        const redrawn = new Map<string, EdgeGeometry>();
        for (const id of moves.keys()) {
          for (const link of linksAt.get(id) ?? []) {
            const geometry = edges.get(link.id);
            if (geometry && !redrawn.has(link.id)) redrawn.set(link.id, movedEnds(geometry, moveOf(link.from), moveOf(link.to)));
          }
        }
        if (crossings.added(redrawn) > 0) continue;
        for (const [id, dy] of moves) {
          const rect = boxes.get(id) as Rect;
          boxes.set(id, { ...rect, y: round1(rect.y + dy) });
        }
        for (const [id, geometry] of redrawn) edges.set(id, geometry);
        crossings.redraw(redrawn);
      }
    }
  }
  return { ...layout, boxes, edges };
}

type Line = DrawnLine & { link: DiagramLink };

/** The edges as drawn (as readability.ts counts them), to count what redrawing some changes. */
class EdgeCrossings {
  private readonly lines = new Map<string, Line>();

  constructor(links: readonly DiagramLink[], edges: ReadonlyMap<string, EdgeGeometry>) {
    for (const link of links) {
      const geometry = edges.get(link.id);
      if (geometry) this.lines.set(link.id, lineOf(link, geometry));
    }
  }

  redraw(edges: ReadonlyMap<string, EdgeGeometry>): void {
    for (const [id, geometry] of edges) this.lines.set(id, lineOf((this.lines.get(id) as Line).link, geometry));
  }

  /** How many more crossings the edges would have, drawn as given, than they have now. */
  added(edges: ReadonlyMap<string, EdgeGeometry>): number {
    const redrawn = new Map([...edges].map(([id, geometry]) => [id, lineOf((this.lines.get(id) as Line).link, geometry)]));
    const now = new Map([...edges.keys()].map((id) => [id, this.lines.get(id) as Line]));
    return this.count(redrawn) - this.count(now);
  }

  /** Crossings of `lines` with every other edge and among themselves, each pair once. */
  private count(lines: ReadonlyMap<string, Line>): number {
    let total = 0;
    for (const [id, a] of lines) {
      for (const [otherId, other] of this.lines) {
        if (otherId === id) continue;
        const b = lines.get(otherId);
        if (b && otherId < id) continue;
        total += crossingsBetween(a, b ?? other);
      }
    }
    return total;
  }
}

function lineOf(link: DiagramLink, geometry: EdgeGeometry): Line {
  const points = geometry.arrowTip ? [...geometry.points, geometry.arrowTip] : geometry.points;
  return { link, ends: link, points, box: bounds(points) };
}

interface Move {
  /** The left and right ends of the box's column (its widest box). */
  band: { x1: number; x2: number };
  dy: number;
}

/**
 * The edge with its ends moved with their boxes: the points of the route that lie in the
 * column of a moved end (its clipped end, and the bend where it enters the column) move with it, and the
 * piece that joins them to the rest of the route is drawn straight again (splines=polyline
 * draws each piece straight), in the gap between two columns.
 */
function movedEnds(geometry: EdgeGeometry, tail: Move | undefined, head: Move | undefined): EdgeGeometry {
  const points = geometry.points.map((p) => ({ ...p }));
  const last = points.length - 1;
  // Bézier pieces: vertices at 0, 3, 6, ...; anything else is taken point by point.
  const step = last >= 3 && last % 3 === 0 ? 3 : 1;
  /** How far each vertex moves. */
  const shift = new Array<number>(points.length).fill(0);
  const inColumn = (x: number, move: Move): boolean => x >= move.band.x1 - 1 && x <= move.band.x2 + 1;
  if (tail) for (let i = 0; i <= last && (i === 0 || inColumn(points[i].x, tail)); i += step) shift[i] = tail.dy;
  if (head) for (let i = last; i >= 0 && (i === last || inColumn(points[i].x, head)); i -= step) shift[i] = head.dy;
  for (let i = 0; i <= last; i += step) points[i].y = round1(points[i].y + shift[i]);
  for (let start = 0; step === 3 && start < last; start += 3) {
    if (shift[start] !== shift[start + 3]) straighten(points, start);
    else for (const k of [1, 2]) points[start + k].y = round1(points[start + k].y + shift[start]);
  }
  const edge: EdgeGeometry = { points };
  if (geometry.arrowTip) edge.arrowTip = { x: geometry.arrowTip.x, y: round1(geometry.arrowTip.y + (head?.dy ?? 0)) };
  return edge;
}

/** Places the control points of the piece starting at `start` at a third and two thirds of it. */
function straighten(points: { x: number; y: number }[], start: number): void {
  const from = points[start];
  const to = points[start + 3];
  for (const k of [1, 2]) points[start + k] = { x: round1(from.x + ((to.x - from.x) * k) / 3), y: round1(from.y + ((to.y - from.y) * k) / 3) };
}

const centreY = (box: { y: number; height: number }): number => box.y + box.height / 2;
const round1 = (n: number): number => Math.round(n * 10) / 10;
