// The preview's search box: the nodes whose name (label) or id matches what was typed, best
// first — a name equal to the query, then names that start with it, then names or ids that
// contain it — and in drawing order among equals. Case and surrounding spaces are ignored.

import type { Scene } from '../../../server/src/diagram/scene-types';

export function findNodes(scene: Scene, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const ranked: { id: string; rank: number; index: number }[] = [];
  scene.nodes.forEach((node, index) => {
    const label = node.label.toLowerCase();
    const id = node.id.toLowerCase();
    const rank = label === q ? 0 : label.startsWith(q) ? 1 : label.includes(q) ? 2 : id.includes(q) ? 3 : -1;
    if (rank >= 0) ranked.push({ id: node.id, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.id);
}

/** The match after (or, with `step` −1, before) `current`, wrapping round; the first without one. */
export function nextMatch(matches: readonly string[], current: string | undefined, step: 1 | -1 = 1): string | undefined {
  if (matches.length === 0) return undefined;
  const at = current === undefined ? -1 : matches.indexOf(current);
  if (at < 0) return step === 1 ? matches[0] : matches[matches.length - 1];
  return matches[(at + step + matches.length) % matches.length];
}
