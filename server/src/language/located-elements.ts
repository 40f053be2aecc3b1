// Elements found through the front end's locator rather than by the infra.yaml id syntax
// (ids.ts): the component a service key stands for, and a dependency written wherever its
// format writes it (a `depends_on` item, an environment value). Hover, definition and
// references fall back to these, so every format gets them without language/ knowing it.

import { isScalar } from 'yaml';
import type { AnalysisResult } from '../analysis/engine';
import { dependencyTargets, targetPath } from '../model/types';
import { isAnyOfItem } from './ids';
import type { Dependency, Path, Range } from '../model/types';

export type LocatedElement =
  | { kind: 'component' | 'host'; id: string; range: Range }
  /** `target`: the one alternative of an any-of group whose name is under the cursor. */
  | { kind: 'dependency'; from: string; dependency: Dependency; range: Range; target?: string };

/** The components a located dependency names: the alternative under the cursor, or all of them. */
export function locatedTargets(located: Extract<LocatedElement, { kind: 'dependency' }>): readonly string[] {
  return located.target !== undefined ? [located.target] : dependencyTargets(located.dependency);
}

export function locatedElementAt(result: AnalysisResult, offset: number): LocatedElement | undefined {
  const sm = result.parsed.sourceMap;
  const at = sm.nodeAtOffset(offset);
  const model = result.locator.modelPath(at.path);
  if (model?.length === 2 && model[0] === 'hosts' && typeof model[1] === 'string' && at.part === 'key') {
    const host = result.design.hosts.get(model[1]);
    const keyPath = host && result.locator.documentPath(host.path);
    if (keyPath && samePath(at.path, keyPath)) return { kind: 'host', id: host.id, range: sm.rangeOf(keyPath, 'key') };
  }
  if (!model || model[0] !== 'components' || typeof model[1] !== 'string') return undefined;
  const component = result.design.components.get(model[1]);
  if (!component) return undefined;
  if (model.length === 4 && model[2] === 'dependsOn' && typeof model[3] === 'number') {
    const dependency = component.dependsOn[model[3]];
    return dependency && { kind: 'dependency', from: component.id, dependency, range: dependencyRange(result, dependency) };
  }
  if (isAnyOfItem(model)) {
    const dependency = component.dependsOn[model[3] as number];
    const target = dependency?.anyOf?.[model[5] as number];
    return target === undefined ? undefined : { kind: 'dependency', from: component.id, dependency, target, range: dependencyRange(result, dependency, target) };
  }
  const keyPath = result.locator.documentPath(component.path);
  // Where the component is written: its key (a Compose service), or a name's key or value (a manifest's `metadata.name`).
  if (model.length === 2 && samePath(at.path, keyPath) && (at.part === 'key' || isScalar(at.node))) return { kind: 'component', id: component.id, range: sm.rangeOf(keyPath, at.part) };
  return undefined;
}

/**
 * Where a dependency names `target` (by default its component): a map key names it with the
 * key, anything else with the value.
 */
export function dependencyRange(result: AnalysisResult, dependency: Dependency, target = dependency.component): Range {
  const path = result.locator.documentPath(targetPath(dependency, target));
  const last = path[path.length - 1];
  return result.parsed.sourceMap.rangeOf(path, last === target ? 'key' : 'value');
}

/** The definition of a component, and every dependency on it, in document order. */
export function locatedReferences(result: AnalysisResult, id: string, includeDeclaration: boolean): Range[] {
  const ranges: Range[] = [];
  const component = result.design.components.get(id);
  if (component && includeDeclaration) ranges.push(result.parsed.sourceMap.rangeOf(result.locator.documentPath(component.path), 'key'));
  for (const c of result.design.components.values()) {
    for (const d of c.dependsOn) if (dependencyTargets(d).includes(id)) ranges.push(dependencyRange(result, d, id));
  }
  return ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
