// Completion: the keys valid at the cursor that are not there yet (with snippets for a new
// component, host or zone), enum values, and ids where the format expects them: hosts in
// runsOn, components in dependsOn (never itself, never one that would close a cycle) and DNS
// targets, zones in zone/zones, rules and ids in suppress entries. Nothing invalid is offered.
//
// The structure comes from the text at the cursor (cursor-context.ts), so this works on the
// half-typed lines people really have; the ids come from the last analysis, which may be a
// version behind while the user types.

import type { AnalysisResult } from '../analysis/engine';
import { RULE_IDS, ruleMeta } from '../analysis/catalogue';
import { isComponentType, typeIs } from '../model/component-types';
import type { Path, Position, Range } from '../model/types';
import { cursorContext } from './cursor-context';
import type { CursorContext } from './cursor-context';
import { isAnyOfItem } from './ids';
import { documentSchema, enumValues, propertiesAt, snippetsAt, yamlScalar } from './schema-info';
import type { SchemaDocs } from '../model/schema-docs';

export interface CompletionCandidate {
  label: string;
  kind: 'property' | 'value' | 'enum' | 'component' | 'host' | 'zone' | 'rule' | 'snippet';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text that replaces the word under the cursor (LSP snippet syntax when `snippet`). */
  insertText: string;
  snippet: boolean;
  replace: Range;
  filterText?: string;
  /** A key whose value has choices: the editor should ask again right after inserting it. */
  retrigger?: boolean;
}

type IdKind = 'component' | 'host' | 'zone';


/** Fields whose items (or value) name ids. */
const ID_LISTS: Record<string, IdKind> = { runsOn: 'host', zones: 'zone', dependsOn: 'component' };

export function completions(text: string, position: Position, result: AnalysisResult): CompletionCandidate[] {
  const offset = offsetAt(text, position);
  const ctx = cursorContext(text, offset);
  if (!ctx) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const replace: Range = {
    start: { line: position.line, character: ctx.wordStart - lineStart },
    end: { line: position.line, character: ctx.wordEnd - lineStart },
  };
  const make = new CandidateMaker(ctx, replace, result);
  // A format that names ids in its own syntax (a Compose `depends_on` list) says where, as the model path.
  const idValue = ctx.position !== 'key' ? result.locator.idValuePath?.(ctx.path) : undefined;
  if (idValue) return make.values(idValue);
  switch (ctx.position) {
    case 'key':
      return make.keys(ctx.path);
    case 'value':
      return make.values(ctx.path);
    case 'item': {
      const list = ctx.path[ctx.path.length - 2];
      if (typeof list === 'string' && ID_LISTS[list] && ctx.path[0] === 'components') return make.values(ctx.path);
      return make.keys(ctx.path);
    }
  }
}

class CandidateMaker {
  private readonly schema: SchemaDocs;

  constructor(
    private readonly ctx: CursorContext,
    private readonly replace: Range,
    private readonly result: AnalysisResult,
  ) {
    this.schema = documentSchema(result);
  }

  /** Keys for the mapping at `path`: its missing properties, or snippets for a new entry. */
  keys(path: Path): CompletionCandidate[] {
    const out: CompletionCandidate[] = [];
    for (const s of snippetsAt(this.schema, path)) {
      if (s.keys.some((k) => this.ctx.siblings.has(k))) continue;
      out.push({ label: s.label, kind: 'snippet', detail: s.description, insertText: s.body, snippet: true, replace: this.replace, filterText: this.ctx.typed || s.label });
    }
    const present = this.ctx.siblings;
    for (const p of propertiesAt(this.schema, path)) {
      if (present.has(p.key) || this.excluded(path, p.key)) continue;
      // A key with choices is inserted bare, and the editor asks again: the choices offered
      // then are filtered (no primary-replica for a web server), which a snippet's are not.
      const bare = this.ctx.colonFollows || this.ctx.inFlow || p.hasChoices;
      out.push({
        label: p.key,
        kind: 'property',
        detail: p.description,
        documentation: p.markdown,
        insertText: this.ctx.colonFollows ? p.key : bare ? `${p.key}: ` : p.snippet,
        snippet: !bare,
        replace: this.replace,
        retrigger: !this.ctx.colonFollows && (p.hasChoices || p.namesIds),
      });
    }
    return out;
  }

