// How much of a diagram's "mental map" survives an edit: among the nodes both scenes share,
// the pairs of siblings (same parent) that were one above the other (or side by side)
// and still are (their centres in the same order). A one-line edit should keep every pair.

import type { Scene, SceneNode } from './scene-types';

export interface OrderStability {
  /** Sibling pairs that were clearly ordered (above/below or left/right) before the edit. */
  pairs: number;
  /** Of those, the pairs still ordered the same way after it. */
  kept: number;
  /** kept / pairs as a percentage (100 when there is nothing to compare). */
  percent: number;
}

export function orderStability(before: Scene, after: Scene): OrderStability {
  const afterById = new Map(after.nodes.map((node) => [node.id, node]));
  const groups = new Map<string, [SceneNode, SceneNode][]>();
  for (const node of before.nodes) {
    const moved = afterById.get(node.id);
    if (!moved || moved.parent !== node.parent) continue;
    const key = node.parent ?? '';
    const group = groups.get(key) ?? [];
    group.push([node, moved]);
    groups.set(key, group);
  }

  let pairs = 0;
  let kept = 0;
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a0, a1] = group[i];
        const [b0, b1] = group[j];
        // "Above" means above with no vertical overlap, in a shared column; "left of" likewise.
        const vertical = overlaps(a0.x, a0.width, b0.x, b0.width) && !overlaps(a0.y, a0.height, b0.y, b0.height) ? Math.sign(a0.y - b0.y) : 0;
        const horizontal = overlaps(a0.y, a0.height, b0.y, b0.height) && !overlaps(a0.x, a0.width, b0.x, b0.width) ? Math.sign(a0.x - b0.x) : 0;
        if (vertical !== 0) {
          pairs++;
          if (Math.sign(centre(a1.y, a1.height) - centre(b1.y, b1.height)) === vertical) kept++;
        }
        if (horizontal !== 0) {
          pairs++;
          if (Math.sign(centre(a1.x, a1.width) - centre(b1.x, b1.width)) === horizontal) kept++;
        }
      }
    }
  }
  return { pairs, kept, percent: pairs ? Math.round((kept / pairs) * 10000) / 100 : 100 };
}

const centre = (start: number, size: number): number => start + size / 2;

function overlaps(start1: number, size1: number, start2: number, size2: number): boolean {
  return start1 < start2 + size2 && start2 < start1 + size1;
}
