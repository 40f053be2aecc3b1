// Where ids are defined and used: the keys of zones, hosts and components, and every place
// that names one (runsOn, dependsOn in both forms, zone, zones, DNS targets, suppress
// targets). Hover, navigation and rename all start here. Read from the YAML tree, so it
// works on whatever part of a broken file still parses.

import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { ParsedDocument } from '../model/parse';
import type { Design, Path } from '../model/types';

export type IdKind = 'component' | 'host' | 'zone';

export type OccurrenceContext = 'definition' | 'runsOn' | 'dependsOn' | 'zone' | 'zones' | 'dns-target' | 'suppress-target';

export interface IdOccurrence {
  id: string;
  /** What the id may name here: one kind, or several where the format allows (DNS and suppress targets). */
  kinds: readonly IdKind[];
  context: OccurrenceContext;
  /** The component, host or zone whose entry holds the occurrence (for definitions: itself). */
  owner?: { kind: IdKind; id: string };
  path: Path;
  /** Offsets of the id's text, quotes excluded. */
  start: number;
  end: number;
}

const SECTION_KIND: Record<string, IdKind> = { components: 'component', hosts: 'host', zones: 'zone' };
const KIND_SECTION: Record<IdKind, string> = { component: 'components', host: 'hosts', zone: 'zones' };

export function sectionOf(kind: IdKind): string {
  return KIND_SECTION[kind];
}

/** The id occurrence at `offset`, or undefined when the cursor is on no id. */
export function occurrenceAt(parsed: ParsedDocument, offset: number): IdOccurrence | undefined {
  const at = parsed.sourceMap.nodeAtOffset(offset);
  const { path, part } = at;
  if (path.length === 2 && part === 'key' && typeof path[1] === 'string' && SECTION_KIND[path[0] as string]) {
    const map = parsed.sourceMap.nodeAt([path[0]]);
    const pair = isMap(map) ? parsed.sourceMap.pairOf(map, path[1]) : undefined;
    return pair ? definitionOf(pair, SECTION_KIND[path[0] as string], path) : undefined;
  }
  if (part !== 'value' || !isScalar(at.node)) return undefined;
  return referenceOf(path, at.node, parsed);
}

/** Every occurrence in the document, in source order. */
export function allOccurrences(parsed: ParsedDocument): IdOccurrence[] {
  const out: IdOccurrence[] = [];
  const root = parsed.doc.contents as Node | null;
  if (!isMap(root)) return out;
  const sm = parsed.sourceMap;

  for (const section of ['zones', 'hosts', 'components'] as const) {
    const map = sm.pairOf(root, section)?.value;
    if (!isMap(map)) continue;
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const id = String(item.key.value);
      const def = definitionOf(item as Pair, SECTION_KIND[section], [section, id]);
      if (def) out.push(def);
      if (section === 'hosts') collectHostRefs(item as Pair, id, parsed, out);
      if (section === 'components') collectComponentRefs(item as Pair, id, parsed, out);
    }
  }
  for (const section of ['dns', 'suppress'] as const) {
    const seq = sm.pairOf(root, section)?.value;
    if (!isSeq(seq)) continue;
    seq.items.forEach((entry, index) => {
      if (!isMap(entry)) return;
      const target = sm.pairOf(entry, 'target')?.value;
      if (!isScalar(target)) return;
      const ref = referenceOf([section, index, 'target'], target, parsed);
      if (ref) out.push(ref);
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The occurrences that name the element `kind:id` (its definition included). */
export function occurrencesOf(parsed: ParsedDocument, design: Design, kind: IdKind, id: string): IdOccurrence[] {
  return allOccurrences(parsed).filter((o) => o.id === id && resolveKind(o, design) === kind);
}

/**
 * Which element an occurrence names: its own kind when it has one, else the kind of the
 * existing element with that id (a DNS target names a component before a host, as the
 * analysis reads it).
 */
export function resolveKind(o: IdOccurrence, design: Design): IdKind | undefined {
  if (o.kinds.length === 1) return o.kinds[0];
  return o.kinds.find((k) => elementExists(design, k, o.id));
}

export function elementExists(design: Design, kind: IdKind, id: string): boolean {
  if (kind === 'component') return design.components.has(id);
  if (kind === 'host') return design.hosts.has(id);
  return design.zones.has(id);
}

function definitionOf(pair: Pair, kind: IdKind, path: Path): IdOccurrence | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key) || !key.range) return undefined;
  const id = String(key.value);
  return { id, kinds: [kind], context: 'definition', owner: { kind, id }, path, ...textSpan(key) };
}

