// Layout with Graphviz dot (the WASM build in @viz-js/viz), in Node, never in the webview.
// Chosen over elkjs because it was 5-10× faster on nested groups here and kept the order of
// untouched nodes under a one-line edit (see the diagram issue's measurements).
//
// Nothing from the file reaches Graphviz: nodes and clusters get synthetic names (n0,
// cluster_3, ...), nodes are fixed-size boxes without labels, and a cluster's label is a run
// of "x" as wide as its real label, so no name can break the graph or Graphviz's escapes.

import { instance } from '@viz-js/viz';
import type { Graph, Node as GvNode, Subgraph, Viz } from '@viz-js/viz';
import { keepColumnOrder } from './column-order';
import { isContainer } from './content';
import type { DiagramBox, DiagramContent } from './content';
import { METRICS } from './metrics';
import { displayText, textWidth } from './text';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeGeometry {
  /** Cubic Bézier control points, 1 + 3k of them. */
  points: { x: number; y: number }[];
  arrowTip?: { x: number; y: number };
}

export interface Layout {
  width: number;
  height: number;
  boxes: Map<string, Rect>;
  edges: Map<string, EdgeGeometry>;
}


let vizPromise: Promise<Viz> | undefined;

/** The Graphviz instance, loaded once (compiling the WASM takes ~100 ms). */
function viz(): Promise<Viz> {
  vizPromise ??= instance();
  return vizPromise;
}

/**
 * The layout of `content`; given the column order of the diagram it replaces, with that
 * order kept (column-order.ts).
 */
export async function layoutDiagram(content: DiagramContent, previous?: readonly (readonly string[])[]): Promise<Layout> {
  const layout = await runDot(content);
  return previous?.length ? keepColumnOrder(layout, content, previous) : layout;
}

