// A Scene → one standalone SVG document. Every string from the file goes through escapeXml
// (text or quoted attribute value); the document has no script, no foreignObject, no link
// and no external reference, so it is safe to open anywhere.

import type { Scene, SceneEdge, SceneNode, SceneStatus } from './scene-types';
import { anyOfLabelPoint, anyOfText, edgeWidth, METRICS } from './metrics';
import { escapeXml, escapeXmlLines, replicaText, textWidth, visibleText } from './text';
import { resolveTheme, statusColour } from './theme';
import type { Theme, ThemeRole } from './theme';

export interface SvgOptions {
  theme?: Partial<Record<ThemeRole, string>>;
  /** Shown above the diagram; defaults to the design's name. */
  title?: string;
}

const MARGIN = 16;
const TITLE_HEIGHT = 26;
const LEGEND_HEIGHT = 26;
const BADGE_HEIGHT = 14;
const FONT_FAMILY = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

const n = (v: number): string => String(Math.round(v * 10) / 10);

export function renderSceneSvg(scene: Scene, options: SvgOptions = {}): string {
  const theme = resolveTheme(options.theme);
  const title = options.title ?? scene.title;
  const header = (title ? TITLE_HEIGHT : 0) + LEGEND_HEIGHT;
  const legend = renderLegend(scene, theme, MARGIN, (title ? TITLE_HEIGHT : 0) + MARGIN);
  const width = Math.ceil(Math.max(scene.width, legend.width) + 2 * MARGIN);
  const height = Math.ceil(scene.height + header + 2 * MARGIN);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="${FONT_FAMILY}" role="img" aria-label="${escapeXml(title ? `Diagram of ${title}` : 'Infrastructure diagram')}">`,
  );
  out.push(`<title>${escapeXml(title ?? 'Infrastructure diagram')}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="${theme.background}"/>`);
  if (title) {
    out.push(`<text x="${MARGIN}" y="${MARGIN + 14}" font-size="16" font-weight="600" fill="${theme.foreground}">${escapeXml(title)}</text>`);
  }
  out.push(legend.svg);
  out.push(`<g transform="translate(${MARGIN},${MARGIN + header})">`);

  // Containers first (zones under hosts, groups beside them), then arrows, then the boxes
  // they point at.
  const leaf = (node: SceneNode): boolean => node.kind === 'instance' || node.kind === 'workload' || node.kind === 'dns' || (node.kind === 'group' && node.collapsed === true);
  for (const kind of ['zone', 'host', 'group'] as const) {
    for (const node of scene.nodes) if (node.kind === kind && !leaf(node)) out.push(renderCluster(node, theme));
  }
  out.push('<g class="edges">');
  for (const edge of scene.edges) out.push(renderEdge(edge, theme));
  out.push('</g>');
  for (const node of scene.nodes) if (leaf(node)) out.push(renderLeaf(node, theme));

  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function nodeOpen(node: SceneNode): string {
  return (
    `<g data-node-id="${escapeXml(node.id)}" data-kind="${escapeXml(node.kind)}" data-status="${escapeXml(node.status)}"` +
    `${node.spof ? ' data-spof="true"' : ''}>` +
    `<title>${escapeXmlLines(tooltip(node))}</title>`
  );
}

/** The full, untruncated text of a node, for the tooltip: lines of text from the file. */
export function tooltip(node: SceneNode): string {
  const kind = node.kind === 'instance' || node.kind === 'workload' ? 'component' : node.kind === 'dns' ? 'DNS name' : node.kind;
  const lines = [`${kind} ${node.label}`];
  if (node.detail) lines.push(node.detail);
  const replicas = replicaText(node);
  if (replicas) lines.push(replicas);
  if (node.spof) lines.push('Single point of failure');
  const { error, warning, info } = node.findings;
  const parts = [plural(error, 'error'), plural(warning, 'warning'), plural(info, 'info')].filter(Boolean);
  if (parts.length) lines.push(parts.join(', '));
  return lines.join('\n');
}

function plural(count: number, word: string): string {
  return count === 0 ? '' : `${count} ${word}${count > 1 && word !== 'info' ? 's' : ''}`;
}

function stroke(node: SceneNode, theme: Theme): { colour: string; width: number } {
  if (node.status === 'ok') return { colour: node.kind === 'zone' || node.kind === 'host' ? theme.border : theme.ok, width: 1 };
  return { colour: statusColour(theme, node.status), width: node.status === 'spof' ? 2.5 : 1.5 };
}

function renderCluster(node: SceneNode, theme: Theme): string {
  const s = stroke(node, theme);
  const fill = node.spof ? theme.spofFill : node.kind === 'host' ? theme.hostFill : theme.zoneFill;
  const dash = node.kind === 'zone' ? ' stroke-dasharray="6 3"' : '';
  const font = node.kind === 'zone' ? METRICS.zoneFont : METRICS.clusterFont;
  const label = node.displayLabel ?? node.label;
  const parts = [
    nodeOpen(node),
    `<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="6" fill="${fill}" stroke="${s.colour}" stroke-width="${s.width}"${dash}/>`,
    `<text x="${n(node.x + 8)}" y="${n(node.y + 16)}" font-size="${font}" font-weight="600" fill="${theme.foreground}">${escapeXml(label)}</text>`,
  ];
  if (node.displayDetail ?? node.detail) {
    const dx = textWidth(label, font) + 14;
    parts.push(
      `<text x="${n(node.x + dx)}" y="${n(node.y + 16)}" font-size="${METRICS.detailFont}" fill="${theme.muted}">${escapeXml(node.displayDetail ?? node.detail ?? '')}</text>`,
    );
  }
  parts.push(renderBadges(node, theme), '</g>');
  return parts.join('');
}

function renderLeaf(node: SceneNode, theme: Theme): string {
  const s = stroke(node, theme);
  const fill = node.spof ? theme.spofFill : node.kind === 'dns' ? theme.dnsFill : node.kind === 'group' ? theme.zoneFill : theme.instanceFill;
  const detail = node.displayDetail ?? node.detail;
  const labelY = detail ? node.y + node.height / 2 - 2 : node.y + node.height / 2 + 4;
  const parts = [
    nodeOpen(node),
    `<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="${node.kind === 'dns' ? 16 : 4}" fill="${fill}" stroke="${s.colour}" stroke-width="${s.width}"/>`,
    `<text x="${n(node.x + 10)}" y="${n(labelY)}" font-size="${METRICS.labelFont}" font-weight="600" fill="${theme.foreground}">${escapeXml(node.displayLabel ?? node.label)}</text>`,
  ];
  if (detail) {
    parts.push(`<text x="${n(node.x + 10)}" y="${n(labelY + 13)}" font-size="${METRICS.detailFont}" fill="${theme.muted}">${escapeXml(detail)}</text>`);
  }
  parts.push(renderBadges(node, theme), '</g>');
  return parts.join('');
}

/** On the top border: the ×N replica pill on the left; right-aligned, a red "SPOF" pill, then the findings count. */
function renderBadges(node: SceneNode, theme: Theme): string {
  const out: string[] = [];
  const y = node.y - BADGE_HEIGHT / 2;
  if (node.replicas !== undefined) {
    const text = `×${node.replicas}`;
    const w = Math.max(BADGE_HEIGHT, textWidth(text, 9) + 8);
    out.push(
      `<g class="badge-replicas"><rect x="${n(node.x + 6)}" y="${n(y)}" width="${n(w)}" height="${BADGE_HEIGHT}" rx="7" fill="${theme.muted}"/>` +
        `<text x="${n(node.x + 6 + w / 2)}" y="${n(y + 10.5)}" font-size="9" font-weight="700" text-anchor="middle" fill="${theme.badgeText}">${text}</text></g>`,
    );
  }
  let right = node.x + node.width - 6;
  const total = node.findings.error + node.findings.warning + node.findings.info;
  if (total > 0) {
    const text = String(total);
    const w = Math.max(BADGE_HEIGHT, textWidth(text, 9) + 8);
    right -= w;
    const worst: SceneStatus = node.findings.error ? 'error' : node.findings.warning ? 'warning' : 'info';
    out.push(
      `<g class="badge-findings"><rect x="${n(right)}" y="${n(y)}" width="${n(w)}" height="${BADGE_HEIGHT}" rx="7" fill="${statusColour(theme, worst)}"/>` +
        `<text x="${n(right + w / 2)}" y="${n(y + 10.5)}" font-size="9" font-weight="700" text-anchor="middle" fill="${theme.badgeText}">${text}</text></g>`,
    );
    right -= 4;
  }
  if (node.spof) {
    const w = 34;
    right -= w;
    out.push(
      `<g class="badge-spof"><rect x="${n(right)}" y="${n(y)}" width="${w}" height="${BADGE_HEIGHT}" rx="7" fill="${theme.spof}"/>` +
        `<text x="${n(right + w / 2)}" y="${n(y + 10.5)}" font-size="9" font-weight="700" text-anchor="middle" fill="${theme.badgeText}">SPOF</text></g>`,
    );
  }
  return out.join('');
}

function renderEdge(edge: SceneEdge, theme: Theme): string {
  const d = edge.path ?? edge.points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)},${n(p.y)}`).join(' ');
  const dash = edge.optional ? ' stroke-dasharray="5 4"' : edge.inferred ? ' stroke-dasharray="2 3"' : '';
  const parts = [
    `<g data-edge-id="${escapeXml(edge.id)}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}">`,
    `<path d="${d}" fill="none" stroke="${theme.edge}" stroke-width="${n(edgeWidth(edge))}"${dash}/>`,
  ];
  if (edge.arrowTip && edge.points.length) parts.push(arrowHead(edge.points, edge.arrowTip, theme.edge));
  if (edge.anyOf) parts.push(anyOfLabel(edge, edge.anyOf, theme));
  parts.push('</g>');
  return parts.join('');
}