/** The reference at `path` when that path is a place that names an id. */
function referenceOf(path: Path, node: Scalar, parsed: ParsedDocument): IdOccurrence | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [section, owner, field, index, sub] = path;
  const make = (kinds: IdKind[], context: OccurrenceContext, ownerRef?: IdOccurrence['owner']): IdOccurrence => ({
    id: node.value as string,
    kinds,
    context,
    owner: ownerRef,
    path,
    ...textSpan(node),
  });
  if (section === 'hosts' && typeof owner === 'string' && field === 'zone' && path.length === 3) {
    return make(['zone'], 'zone', { kind: 'host', id: owner });
  }
  if (section === 'components' && typeof owner === 'string' && typeof index === 'number') {
    const ownerRef = { kind: 'component' as const, id: owner };
    if (field === 'runsOn' && path.length === 4) return make(['host'], 'runsOn', ownerRef);
    if (field === 'zones' && path.length === 4) return make(['zone'], 'zones', ownerRef);
    if (field === 'dependsOn' && (path.length === 4 || (path.length === 5 && sub === 'component') || isAnyOfItem(path))) {
      return make(['component'], 'dependsOn', ownerRef);
    }
  }
  if (section === 'dns' && typeof owner === 'number' && field === 'target' && path.length === 3) {
    // A CNAME's target is a DNS name, not an id.
    if (dnsTypeAt(parsed, owner) === 'CNAME') return undefined;
    return make(['component', 'host'], 'dns-target');
  }
  if (section === 'suppress' && typeof owner === 'number' && field === 'target' && path.length === 3) {
    return make(['component', 'host', 'zone'], 'suppress-target');
  }
  return undefined;
}

function dnsTypeAt(parsed: ParsedDocument, index: number): string | undefined {
  const node = parsed.sourceMap.nodeAt(['dns', index, 'type']);
  return isScalar(node) && typeof node.value === 'string' ? node.value.toUpperCase() : undefined;
}

function collectHostRefs(pair: Pair, hostId: string, parsed: ParsedDocument, out: IdOccurrence[]): void {
  const body = pair.value;
  if (!isMap(body)) return;
  const zone = parsed.sourceMap.pairOf(body, 'zone')?.value;
  if (isScalar(zone)) {
    const ref = referenceOf(['hosts', hostId, 'zone'], zone, parsed);
    if (ref) out.push(ref);
  }
}

function collectComponentRefs(pair: Pair, componentId: string, parsed: ParsedDocument, out: IdOccurrence[]): void {
  const body = pair.value;
  if (!isMap(body)) return;
  for (const field of ['runsOn', 'zones', 'dependsOn'] as const) {
    const seq = parsed.sourceMap.pairOf(body as YAMLMap, field)?.value;
    if (!isSeq(seq)) continue;
    seq.items.forEach((item, i) => {
      let node: unknown = item;
      let path: Path = ['components', componentId, field, i];
      if (field === 'dependsOn' && isMap(item)) {
        const anyOf = parsed.sourceMap.pairOf(item, 'anyOf')?.value;
        if (isSeq(anyOf)) {
          anyOf.items.forEach((alternative, k) => {
            const ref = isScalar(alternative) ? referenceOf([...path, 'anyOf', k], alternative, parsed) : undefined;
            if (ref) out.push(ref);
          });
          return;
        }
        node = parsed.sourceMap.pairOf(item, 'component')?.value;
        path = [...path, 'component'];
      }
      if (!isScalar(node)) return;
      const ref = referenceOf(path, node, parsed);
      if (ref) out.push(ref);
    });
  }
}

/** `components.X.dependsOn.N.anyOf.K`: one alternative of an any-of dependency. */
export function isAnyOfItem(path: Path): boolean {
  return path.length === 6 && path[0] === 'components' && path[2] === 'dependsOn' && path[4] === 'anyOf' && typeof path[5] === 'number';
}

/** The offsets of a scalar's text without its quotes. */
function textSpan(node: Scalar): { start: number; end: number } {
  const [start, end] = node.range!;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && end - start >= 2 ? { start: start + 1, end: end - 1 } : { start, end };
}