  /** Values for the node at `path`: ids where ids belong, else the schema's enum values. */
  values(path: Path): CompletionCandidate[] {
    const [section, , field] = path;
    const last = path[path.length - 1];
    const inList = typeof last === 'number';

    if (section === 'components' && typeof field === 'string' && ID_LISTS[field]) {
      const kind = ID_LISTS[field];
      const isDependencyName = field === 'dependsOn' && (path.length === 4 || (path.length === 5 && last === 'component') || isAnyOfItem(path));
      if (path.length === 4 || isDependencyName) return this.ids(kind, path);
      // `runsOn: ` with nothing yet: a one-item flow list.
      if (path.length === 3) return this.ids(kind, path, (id) => `[${id}]`);
      return [];
    }
    if (section === 'hosts' && path.length === 3 && field === 'zone') return this.ids('zone', path);
    if (section === 'dns' && path.length === 3 && field === 'target') {
      if (String(this.ctx.siblings.get('type') ?? '').toUpperCase() === 'CNAME') return [];
      return [...this.ids('component', path), ...this.ids('host', path)];
    }
    if (section === 'suppress' && path.length === 3 && field === 'target') {
      return [...this.ids('component', path), ...this.ids('host', path), ...this.ids('zone', path)];
    }
    if (section === 'suppress' && path.length === 3 && field === 'rule') return this.rules();
    if (inList) return [];
    return this.enumValues(path);
  }

  private enumValues(path: Path): CompletionCandidate[] {
    const type = this.ctx.siblings.get('type');
    return enumValues(this.schema, path)
      .filter((v) => !(path[0] === 'components' && path[2] === 'mode' && v.value === 'primary-replica' && type && isComponentType(type) && !typeIs(type, 'replicates')))
      .map((v) => ({
        label: v.value,
        kind: 'enum' as const,
        documentation: v.markdown,
        insertText: v.yaml,
        snippet: false,
        replace: this.replace,
      }));
  }

  private rules(): CompletionCandidate[] {
    return RULE_IDS.map((id) => ({
      label: id,
      kind: 'rule' as const,
      detail: ruleMeta(id)?.title,
      insertText: id,
      snippet: false,
      replace: this.replace,
    }));
  }

  /** The existing ids of `kind` that may stand at `path`. */
  private ids(kind: IdKind, path: Path, wrap: (id: string) => string = (id) => id): CompletionCandidate[] {
    const { design } = this.result;
    const present = new Set(this.ctx.seqItems);
    let candidates: string[];
    if (kind === 'host') candidates = [...design.hosts.keys()];
    else if (kind === 'zone') candidates = [...design.zones.keys()];
    else {
      candidates = [...design.components.keys()];
      if (path[2] === 'dependsOn' && typeof path[1] === 'string') {
        const closesCycle = dependentsClosure(this.result, path[1]);
        candidates = candidates.filter((id) => !closesCycle.has(id));
      }
    }
    const inList = typeof path[path.length - 1] === 'number' || path[path.length - 1] === 'component';
    return candidates
      .filter((id) => !(inList && present.has(id)))
      .map((id) => ({
        label: id,
        kind,
        detail: detailOf(this.result, kind, id),
        insertText: wrap(yamlScalar(id)),
        snippet: false,
        replace: this.replace,
      }));
  }

  /** Properties that would make the mapping invalid next to what is there. */
  private excluded(path: Path, key: string): boolean {
    if (path[0] === 'components' && path.length === 2) {
      if (key === 'replicas' && this.ctx.siblings.has('runsOn')) return true;
      if (key === 'runsOn' && this.ctx.siblings.has('replicas')) return true;
    }
    return false;
  }
}

/** `self` and every component that depends on it, directly or not: depending on one of them closes a cycle. */
function dependentsClosure(result: AnalysisResult, self: string): Set<string> {
  const seen = new Set([self]);
  const queue = [self];
  while (queue.length) {
    const id = queue.pop()!;
    for (const d of result.model.dependentsOf(id)) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return seen;
}

function detailOf(result: AnalysisResult, kind: IdKind, id: string): string | undefined {
  if (kind === 'component') {
    const c = result.design.components.get(id);
    return [c?.type, c?.software].filter(Boolean).join(' · ') || 'component';
  }
  if (kind === 'host') {
    const h = result.design.hosts.get(id);
    return h?.zone ? `host in ${h.zone}` : 'host';
  }
  const z = result.design.zones.get(id);
  return z?.region ? `zone in ${z.region}` : 'zone';
}

/** The offset of an LSP position in `text` (clamped to the line and the text). */
export function offsetAt(text: string, position: Position): number {
  let start = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.length;
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  return Math.min(start + Math.max(0, position.character), end);
}
