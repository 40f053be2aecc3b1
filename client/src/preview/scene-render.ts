// Draws a Scene into an SVG group with DOM calls, diffing by id so that unchanged elements
// (and the zoom and pan around them) survive each edit. Every string from the file goes in
// through `textContent` or `setAttribute`, never as markup.

import type { Scene, SceneEdge, SceneNode, SceneStatus } from '../../../server/src/diagram/scene-types';
import { anyOfLabelPoint, anyOfText, edgeWidth, METRICS } from '../../../server/src/diagram/metrics';
import { replicaText, visibleText } from '../../../server/src/diagram/text';
import { type DomDocument, type DomElement, SVG_NS } from './dom';
import { countOps, diffById, type DiffOp } from './scene-diff';

const STATUSES: readonly SceneStatus[] = ['ok', 'spof', 'error', 'warning', 'info'];
const KINDS: readonly string[] = ['zone', 'host', 'group', 'instance', 'workload', 'dns'];

/** The interaction state the preview shows on top of the scene. */
export interface Marks {
  selected?: string;
  highlighted: ReadonlySet<string>;
  down: ReadonlySet<string>;
  degraded: ReadonlySet<string>;
  failed: ReadonlySet<string>;
  /** Heat-map level (1–5) by node id, while the heat map is on; other nodes have none. */
  heat?: ReadonlyMap<string, number>;
  /** ×N nodes with some replicas lost in the what-if: how many. */
  lost?: ReadonlyMap<string, number>;
  /** While focused: the nodes kept in full view (the rest is dimmed) and the blast radius. */
  focus?: { centre: string; shown: ReadonlySet<string>; blast: ReadonlySet<string> };
  /** Search matches, and the one the search is on. */
  matches?: ReadonlySet<string>;
  currentMatch?: string;
}

export const NO_MARKS: Marks = { highlighted: new Set(), down: new Set(), degraded: new Set(), failed: new Set() };

/** The heat-map levels: a share of the downtime at or above each lower bound, from the top. */
export const HEAT_LEVELS: readonly { level: number; min: number; label: string }[] = [
  { level: 5, min: 0.25, label: '≥ 25 %' },
  { level: 4, min: 0.1, label: '10–25 %' },
  { level: 3, min: 0.03, label: '3–10 %' },
  { level: 2, min: 0.01, label: '1–3 %' },
  { level: 1, min: 0, label: '< 1 %' },
];

/** A share of the downtime → its heat-map level. */
export function heatLevel(share: number): number {
  return (HEAT_LEVELS.find((l) => share >= l.min) ?? HEAT_LEVELS[HEAT_LEVELS.length - 1]).level;
}

export interface RenderStats {
  nodes: Record<DiffOp<unknown>['kind'], number>;
  edges: Record<DiffOp<unknown>['kind'], number>;
}

