// What the document's schema says about a place in it, in the form hover and completion
// need. The schema is the front end's (paths are the document's own); its lookups are
// model/schema-docs.ts's; this module only shapes their answers.

import type { AnalysisResult } from '../analysis/engine';
import { frontEndFor } from '../formats';
import type { SchemaDocs } from '../model/schema-docs';
import type { Path } from '../model/types';

export interface PropertyInfo {
  key: string;
  description?: string;
  markdown?: string;
  /** The value is one of a fixed set (an enum or a boolean): insert `key: ` and offer them. */
  hasChoices: boolean;
  /** The value names ids (completion offers them right after the key is inserted). */
  namesIds: boolean;
  /** An LSP snippet for the whole entry, from the schema (`runsOn: [$1]`). */
  snippet: string;
}

export interface EnumValueInfo {
  value: string;
  /** The value as YAML that reads back as it: a string that looks like a boolean or a number is quoted. */
  yaml: string;
  markdown?: string;
}

export interface SnippetInfo {
  label: string;
  description?: string;
  /** YAML text in LSP snippet syntax, indented from column 0. */
  body: string;
  /** Its literal top-level keys (a snippet is not offered where one of them is already set). */
  keys: string[];
}

/** Properties whose values are ids. */
const ID_VALUED = new Set(['runsOn', 'zones', 'dependsOn', 'zone', 'target', 'rule', 'component', 'anyOf']);

/** The schema of the analysed document's format. */
export function documentSchema(result: AnalysisResult): SchemaDocs {
  return frontEndFor(result.format).schema;
}

/** The description of the key at `path`, as Markdown. */
export function keyDoc(schema: SchemaDocs, path: Path): string | undefined {
  return schema.describePath(path)?.markdown || undefined;
}

/** What an enum value at `path` means, when the schema says. */
export function enumValueDoc(schema: SchemaDocs, path: Path, value: string | boolean): string | undefined {
  const doc = schema.enumValuesAt(path).find((v) => v.value === value);
  return doc?.markdown ? `\`${String(value)}\`: ${doc.markdown}` : undefined;
}

/** The values the schema allows at `path`: enum members, or true/false for a boolean. */
export function enumValues(schema: SchemaDocs, path: Path): EnumValueInfo[] {
  return schema.enumValuesAt(path).map((v) => ({ value: String(v.value), yaml: typeof v.value === 'string' ? yamlScalar(v.value) : String(v.value), markdown: v.markdown || undefined }));
}

/** The properties of the mapping at `path`, in the schema's order. */
export function propertiesAt(schema: SchemaDocs, path: Path): PropertyInfo[] {
  return schema.propertiesAt(path).map((p) => ({
    key: p.key,
    description: p.description,
    markdown: p.markdown || undefined,
    hasChoices: schema.enumValuesAt([...path, p.key]).length > 0,
    namesIds: ID_VALUED.has(p.key),
    snippet: p.snippet,
  }));
}

/**
 * Snippets that fill the mapping at `path` (a new component, host, zone...). At a new
 * sequence item (`path` ends with an index) they come from the sequence's own snippets,
 * without the `- ` that is already typed.
 */
export function snippetsAt(schema: SchemaDocs, path: Path): SnippetInfo[] {
  const last = path[path.length - 1];
  const item = typeof last === 'number';
  const out: SnippetInfo[] = [];
  for (const s of schema.snippetsAt(item ? path.slice(0, -1) : path)) {
    const body = item && Array.isArray(s.body) ? s.body[0] : s.body;
    if (!isObject(body)) continue;
    const text = item ? s.text.replace(/^- /, '').replace(/\n {2}/g, '\n') : s.text;
    if (item && text === s.text) continue;
    out.push({ label: s.label, description: s.description, body: text, keys: Object.keys(body).filter((k) => !k.includes('$')) });
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string (an id, an enum value) as a YAML scalar that reads back as the same string (`1` or `true` need quotes). */
export function yamlScalar(id: string): string {
  return /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|true|false|null|~|\.inf|\.nan|yes|no|on|off|y|n)$/i.test(id)
    ? JSON.stringify(id)
    : id;
}
