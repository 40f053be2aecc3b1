// Go to definition, find references, rename and the outline: pure functions of an analysed
// document and a position. Positions and ranges are LSP-shaped (0-based, UTF-16).

import type { AnalysisResult } from '../analysis/engine';
import type { Path, Position, Range } from '../model/types';
import { sameRange } from '../model/types';
import schema from '../../../schemas/infra.schema.json';
import { elementExists, occurrenceAt, occurrencesOf, resolveKind, sectionOf } from './ids';
import type { IdKind, IdOccurrence } from './ids';
import { locatedElementAt, locatedReferences, locatedTargets } from './located-elements';

export interface EditInfo {
  range: Range;
  newText: string;
}

export interface SymbolInfo {
  name: string;
  detail?: string;
  kind: 'section' | 'zone' | 'host' | 'component' | 'dns';
  /** The whole entry (key and value). */
  range: Range;
  /** The id or name itself. */
  selectionRange: Range;
  children?: SymbolInfo[];
}

/** The schema's id pattern, the same for zones, hosts and components. */
const ID_PATTERN: Record<IdKind, RegExp> = {
  component: new RegExp(schema.definitions.componentId.pattern),
  host: new RegExp(schema.definitions.hostId.pattern),
  zone: new RegExp(schema.definitions.zoneId.pattern),
};

/** The id under the cursor and the element it names (which may not exist). */
export function targetAt(result: AnalysisResult, position: Position): { occurrence: IdOccurrence; kind: IdKind } | undefined {
  const offset = result.parsed.sourceMap.offsetAt(position);
  const occurrence = occurrenceAt(result.parsed, offset);
  if (!occurrence) return undefined;
  const kind = resolveKind(occurrence, result.design);
  return kind ? { occurrence, kind } : undefined;
}

/**
 * Where what is under the cursor is defined, as the ranges of the keys: one for an id, every
 * selected workload for a Kubernetes Service; empty for nothing.
 */
export function definitions(result: AnalysisResult, position: Position): Range[] {
  const target = targetAt(result, position);
  const sm = result.parsed.sourceMap;
  if (!target) {
    const own = result.locator.definitionsAt?.(sm.nodeAtOffset(sm.offsetAt(position)).path) ?? [];
    if (own.length > 0) return own.map((path) => sm.rangeOf(path, 'key'));
    // Where the format writes dependencies its own way (a Compose `depends_on`, an environment value).
    const located = locatedElementAt(result, sm.offsetAt(position));
    if (located?.kind !== 'dependency') return [];
    return locatedTargets(located).flatMap((id) => {
      const component = result.design.components.get(id);
      return component ? [sm.rangeOf(result.locator.documentPath(component.path), 'key')] : [];
    });
  }
  if (!elementExists(result.design, target.kind, target.occurrence.id)) return [];
  return [sm.rangeOf(elementPath(target.kind, target.occurrence.id), 'key')];
}

