// The schema as documentation, for hover and completion: which schema node applies at a
// path of the document, and what it says (markdown, allowed keys, enum values, snippets).
// Pure lookups over the bundled JSON; nothing here validates.

import schema from '../../../schemas/infra.schema.json';
import type { Path } from './types';

/** The parts of a JSON Schema node that documentation reads. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  markdownEnumDescriptions?: string[];
  enumDescriptions?: string[];
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  defaultSnippets?: SchemaSnippet[];
}

export interface SchemaSnippet {
  label?: string;
  description?: string;
  markdownDescription?: string;
  /** A JSON value whose strings may hold snippet placeholders (`${1:web}`). */
  body: unknown;
}

export interface PathDoc {
  title?: string;
  markdown: string;
}

export interface PropertyDoc {
  key: string;
  description?: string;
  markdown: string;
  required: boolean;
  /** An LSP snippet for the whole entry (`mode: ${1|active-active,...|}`), to insert after the indentation. */
  snippet: string;
  default?: unknown;
}

export interface EnumValueDoc {
  value: string | number | boolean;
  markdown: string;
}

export interface SnippetDoc {
  label: string;
  description?: string;
  markdown?: string;
  body: unknown;
  /** The body as block YAML with snippet placeholders, indented with two spaces. */
  text: string;
}

/** What a schema says about the places of a document, for hover and completion. */
export interface SchemaDocs {
  /** The schema node that applies at `path`, or undefined where the schema allows nothing. */
  schemaAt(path: Path): SchemaNode | undefined;
  /** What the key or value at `path` means, for hover. */
  describePath(path: Path): PathDoc | undefined;
  /** The keys allowed in the mapping at `path`, in schema order. */
  propertiesAt(path: Path): PropertyDoc[];
  /** The values allowed at `path` (enums, constants and booleans), with what each means. */
  enumValuesAt(path: Path): EnumValueDoc[];
  /** The schema's ready-made values for `path` (a new component, a new host...). */
  snippetsAt(path: Path): SnippetDoc[];
}