async function runDot(content: DiagramContent): Promise<Layout> {
  const { graph, names, edgeIds } = toGraph(content);
  const gv = await viz();
  let output: string;
  try {
    const result = gv.render(graph, { format: 'json0' });
    if (result.status !== 'success') {
      throw new Error(result.errors.map((e) => e.message).join('; ') || 'unknown error');
    }
    output = result.output;
  } catch (err) {
    // A crashed WASM instance is not reusable: the next layout loads a fresh one.
    vizPromise = undefined;
    throw new Error(`Diagram layout failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return fromJson(JSON.parse(output) as GvJson, names, edgeIds);
}

/** The width and height a leaf box is laid out with. */
export function leafSize(box: DiagramBox): { width: number; height: number } {
  const label = textWidth(displayText(box.label, METRICS.maxLabelChars), METRICS.labelFont);
  const detail = box.detail ? textWidth(displayText(box.detail, METRICS.maxLabelChars), METRICS.detailFont) : 0;
  const width = Math.min(METRICS.maxNodeWidth, Math.max(METRICS.minNodeWidth, Math.ceil(Math.max(label, detail)) + METRICS.nodePadding));
  return { width, height: box.kind === 'dns' ? METRICS.dnsHeight : METRICS.instanceHeight };
}

/** The width of a cluster's label row: its name, its detail, and room for the badges. */
export function clusterLabelWidth(box: DiagramBox): number {
  const font = box.kind === 'zone' ? METRICS.zoneFont : METRICS.clusterFont;
  const label = textWidth(displayText(box.label, METRICS.maxLabelChars), font);
  const detail = box.detail ? textWidth(displayText(box.detail, METRICS.maxLabelChars), METRICS.detailFont) + 8 : 0;
  // A group's row also holds the preview's collapse button.
  const toggle = box.kind === 'group' ? METRICS.groupToggleWidth : 0;
  return Math.ceil(label + detail + toggle);
}

interface GraphParts {
  graph: Graph;
  /** Graphviz name → scene id (leaves and clusters). */
  names: Map<string, string>;
  /** Graphviz edge id → link id. */
  edgeIds: Map<string, string>;
}

const inches = (px: number): number => Math.round((px / 72) * 10000) / 10000;

function toGraph(content: DiagramContent): GraphParts {
  const names = new Map<string, string>();
  const gvName = new Map<string, string>();
  const children = new Map<string | undefined, DiagramBox[]>();
  for (const box of content.boxes) {
    const list = children.get(box.parent) ?? [];
    list.push(box);
    children.set(box.parent, list);
  }

  // Every leaf is declared at the top level first, in the model's order: dot's initial
  // ordering follows declaration order, which keeps untouched nodes in place on an edit.
  const nodes: GvNode[] = [];
  let leafCount = 0;
  let clusterCount = 0;
  for (const box of content.boxes) {
    if (isContainer(box)) continue;
    const name = `n${leafCount++}`;
    names.set(name, box.id);
    gvName.set(box.id, name);
    const size = leafSize(box);
    nodes.push({ name, attributes: { width: inches(size.width), height: inches(size.height) } });
  }

  /** A cluster's first leaf, for edges that point at the cluster itself (lhead). */
  const anchor = new Map<string, string>();
  const cluster = (box: DiagramBox): Subgraph => {
    const name = `cluster_${clusterCount++}`;
    names.set(name, box.id);
    gvName.set(box.id, name);
    const inner = children.get(box.id) ?? [];
    const subgraphs: Subgraph[] = [];
    const members: GvNode[] = [];
    for (const child of inner) {
      if (isContainer(child)) {
        subgraphs.push(cluster(child));
        const childAnchor = anchor.get(child.id);
        if (childAnchor && !anchor.has(box.id)) anchor.set(box.id, childAnchor);
      } else {
        const leaf = gvName.get(child.id) as string;
        members.push({ name: leaf });
        if (!anchor.has(box.id)) anchor.set(box.id, leaf);
      }
    }
    if (!members.length && !subgraphs.length) {
      // Graphviz drops empty clusters: an invisible placeholder keeps an empty host drawn.
      const placeholder = `p${clusterCount}`;
      members.push({ name: placeholder, attributes: { style: 'invis', width: 0.8, height: 0.3 } });
      anchor.set(box.id, placeholder);
    }
    const font = box.kind === 'zone' ? METRICS.zoneFont : METRICS.clusterFont;
    return {
      name,
      graphAttributes: {
        // Helvetica's "x" is 0.5em wide in Graphviz's estimate.
        label: 'x'.repeat(Math.max(1, Math.ceil(clusterLabelWidth(box) / (font * 0.5)))),
        labeljust: 'l',
        // y is read downwards (no yInvert, so model order runs top to bottom): the bottom is the top.
        labelloc: 'b',
        fontname: 'Helvetica',
        fontsize: font,
        margin: box.kind === 'zone' ? 12 : 8,
      },
      nodes: members,
      subgraphs,
    };
  };

  const subgraphs: Subgraph[] = [];
  for (const box of children.get(undefined) ?? []) {
    if (isContainer(box)) subgraphs.push(cluster(box));
  }

  // Ranks (columns, left to right): DNS names first; all instances of one component in one
  // column; data stores that depend on nothing last.
  const rank = (kind: string, ids: string[]): void => {
    if (ids.length) subgraphs.push({ graphAttributes: { rank: kind }, nodes: ids.map((name) => ({ name })) });
  };
  const byComponent = new Map<string, string[]>();
  const dns: string[] = [];
  const sinks: string[] = [];
  for (const box of content.boxes) {
    const leaf = gvName.get(box.id);
    if (!leaf) continue;
    if (box.kind === 'dns') dns.push(leaf);
    if (box.component === undefined) continue;
    if (box.sink) sinks.push(leaf);
    else byComponent.set(box.component, [...(byComponent.get(box.component) ?? []), leaf]);
  }
  rank('min', dns);
  // Invisible edges within the DNS column keep the names in the file's order, so an edit
  // elsewhere cannot reshuffle them. The column reads that order from the bottom up: dot
  // draws a flat edge's tail below its head here. Chained the other way (or declared in
  // reverse), it reads top down but an insert no longer keeps every untouched pair's order
  // at 1,000 components (server/test/diagram: column-order and scene tests fail).
  const orderEdges: Graph['edges'] = [];
  for (let i = 1; i < dns.length; i++) orderEdges.push({ tail: dns[i - 1], head: dns[i], attributes: { style: 'invis' } });
  for (const leaves of byComponent.values()) if (leaves.length > 1) rank('same', leaves);
  rank('max', sinks);
  orderEdges.push(...sinkColumnOrder(content, children, gvName));

  const edgeIds = new Map<string, string>();
  const edges: Graph['edges'] = [];
  for (const link of content.links) {
    const tail = gvName.get(link.from);
    const head = gvName.get(link.to);
    if (!tail || !head) continue;
    const id = `e${edges.length}`;
    edgeIds.set(id, link.id);
    const attributes: Record<string, string> = { id };
    let tailNode = tail;
    let headNode = head;
    if (head.startsWith('cluster_')) {
      headNode = anchor.get(link.to) ?? head;
      attributes.lhead = head;
    }
    if (tail.startsWith('cluster_')) {
      tailNode = anchor.get(link.from) ?? tail;
      attributes.ltail = tail;
    }
    if (link.optional || link.inferred) attributes.style = 'dashed';
    edges.push({ tail: tailNode, head: headNode, attributes });
  }

  const graph: Graph = {
    directed: true,
    graphAttributes: {
      rankdir: 'LR',
      newrank: true,
      compound: true,
      nodesep: 0.3,
      ranksep: 0.6,
      // Straight segments rather than curves: dot's splines bend around every cluster they
      // pass, and each bend can cross another edge. Measured with readability.ts: 479 → 208
      // crossings on the 60-component design, 3104 → 1746 on 100 workloads drawn per replica;
      // node positions are the same (only the routing changes).
      splines: 'polyline',
      // No second, whole-graph mincross after the clusters are laid out: that pass moves nodes
      // inside clusters for crossings anywhere in the graph, so one node added reshuffles
      // untouched clusters. Without it, a one-workload insert into 100 workloads in groups keeps
      // 305 of 306 sibling pairs (was 286) and drawn a box per replica 1,557 of 1,577 (was
      // 1,213), at the same crossings (386 and 1,745, were 393 and 1,746) and layout time.
      remincross: false,
      fontname: 'Helvetica',
    },
    nodeAttributes: { shape: 'box', fixedsize: true, label: '' },
    edgeAttributes: { arrowsize: 0.7 },
    nodes,
    subgraphs,
    edges: [...edges, ...orderEdges],
  };
  return { graph, names, edgeIds };
}

/**
 * Invisible flat edges through the last column (the sinks), among siblings: within each
 * zone, each host and the top level, every child that holds a sink (itself, or through a host
 * or zone) is chained to the next such child by its first sink, in the file's order. The
 * chain is the same before and after an edit elsewhere, and dot's mincross works around it,
 * so a new component's edges cannot pull one data store past another. Without it, one
 * component depending on a database, inserted at 1,000 components, moved 15 of 209,273
 * sibling pairs; with it, none (bench/diagram.bench.ts), at the same layout time.
 */
function sinkColumnOrder(content: DiagramContent, children: Map<string | undefined, DiagramBox[]>, gvName: Map<string, string>): NonNullable<Graph['edges']> {
  const parentOf = new Map(content.boxes.map((box) => [box.id, box.parent]));
  /** Box id → the first sink leaf inside it (a sink leaf is its own). */
  const firstSink = new Map<string, string>();
  for (const box of content.boxes) {
    if (!box.sink) continue;
    const leaf = gvName.get(box.id);
    if (!leaf) continue;
    for (let id: string | undefined = box.id; id !== undefined && !firstSink.has(id); id = parentOf.get(id)) firstSink.set(id, leaf);
  }
  const edges: NonNullable<Graph['edges']> = [];
  for (const siblings of children.values()) {
    let previous: string | undefined;
    for (const child of siblings) {
      const leaf = firstSink.get(child.id);
      if (!leaf) continue;
      if (previous && previous !== leaf) edges.push({ tail: previous, head: leaf, attributes: { style: 'invis' } });
      previous = leaf;
    }
  }
  return edges;
}

interface GvJson {
  bb?: string;
  objects?: { name: string; bb?: string; pos?: string; width?: string; height?: string }[];
  edges?: { id?: string; pos?: string }[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function fromJson(json: GvJson, names: Map<string, string>, edgeIds: Map<string, string>): Layout {
  const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = numbers(json.bb ?? '0,0,0,0');
  const width = bx2 - bx1;
  const height = by2 - by1;
  const boxes = new Map<string, Rect>();
  for (const o of json.objects ?? []) {
    const id = names.get(o.name);
    if (!id) continue;
    if (o.bb) {
      const [x1, y1, x2, y2] = numbers(o.bb);
      const top = Math.min(y1, y2);
      boxes.set(id, { x: round1(x1), y: round1(top), width: round1(x2 - x1), height: round1(Math.abs(y2 - y1)) });
    } else if (o.pos) {
      const [cx, cy] = numbers(o.pos);
      const w = Number(o.width) * 72;
      const h = Number(o.height) * 72;
      boxes.set(id, { x: round1(cx - w / 2), y: round1(cy - h / 2), width: round1(w), height: round1(h) });
    }
  }
  const edges = new Map<string, EdgeGeometry>();
  for (const e of json.edges ?? []) {
    const id = e.id ? edgeIds.get(e.id) : undefined;
    if (!id || !e.pos) continue;
    edges.set(id, parseSpline(e.pos));
  }
  return { width: round1(Math.abs(width)), height: round1(Math.abs(height)), boxes, edges };
}

/** "e,x,y s,x,y x,y x,y ..." (first spline only: no `concentrate`, so there is one). */
function parseSpline(pos: string): EdgeGeometry {
  const points: { x: number; y: number }[] = [];
  let arrowTip: { x: number; y: number } | undefined;
  for (const part of pos.split(';')[0].trim().split(/\s+/)) {
    const fields = part.split(',');
    if (fields[0] === 'e') arrowTip = { x: round1(Number(fields[1])), y: round1(Number(fields[2])) };
    else if (fields[0] !== 's') points.push({ x: round1(Number(fields[0])), y: round1(Number(fields[1])) });
  }
  return { points, arrowTip };
}

function numbers(s: string): number[] {
  return s.split(',').map(Number);
}