/** Every use of the id under the cursor, in source order; the definition too when asked. */
export function references(result: AnalysisResult, position: Position, includeDeclaration: boolean): Range[] {
  const target = targetAt(result, position);
  if (!target) {
    const located = locatedElementAt(result, result.parsed.sourceMap.offsetAt(position));
    if (located?.kind === 'component') return locatedReferences(result, located.id, includeDeclaration);
    if (located?.kind === 'dependency') {
      return locatedTargets(located).flatMap((id) => locatedReferences(result, id, includeDeclaration));
    }
    return [];
  }
  return occurrencesOf(result.parsed, result.design, target.kind, target.occurrence.id)
    .filter((o) => includeDeclaration || o.context !== 'definition')
    .map((o) => spanRange(result, o));
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

export function prepareRename(result: AnalysisResult, position: Position): PrepareRenameResult | undefined {
  const target = targetAt(result, position);
  if (!target) return undefined;
  const { occurrence, kind } = target;
  if (!elementExists(result.design, kind, occurrence.id)) {
    return { error: `There is no ${kind} "${occurrence.id}" to rename` };
  }
  return { range: spanRange(result, occurrence), placeholder: occurrence.id };
}

export type RenameResult = { edits: EditInfo[] } | { error: string };

/** Renames the element under the cursor: its key and every reference to it. */
export function rename(result: AnalysisResult, position: Position, newName: string): RenameResult | undefined {
  const prepared = prepareRename(result, position);
  if (!prepared) return undefined;
  if ('error' in prepared) return prepared;
  const { occurrence, kind } = targetAt(result, position)!;
  const oldName = occurrence.id;
  if (newName === oldName) return { edits: [] };
  if (!ID_PATTERN[kind].test(newName)) {
    return { error: `"${newName}" is not a valid ${kind} id: use letters, digits, '-', '_' and '.', starting with a letter or digit` };
  }
  const clash = clashingKind(result, kind, newName);
  if (clash) return { error: `"${newName}" is already the id of a ${clash}` };
  const edits = occurrencesOf(result.parsed, result.design, kind, oldName).map((o) => ({ range: spanRange(result, o), newText: newName }));
  return { edits };
}

/** The outline: zones, hosts, components and DNS records, each under its section. */
export function documentSymbols(result: AnalysisResult): SymbolInfo[] {
  const { design, parsed, locator } = result;
  const sm = parsed.sourceMap;
  const symbols: SymbolInfo[] = [];
  // Sections and elements where the format writes them; an element written as its section
  // itself (a Compose file's one Docker engine is its `services:`) is not listed twice.
  const section = (key: string, children: SymbolInfo[]) => {
    const path = locator.documentPath([key]);
    if (path.length === 0 || !sm.pairAt(path)) return;
    const range = sm.rangeOf(path, 'node');
    const own = children.filter((c) => !sameRange(c.range, range));
    if (symbols.some((s) => sameRange(s.range, range))) return;
    symbols.push({ name: String(path[path.length - 1]), kind: 'section', range, selectionRange: sm.rangeOf(path, 'key'), children: own });
  };
  const element = (kind: IdKind, id: string, path: Path, detail?: string): SymbolInfo => ({
    name: id,
    kind,
    detail: detail || undefined,
    range: sm.rangeOf(locator.documentPath(path), 'node'),
    selectionRange: sm.rangeOf(locator.documentPath(path), 'key'),
  });

  section('dns', design.dns.map((r) => ({
    name: r.name,
    kind: 'dns' as const,
    detail: `${r.type} → ${r.target}`,
    range: sm.rangeOf(locator.documentPath(r.path), 'node'),
    selectionRange: sm.rangeOf(locator.documentPath([...r.path, 'name']), 'value'),
  })));
  section('zones', [...design.zones.values()].map((z) => element('zone', z.id, z.path, z.region)));
  section('hosts', [...design.hosts.values()].map((h) => element('host', h.id, h.path, [h.zone, h.ip].filter(Boolean).join(' · '))));
  const components = [...design.components.values()].map((c) => element('component', c.id, c.path, [c.group, c.type, c.software].filter(Boolean).join(' · ')));
  // A format with no section of components (a manifest's objects are its documents) lists them at the top.
  if (locator.documentPath(['components']).length === 0) symbols.push(...components);
  else section('components', components);
  // Keep the file's order of sections.
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Hosts and components share one namespace (a DNS target names either); zones have their own. */
function clashingKind(result: AnalysisResult, kind: IdKind, id: string): IdKind | undefined {
  const candidates: IdKind[] = kind === 'zone' ? ['zone'] : ['component', 'host'];
  return candidates.find((k) => elementExists(result.design, k, id));
}

function elementPath(kind: IdKind, id: string): Path {
  return [sectionOf(kind), id];
}

function spanRange(result: AnalysisResult, o: IdOccurrence): Range {
  return result.parsed.sourceMap.rangeFromOffsets(o.start, o.end);
}