/** The documentation lookups over one schema (local `$ref`s resolve against `root`). */
export function schemaDocs(root: SchemaNode): SchemaDocs {
  /** The node a local `$ref` ("#/definitions/host") points at. */
  function deref(node: SchemaNode): SchemaNode {
    let current = node;
    for (let guard = 0; current.$ref && guard < 32; guard++) {
      const target = resolvePointer(current.$ref);
      if (!target) break;
      current = target;
    }
    return current;
  }

  function resolvePointer(ref: string): SchemaNode | undefined {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    return typeof node === 'object' && node !== null ? (node as SchemaNode) : undefined;
  }

  /** The node and the alternatives it stands for (anyOf/oneOf branches), each dereferenced. */
  function variants(node: SchemaNode): SchemaNode[] {
    const n = deref(node);
    const out: SchemaNode[] = [n];
    for (const branch of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) out.push(...variants(branch));
    return out;
  }

  /** The schema of the child `segment` of a value described by `node`. */
  function child(node: SchemaNode, segment: string | number): SchemaNode | undefined {
    for (const v of variants(node)) {
      if (typeof segment === 'number') {
        if (v.items) return deref(v.items);
        continue;
      }
      const direct = v.properties?.[segment];
      if (direct) return deref(direct);
      for (const [pattern, sub] of Object.entries(v.patternProperties ?? {})) {
        if (new RegExp(pattern, 'u').test(segment)) return deref(sub);
      }
      if (typeof v.additionalProperties === 'object') return deref(v.additionalProperties);
    }
    return undefined;
  }

  function schemaAt(path: Path): SchemaNode | undefined {
    let node: SchemaNode | undefined = root;
    for (const segment of path) {
      if (!node) return undefined;
      node = child(node, segment);
    }
    return node;
  }

  function describePath(path: Path): PathDoc | undefined {
    const node = schemaAt(path);
    if (!node) return undefined;
    const markdown = node.markdownDescription ?? node.description;
    if (markdown === undefined) return undefined;
    return node.title !== undefined ? { title: node.title, markdown } : { markdown };
  }

  function propertiesAt(path: Path): PropertyDoc[] {
    const node = schemaAt(path);
    if (!node) return [];
    const out: PropertyDoc[] = [];
    const seen = new Set<string>();
    for (const v of variants(node)) {
      for (const [key, raw] of Object.entries(v.properties ?? {})) {
        if (seen.has(key)) continue;
        seen.add(key);
        const p = deref(raw);
        const doc: PropertyDoc = {
          key,
          markdown: p.markdownDescription ?? p.description ?? '',
          required: v.required?.includes(key) ?? false,
          snippet: `${key}:${valueSnippet(p)}`,
        };
        if (p.description !== undefined) doc.description = p.description;
        if (p.default !== undefined) doc.default = p.default;
        out.push(doc);
      }
    }
    return out;
  }

  function enumValuesAt(path: Path): EnumValueDoc[] {
    const node = schemaAt(path);
    if (!node) return [];
    const out: EnumValueDoc[] = [];
    const seen = new Set<unknown>();
    const add = (value: unknown, markdown: string | undefined) => {
      if (seen.has(value) || !(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return;
      seen.add(value);
      out.push({ value, markdown: markdown ?? '' });
    };
    for (const v of variants(node)) {
      v.enum?.forEach((value, i) => add(value, v.markdownEnumDescriptions?.[i] ?? v.enumDescriptions?.[i]));
      if (v.const !== undefined) add(v.const, v.markdownDescription);
      if (typesOf(v).includes('boolean')) {
        add(true, undefined);
        add(false, undefined);
      }
    }
    return out;
  }

  function snippetsAt(path: Path): SnippetDoc[] {
    const node = schemaAt(path);
    if (!node) return [];
    const out: SnippetDoc[] = [];
    for (const v of variants(node)) {
      for (const s of v.defaultSnippets ?? []) {
        const doc: SnippetDoc = { label: s.label ?? firstLine(yamlSnippet(s.body, 0)), body: s.body, text: yamlSnippet(s.body, 0) };
        if (s.description !== undefined) doc.description = s.description;
        if (s.markdownDescription !== undefined) doc.markdown = s.markdownDescription;
        out.push(doc);
      }
    }
    return out;
  }

  /** What follows `key:` in a completion snippet for a property with this schema. */
  function valueSnippet(node: SchemaNode): string {
    if (node.const !== undefined) return ` ${escapeSnippet(String(node.const))}`;
    const strings = node.enum?.filter((v) => typeof v === 'string' || typeof v === 'number') ?? [];
    if (strings.length > 0) return ` \${1|${strings.map((v) => escapeChoice(String(v))).join(',')}|}`;
    const first = variants(node).find((v) => v.type !== undefined) ?? node;
    const type = typesOf(first)[0];
    switch (type) {
      case 'boolean':
        return ' ${1|true,false|}';
      case 'object':
        return '\n  $1';
      case 'array':
        return ' [$1]';
      default:
        return node.default !== undefined ? ` \${1:${escapeSnippet(String(node.default))}}` : ' $1';
    }
  }

  return { schemaAt, describePath, propertiesAt, enumValuesAt, snippetsAt };
}

/** The infra.yaml schema's documentation. */
export const INFRA_SCHEMA_DOCS = schemaDocs(schema as unknown as SchemaNode);
export const { schemaAt, describePath, propertiesAt, enumValuesAt, snippetsAt } = INFRA_SCHEMA_DOCS;

// ---- snippet text ----

/** A snippet body (JSON with placeholder strings) as block YAML. */
function yamlSnippet(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map(scalar).join(', ')}]`;
    return value
      .map((item) => {
        const text = yamlSnippet(item, indent + 2);
        return `${pad}- ${text.slice(indent + 2)}`;
      })
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, v]) => {
        if (typeof v === 'object' && v !== null && !(Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null))) {
          return `${pad}${key}:\n${yamlSnippet(v, indent + 2)}`;
        }
        return `${pad}${key}: ${yamlSnippet(v, indent + 2)}`;
      })
      .join('\n');
  }
  return scalar(value);
}

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, '\\$&');
}

function typesOf(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}