/** Parents before children, so that containers are painted under what they contain. */
export function paintOrder(nodes: readonly SceneNode[]): SceneNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (node: SceneNode): number => {
    let d = 0;
    const seen = new Set<string>([node.id]);
    for (let p = node.parent; p !== undefined && byId.has(p) && !seen.has(p); p = byId.get(p)?.parent) {
      seen.add(p);
      d++;
    }
    return d;
  };
  return nodes
    .map((node, index) => ({ node, index, depth: depth(node) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((e) => e.node);
}

/** Zones, hosts and open groups: painted under the edges, which run across them. */
export function isContainerNode(node: Pick<SceneNode, 'kind' | 'collapsed'>): boolean {
  return node.kind === 'zone' || node.kind === 'host' || (node.kind === 'group' && !node.collapsed);
}

export class SceneRenderer {
  // Three layers, bottom to top: containers, edges, leaves (as the SVG export paints them),
  // so that a filled zone or group never hides the edges inside it.
  private readonly containerLayer: DomElement;
  private readonly edgeLayer: DomElement;
  private readonly nodeLayer: DomElement;
  private readonly containerElements = new Map<string, DomElement>();
  private readonly nodeElements = new Map<string, DomElement>();
  private readonly edgeElements = new Map<string, DomElement>();
  /** The text of each ×N badge, rewritten when replicas are lost in a what-if. */
  private readonly replicaTexts = new Map<string, DomElement>();
  private containers: SceneNode[] = [];
  private leaves: SceneNode[] = [];
  private edges: SceneEdge[] = [];

  constructor(
    private readonly doc: DomDocument,
    root: DomElement,
  ) {
    this.containerLayer = this.svg('g', { class: 'ir-containers' });
    this.edgeLayer = this.svg('g', { class: 'ir-edges' });
    this.nodeLayer = this.svg('g', { class: 'ir-nodes' });
    root.replaceChildren(this.containerLayer, this.edgeLayer, this.nodeLayer);
  }

  private nodeIndex = new Map<string, SceneNode>();

  /** The node drawn for an id, if any (for hit tests and tests). */
  node(id: string): SceneNode | undefined {
    return this.nodeIndex.get(id);
  }

  element(id: string): DomElement | undefined {
    return this.nodeElements.get(id) ?? this.containerElements.get(id);
  }

  render(scene: Scene): RenderStats {
    const nodes = paintOrder(scene.nodes);
    this.nodeIndex = new Map(nodes.map((n) => [n.id, n]));
    const containers = nodes.filter(isContainerNode);
    const leaves = nodes.filter((n) => !isContainerNode(n));
    const containerOps = diffById(this.containers, containers);
    const leafOps = diffById(this.leaves, leaves);
    const edgeOps = diffById(this.edges, scene.edges);
    // A group that collapses moves from the container layer to the leaf layer: a removal
    // from one and an addition to the other (each layer has its own elements).
    this.apply(this.containerLayer, this.containerElements, containerOps, (el, node) => this.drawNode(el, node), 'g');
    this.apply(this.nodeLayer, this.nodeElements, leafOps, (el, node) => this.drawNode(el, node), 'g');
    this.apply(this.edgeLayer, this.edgeElements, edgeOps, (el, edge) => this.drawEdge(el, edge), 'g');
    this.containers = containers;
    this.leaves = leaves;
    this.edges = [...scene.edges];
    const nodeCounts = countOps(containerOps);
    for (const [kind, n] of Object.entries(countOps(leafOps)) as [keyof typeof nodeCounts, number][]) nodeCounts[kind] += n;
    return { nodes: nodeCounts, edges: countOps(edgeOps) };
  }

  /** Sets the state classes (selection, cursor highlight, what-if) on every drawn element. */
  mark(marks: Marks): void {
    for (const [id, el] of [...this.containerElements, ...this.nodeElements]) {
      el.classList.toggle('ir-selected', marks.selected === id);
      el.classList.toggle('ir-highlight', marks.highlighted.has(id));
      el.classList.toggle('ir-down', marks.down.has(id));
      el.classList.toggle('ir-degraded', marks.degraded.has(id) && !marks.down.has(id));
      el.classList.toggle('ir-failed', marks.failed.has(id));
      const heat = marks.heat?.get(id);
      if (heat === undefined) el.removeAttribute('data-heat');
      else el.setAttribute('data-heat', String(heat));
      const lost = marks.down.has(id) ? undefined : marks.lost?.get(id);
      el.classList.toggle('ir-partly-down', lost !== undefined);
      if (lost === undefined) el.removeAttribute('data-lost-replicas');
      else el.setAttribute('data-lost-replicas', String(lost));
      const replicaText = this.replicaTexts.get(id);
      const replicas = this.node(id)?.replicas;
      if (replicaText && replicas !== undefined) replicaText.textContent = replicaBadge(replicas, lost);
      el.classList.toggle('ir-dimmed', marks.focus !== undefined && !marks.focus.shown.has(id));
      el.classList.toggle('ir-blast', marks.focus?.blast.has(id) ?? false);
      el.classList.toggle('ir-focus-centre', marks.focus?.centre === id);
      el.classList.toggle('ir-match', marks.matches?.has(id) ?? false);
      el.classList.toggle('ir-match-current', marks.currentMatch === id);
    }
    for (const edge of this.edges) {
      const el = this.edgeElements.get(edge.id);
      el?.classList.toggle('ir-down', marks.down.has(edge.from) || marks.down.has(edge.to));
      el?.classList.toggle('ir-dimmed', marks.focus !== undefined && !(marks.focus.shown.has(edge.from) && marks.focus.shown.has(edge.to)));
    }
  }

  private apply<T extends { id: string }>(
    layer: DomElement,
    elements: Map<string, DomElement>,
    ops: readonly DiffOp<T>[],
    draw: (el: DomElement, item: T) => void,
    tag: string,
  ): void {
    for (const op of ops) {
      if (op.kind === 'remove') {
        const el = elements.get(op.id);
        if (el) layer.removeChild(el);
        elements.delete(op.id);
        this.replicaTexts.delete(op.id);
        continue;
      }
      let el = elements.get(op.id);
      if (op.kind === 'add' || el === undefined) {
        el = this.svg(tag, {});
        elements.set(op.id, el);
        draw(el, op.item);
      } else if (op.kind === 'update') {
        draw(el, op.item);
      }
      // Ops come in the new order: put the element at its index if it is not there yet.
      const current = layer.children[op.index];
      if (current !== el) layer.insertBefore(el, (current as DomElement | undefined) ?? null);
    }
  }

  private drawNode(g: DomElement, node: SceneNode): void {
    const kind = KINDS.includes(node.kind) ? node.kind : 'instance';
    const status = STATUSES.includes(node.status) ? node.status : 'ok';
    const total = node.findings.error + node.findings.warning + node.findings.info;
    const cls = ['ir-node', `ir-kind-${kind}`, `ir-status-${status}`];
    if (node.spof) cls.push('ir-spof');
    if (node.fault) cls.push('ir-can-fail');
    g.setAttribute('class', cls.join(' '));
    g.setAttribute('id', node.id);
    g.setAttribute('data-node-id', node.id);
    g.setAttribute('data-kind', kind);
    g.setAttribute('data-status', status);
    g.setAttribute('data-spof', String(node.spof));
    g.setAttribute('data-findings', String(total));
    g.setAttribute('data-target-kind', node.target.kind);
    g.setAttribute('data-target-id', node.target.id);
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', ariaLabel(node, total));
    if (node.replicas !== undefined) g.setAttribute('data-replicas', String(node.replicas));
    if (kind === 'group') {
      g.setAttribute('data-group', node.target.id);
      g.setAttribute('data-collapsed', String(node.collapsed === true));
    }

    const container = kind === 'zone' || kind === 'host' || (kind === 'group' && !node.collapsed);
    const children: DomElement[] = [];
    children.push(this.text('title', tooltip(node, total), {}));
    children.push(this.svg('rect', { class: 'ir-box', x: num(node.x), y: num(node.y), width: num(node.width), height: num(node.height), rx: container ? '6' : '4' }));
    const label = node.displayLabel ?? node.label;
    const detail = node.displayDetail ?? node.detail;
    // A group's label row starts with its collapse/expand button.
    const indent = kind === 'group' ? 8 + METRICS.groupToggleWidth : 8;
    if (kind === 'group') children.push(this.groupToggle(node));
    if (container) {
      children.push(this.text('text', label, { class: 'ir-label', x: num(node.x + indent), y: num(node.y + 14) }));
      if (detail) children.push(this.text('text', detail, { class: 'ir-detail', x: num(node.x + indent), y: num(node.y + 26) }));
    } else {
      const cx = node.x + node.width / 2;
      const labelY = detail ? node.y + node.height / 2 - 2 : node.y + node.height / 2 + 4;
      children.push(this.text('text', label, { class: 'ir-label', x: num(cx), y: num(labelY), 'text-anchor': 'middle' }));
      if (detail) children.push(this.text('text', detail, { class: 'ir-detail', x: num(cx), y: num(labelY + 12), 'text-anchor': 'middle' }));
    }
    let badgeRight = node.x + node.width - 4;
    if (total > 0) {
      const sev = node.findings.error > 0 ? 'error' : node.findings.warning > 0 ? 'warning' : 'info';
      const text = String(total);
      const w = 8 + 6 * text.length;
      children.push(this.badge(`ir-badge ir-badge-findings ir-sev-${sev}`, text, badgeRight - w, node.y - 7, w));
      badgeRight -= w + 3;
    }
    if (node.spof) children.push(this.badge('ir-badge ir-badge-spof', 'SPOF', badgeRight - 34, node.y - 7, 34));
    if (node.replicas !== undefined) {
      const text = replicaBadge(node.replicas, undefined);
      const badge = this.badge('ir-badge ir-badge-replicas', text, node.x + 6, node.y - 7, 8 + 6 * (text.length + 7));
      children.push(badge);
      this.replicaTexts.set(node.id, badge.children[1] as DomElement);
    } else {
      this.replicaTexts.delete(node.id);
    }
    g.replaceChildren(...children);
  }

  /** The "−" (collapse) or "+" (expand) button in a group's label row. */
  private groupToggle(node: SceneNode): DomElement {
    const collapsed = node.collapsed === true;
    const name = visibleText(node.label);
    const g = this.svg('g', {
      class: 'ir-group-toggle',
      'data-toggle-group': node.target.id,
      role: 'button',
      tabindex: '0',
      'aria-label': `${collapsed ? 'Expand' : 'Collapse'} group ${name}`,
    });
    g.appendChild(this.text('title', `${collapsed ? 'Expand' : 'Collapse'} group ${name} (C)`, {}));
    g.appendChild(this.svg('rect', { x: num(node.x + 5), y: num(node.y + 4), width: '14', height: '14', rx: '3' }));
    g.appendChild(this.text('text', collapsed ? '+' : '−', { x: num(node.x + 12), y: num(node.y + 15), 'text-anchor': 'middle' }));
    return g;
  }

  private badge(cls: string, text: string, x: number, y: number, width: number): DomElement {
    const g = this.svg('g', { class: cls });
    g.appendChild(this.svg('rect', { x: num(x), y: num(y), width: num(width), height: '14', rx: '7' }));
    g.appendChild(this.text('text', text, { x: num(x + width / 2), y: num(y + 10.5), 'text-anchor': 'middle' }));
    return g;
  }

  private drawEdge(g: DomElement, edge: SceneEdge): void {
    const cls = ['ir-edge', `ir-edge-${edge.kind === 'dns' ? 'dns' : 'depends'}`];
    if (edge.optional) cls.push('ir-edge-optional');
    if (edge.inferred) cls.push('ir-edge-inferred');
    if (edge.merged) {
      cls.push('ir-edge-merged');
      g.setAttribute('data-merged', String(edge.merged));
      g.setAttribute('style', `--ir-edge-width: ${num(edgeWidth(edge))}px`);
    }
    g.setAttribute('class', cls.join(' '));
    g.setAttribute('data-edge-id', edge.id);
    g.setAttribute('data-from', edge.from);
    g.setAttribute('data-to', edge.to);
    const children = [this.svg('path', { class: 'ir-edge-line', d: edgePath(edge) })];
    const head = arrowHead(edge);
    if (head) children.push(this.svg('path', { class: 'ir-edge-head', d: head }));
    if (edge.anyOf) {
      cls.push('ir-edge-any-of');
      g.setAttribute('class', cls.join(' '));
      const at = anyOfLabelPoint(edge);
      const { label, tooltip } = anyOfText(edge.anyOf);
      const text = this.text('text', label, { class: 'ir-edge-any-of-label', x: num(at.x), y: num(at.y), 'text-anchor': 'middle' });
      text.appendChild(this.text('title', tooltip, {}));
      children.push(text);
    }
    g.replaceChildren(...children);
  }

  private svg(tag: string, attributes: Record<string, string>): DomElement {
    const el = this.doc.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return el;
  }

  private text(tag: 'text' | 'title', content: string, attributes: Record<string, string>): DomElement {
    const el = this.svg(tag, attributes);
    el.textContent = content;
    return el;
  }
}

function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

/** "×3", or "×3 · 1 down" while a what-if has lost some of the replicas. */
export function replicaBadge(replicas: number, lost: number | undefined): string {
  return lost ? `×${replicas} · ${lost} down` : `×${replicas}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingsText(node: SceneNode, total: number): string {
  if (total === 0) return 'no findings';
  const parts: string[] = [];
  if (node.findings.error) parts.push(plural(node.findings.error, 'error'));
  if (node.findings.warning) parts.push(plural(node.findings.warning, 'warning'));
  if (node.findings.info) parts.push(plural(node.findings.info, 'info'));
  return parts.join(', ');
}

// Tooltip and aria-label hold the full name, made visible like the SVG export's: a direction
// override shows as [U+202E] instead of reversing the text after it.
function tooltip(node: SceneNode, total: number): string {
  const head = node.detail ? `${visibleText(node.label)} (${visibleText(node.detail)})` : visibleText(node.label);
  const replicas = replicaText(node);
  return `${head}\n${replicas ? `${replicas}. ` : ''}${node.spof ? 'Single point of failure. ' : ''}${findingsText(node, total)}`;
}

function ariaLabel(node: SceneNode, total: number): string {
  return `${node.kind} ${visibleText(node.label)}${node.spof ? ', single point of failure' : ''}, ${findingsText(node, total)}`;
}

/** Path data made only of commands and numbers; anything else is rebuilt from the points. */
const SAFE_PATH = /^[MCLHVZmclhvz0-9eE.,+\-\s]*$/;

export function edgePath(edge: SceneEdge): string {
  if (edge.path && SAFE_PATH.test(edge.path)) return edge.path;
  const p = edge.points;
  if (p.length === 0) return '';
  const pt = (q: { x: number; y: number }): string => `${num(q.x)},${num(q.y)}`;
  if (edge.curve === 'bezier' && p.length >= 4 && (p.length - 1) % 3 === 0) {
    let d = `M${pt(p[0])}`;
    for (let i = 1; i < p.length; i += 3) d += ` C${pt(p[i])} ${pt(p[i + 1])} ${pt(p[i + 2])}`;
    return d;
  }
  return `M${pt(p[0])}` + p.slice(1).map((q) => ` L${pt(q)}`).join('');
}

/** A triangle from the end of the line to the arrow's tip (or along the last segment). */
export function arrowHead(edge: SceneEdge): string | undefined {
  const p = edge.points;
  if (p.length === 0) return undefined;
  const base = p[p.length - 1];
  let tip = edge.arrowTip;
  let from = base;
  if (!tip) {
    if (p.length < 2) return undefined;
    tip = base;
    from = p[p.length - 2];
  }
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy);
  if (!(len > 0)) return undefined;
  const size = Math.min(9, Math.max(6, len));
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip.x - ux * size;
  const by = tip.y - uy * size;
  const half = size * 0.45;
  return `M${num(tip.x)},${num(tip.y)} L${num(bx - uy * half)},${num(by + ux * half)} L${num(bx + uy * half)},${num(by - ux * half)} Z`;
}
