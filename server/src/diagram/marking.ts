// How each box is marked: the findings about its element (counted, worst severity wins) and
// whether it is a single point of failure.

import type { Spof } from '../analysis/failure-types';
import type { Finding } from '../model/findings';
import { absoluteName } from '../model/build';
import type { Design } from '../model/types';
import type { DiagramBox } from './content';
import type { SceneNode, SceneStatus } from './scene-types';

export type Marks = Pick<SceneNode, 'status' | 'spof' | 'findings'>;

export function markBoxes(
  boxes: readonly DiagramBox[],
  findings: readonly Finding[],
  spofs: readonly Spof[] | null,
  design: Design,
): Map<string, Marks> {
  const counts = new Map<string, SceneNode['findings']>();
  for (const f of findings) {
    if (f.target.kind === 'document') continue;
    const id = f.target.kind === 'dns' ? absoluteName(f.target.id, design.domain) || f.target.id : f.target.id;
    const key = targetKey(f.target.kind, id);
    const c = counts.get(key) ?? { error: 0, warning: 0, info: 0 };
    c[f.severity]++;
    counts.set(key, c);
  }
  const spofKeys = new Set((spofs ?? []).map((s) => targetKey(s.kind, s.id)));

  const marks = new Map<string, Marks>();
  for (const box of boxes) {
    if (box.collapsed) continue;
    const key = targetKey(box.target.kind, box.target.id);
    const found = counts.get(key) ?? { error: 0, warning: 0, info: 0 };
    const spof = spofKeys.has(key);
    marks.set(box.id, { status: spof ? 'spof' : worst(found), spof, findings: { ...found } });
  }
  // A collapsed group shows what it hides: its components' findings added up, and SPOF when
  // one of them is one (the group itself is no element that fails).
  for (const box of boxes) {
    if (!box.collapsed) continue;
    const found = { error: 0, warning: 0, info: 0 };
    let spof = false;
    for (const component of design.components.values()) {
      if (component.group !== box.target.id) continue;
      const key = targetKey('component', component.id);
      const c = counts.get(key);
      if (c) for (const severity of ['error', 'warning', 'info'] as const) found[severity] += c[severity];
      spof ||= spofKeys.has(key);
    }
    marks.set(box.id, { status: spof ? 'spof' : worst(found), spof, findings: found });
  }
  return marks;
}

function targetKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

function worst(c: SceneNode['findings']): SceneStatus {
  return c.error ? 'error' : c.warning ? 'warning' : c.info ? 'info' : 'ok';
}