/** "any of N" near the middle of an alternative's edge, and the alternatives as its tooltip. */
function anyOfLabel(edge: SceneEdge, alternatives: readonly string[], theme: Theme): string {
  const at = anyOfLabelPoint(edge);
  const { label, tooltip } = anyOfText(alternatives);
  return (
    `<text class="edge-any-of" x="${n(at.x)}" y="${n(at.y)}" font-size="8" text-anchor="middle" fill="${theme.edge}">` +
    `<title>${escapeXml(tooltip)}</title>${escapeXml(label)}</text>`
  );
}

const ARROW_LENGTH = 7;

function arrowHead(points: SceneEdge['points'], tip: { x: number; y: number }, colour: string): string {
  let base = points[points.length - 1];
  // An edge clipped at a cluster's border (DNS → host) gets a stub of an arrow from
  // Graphviz: give it the usual length, along the curve's last direction.
  if (Math.hypot(tip.x - base.x, tip.y - base.y) < ARROW_LENGTH / 2) {
    const from = [...points].reverse().find((p) => Math.hypot(tip.x - p.x, tip.y - p.y) >= ARROW_LENGTH / 2) ?? base;
    const d = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
    base = { x: tip.x - ((tip.x - from.x) / d) * ARROW_LENGTH, y: tip.y - ((tip.y - from.y) / d) * ARROW_LENGTH };
  }
  const dx = tip.x - base.x;
  const dy = tip.y - base.y;
  const length = Math.hypot(dx, dy) || 1;
  const half = Math.max(2.5, length * 0.4);
  const px = (-dy / length) * half;
  const py = (dx / length) * half;
  const corners = [
    [tip.x, tip.y],
    [base.x + px, base.y + py],
    [base.x - px, base.y - py],
  ];
  return `<polygon points="${corners.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${colour}"/>`;
}

function renderLegend(scene: Scene, theme: Theme, x0: number, y0: number): { svg: string; width: number } {
  const parts = ['<g class="legend">'];
  let x = x0;
  for (const item of scene.legend) {
    const colour = statusColour(theme, item.status);
    const label = visibleText(item.label);
    parts.push(
      `<g data-legend="${item.status}"><rect x="${n(x)}" y="${n(y0)}" width="14" height="10" rx="2" fill="${colour}"/>` +
        `<text x="${n(x + 19)}" y="${n(y0 + 9.5)}" font-size="11" fill="${theme.foreground}">${escapeXml(label)}</text></g>`,
    );
    x += 19 + textWidth(label, 11) + 16;
  }
  parts.push('</g>');
  return { svg: parts.join(''), width: x - x0 };
}
