// The analysed design → a laid-out, marked Scene: content (what is shown) + layout (where)
// + marking (how it looks), joined node by node in the content's order.

import type { AnalysisResult } from '../analysis/engine';
import type { ColumnOrder } from './column-order';
import { diagramContent } from './content';
import type { DiagramOptions } from './content';
import { layoutDiagram } from './layout';
import { METRICS } from './metrics';
import type { EdgeGeometry } from './layout';
import { markBoxes } from './marking';
import type { Scene, SceneEdge, SceneNode } from './scene-types';
import { displayText } from './text';

export const LEGEND: Scene['legend'] = [
  { status: 'ok', label: 'No findings' },
  { status: 'spof', label: 'Single point of failure' },
  { status: 'error', label: 'Error' },
  { status: 'warning', label: 'Warning' },
  { status: 'info', label: 'Info' },
  { status: 'down', label: 'Down (what-if)' },
  { status: 'degraded', label: 'Degraded (what-if)' },
];

export async function buildScene(result: AnalysisResult, options: DiagramOptions & { previousOrder?: ColumnOrder } = {}): Promise<Scene> {
  const content = diagramContent(result.design, result.model, options);
  const layout = await layoutDiagram(content, options.previousOrder);
  const marks = markBoxes(content.boxes, result.findings, result.spofs, result.design);
  const sourceMap = result.parsed.sourceMap;

  const nodes: SceneNode[] = [];
  for (const box of content.boxes) {
    const rect = layout.boxes.get(box.id);
    const mark = marks.get(box.id);
    if (!rect || !mark) continue;
    const node: SceneNode = {
      id: box.id,
      kind: box.kind,
      label: box.label,
      displayLabel: displayText(box.label, METRICS.maxLabelChars),
      ...rect,
      status: mark.status,
      spof: mark.spof,
      findings: mark.findings,
      target: box.target,
      range: sourceMap.rangeOf(result.locator.documentPath(box.rangePath), box.rangePart),
    };
    if (box.detail !== undefined) {
      node.detail = box.detail;
      node.displayDetail = displayText(box.detail, METRICS.maxLabelChars);
    }
    if (box.parent !== undefined) node.parent = box.parent;
    if (box.fault) node.fault = box.fault;
    if (box.faults) node.faults = box.faults;
    if (box.replicas !== undefined) node.replicas = box.replicas;
    if (box.zones) node.zones = box.zones;
    if (box.collapsed) node.collapsed = true;
    if (box.members) node.members = box.members;
    nodes.push(node);
  }

  const edges: SceneEdge[] = [];
  for (const link of content.links) {
    const geometry = layout.edges.get(link.id);
    if (!geometry || geometry.points.length < 2) continue;
    const edge: SceneEdge = {
      id: link.id,
      kind: link.kind,
      from: link.from,
      to: link.to,
      optional: link.optional,
      points: geometry.points,
      curve: 'bezier',
      path: pathData(geometry),
    };
    if (geometry.arrowTip) edge.arrowTip = geometry.arrowTip;
    if (link.inferred) edge.inferred = true;
    if (link.merged) edge.merged = link.merged;
    if (link.anyOf) edge.anyOf = [...link.anyOf];
    edges.push(edge);
  }

  const scene: Scene = { width: layout.width, height: layout.height, nodes, edges, legend: LEGEND.map((l) => ({ ...l })) };
  if (result.design.name !== undefined) scene.title = result.design.name;
  return scene;
}

/** "M x,y C x,y x,y x,y ..." from 1 + 3k control points (a polyline when they do not fit). */
export function pathData(geometry: EdgeGeometry): string {
  const p = geometry.points;
  const xy = (i: number): string => `${p[i].x},${p[i].y}`;
  let d = `M${xy(0)}`;
  if ((p.length - 1) % 3 === 0) {
    for (let i = 1; i + 2 < p.length; i += 3) d += ` C${xy(i)} ${xy(i + 1)} ${xy(i + 2)}`;
  } else {
    for (let i = 1; i < p.length; i++) d += ` L${xy(i)}`;
  }
  return d;
}
