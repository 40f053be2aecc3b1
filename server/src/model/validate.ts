// Schema validation: the document's data against schemas/infra.schema.json, with a real
// JSON Schema validator (ajv, compiled once), and every error translated into one finding
// in plain words at the offending key or value. Alternatives (anyOf/oneOf) are settled
// by the data's type, so "must match a schema in anyOf" never reaches the user.

import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../schemas/infra.schema.json';
import type { FixIntent, RawFinding, Target } from './findings';
import { absoluteName, normalizeName } from './build';
import { closest } from './did-you-mean';
import type { ParsedSource } from './parse';
import type { Path, Range } from './types';

/** At most this many schema findings per document; one more finding says how many were cut. */
export const MAX_SCHEMA_FINDINGS = 1000;

/** Keywords of the schema that only editors read (VS Code, yaml-language-server). */
const ANNOTATIONS = ['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets', 'patternErrorMessage', 'errorMessage'];

/** The bits of a schema node this module reads. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, unknown>;
  required?: string[];
  patternErrorMessage?: string;
  errorMessage?: string;
  not?: SchemaNode;
}

let compiled: ValidateFunction | undefined;

/** The compiled schema validator (compiled once, on first use). */
export function validator(): ValidateFunction {
  if (!compiled) {
    // strictRequired is off: `not: { required: [...] }` names properties defined beside it.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    ajv.addVocabulary(ANNOTATIONS);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** One translated schema error, before it becomes a finding. */
interface Problem {
  path: Path;
  part: 'key' | 'value';
  message: string;
  fixes?: FixIntent[];
  /** For a missing property: the object lacks a key, so it is reported at the object. */
  missing?: boolean;
}

export function validateSchema(parsed: ParsedSource): RawFinding[] {
  const validate = validator();
  if (validate(parsed.data)) return [];
  const settled = settleAlternatives(validate.errors ?? []);

  // Deduplicate cheaply first (a huge broken file has many thousands of errors), and put
  // into words only the problems that will be reported.
  const entries: Settled[] = [];
  const ranks: number[] = [];
  const byKey = new Map<string, number>();
  const unknownKeys = new Map<string, ErrorObject[]>();
  for (const s of settled) {
    if (!s) continue;
    const kind = classify(s);
    if (!kind) continue;
    if (s.error.keyword === 'additionalProperties') {
      const list = unknownKeys.get(s.error.instancePath);
      if (list) list.push(s.error);
      else unknownKeys.set(s.error.instancePath, [s.error]);
    }
    const seen = byKey.get(kind.key);
    if (seen === undefined) {
      byKey.set(kind.key, entries.length);
      entries.push(s);
      ranks.push(kind.rank);
    } else if (kind.rank < ranks[seen]) {
      entries[seen] = s;
      ranks[seen] = kind.rank;
    }
  }

  // "Unknown key `nam`: did you mean `name`?" already says that `name` is missing.
  const kept = entries.filter((entry) => {
    const e = entry.error;
    if (e.keyword !== 'required' || !unknownKeys.has(e.instancePath)) return true;
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return !unknownKeys.get(e.instancePath)!.some((u) => suggestKey(u) === missing);
  });

  const root = parsed.data;
  const findings: RawFinding[] = [];
  for (const entry of kept.slice(0, MAX_SCHEMA_FINDINGS)) {
    findings.push(toFinding(translate(entry.error, entry.expectedTypes, root), parsed));
  }
  if (kept.length > MAX_SCHEMA_FINDINGS) {
    const first = translate(kept[MAX_SCHEMA_FINDINGS].error, kept[MAX_SCHEMA_FINDINGS].expectedTypes, root);
    findings.push({
      rule: 'schema',
      message: `${kept.length - MAX_SCHEMA_FINDINGS} more schema problems are not reported (only the first ${MAX_SCHEMA_FINDINGS} are)`,
      target: { kind: 'document', id: '' },
      path: first.path,
      part: first.part,
    });
  }
  return findings;
}

/**
 * The identity of the problem an error is about (errors with the same key are one problem),
 * and how well the error says it (0 best).
 */
function classify(s: Settled): { key: string; rank: number } | null {
  const e = s.error;
  const at = e.instancePath;
  if (s.expectedTypes) return { key: `${at}|value`, rank: 3 };
  switch (e.keyword) {
    case 'propertyNames':
    case 'if':
      // The failing keyword inside says what is wrong, more precisely.
      return null;
    case 'additionalProperties':
      return { key: `${at}/${String((e.params as { additionalProperty: string }).additionalProperty)}|key`, rank: 0 };
    case 'required':
      return { key: `${at}|required|${String((e.params as { missingProperty: string }).missingProperty)}`, rank: 0 };
    default:
      break;
  }
  if (e.propertyName !== undefined) return { key: `${at}/${e.propertyName}|key`, rank: 0 };
  if (e.keyword === 'not' && (e.parentSchema as SchemaNode | undefined)?.not?.required) return { key: `${at}|not`, rank: 2 };
  return { key: `${at}|value`, rank: VALUE_RANKS[e.keyword] ?? 6 };
}

/** Which error says best what is wrong with a value: the allowed values beat a bare type. */
const VALUE_RANKS: Record<string, number> = { enum: 0, const: 1, not: 2, type: 4 };

/** The property an unknown key was probably meant to be (not one the object already has). */
function suggestKey(e: ErrorObject): string | undefined {
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  const present = isObject(e.data) ? e.data : {};
  const allowed = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {}).filter((k) => !(k in present));
  return closest(key, allowed);
}

interface Settled {
  error: ErrorObject;
  /** For an anyOf/oneOf whose alternatives all reject the data's type: the types they take. */
  expectedTypes?: string[];
}

/**
 * Keeps, for each anyOf/oneOf that failed, only the errors of the alternative that takes the
 * data's type (or one type error when none does). ajv reports the alternatives' errors just
 * before the anyOf error itself, contiguously, so one backward walk per anyOf finds them.
 * Alternatives are written inline in the schema (a test checks there is no $ref in them),
 * so their errors' schema paths start with the anyOf's own.
 */
export function settleAlternatives(errors: ErrorObject[]): (Settled | null)[] {
  const out: (Settled | null)[] = errors.map((error) => ({ error }));
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k];
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const branches = (Array.isArray(e.schema) ? e.schema : []) as SchemaNode[];
    const chosen = chosenBranch(branches, e.data);
    const prefix = `${e.schemaPath}/`;
    let i = k - 1;
    for (; i >= 0; i--) {
      const b = errors[i];
      if (!b.schemaPath.startsWith(prefix) || !isWithin(b.instancePath, e.instancePath)) break;
      if (chosen < 0 || !b.schemaPath.startsWith(`${prefix}${chosen}/`)) out[i] = null;
    }
    const hadBranchErrors = i < k - 1;
    if (chosen >= 0 && hadBranchErrors) out[k] = null;
    else if (chosen < 0) out[k] = { error: e, expectedTypes: branches.flatMap(typesOf) };
    // Otherwise (a oneOf that more than one alternative accepts) the error stays as it is.
  }
  return out;
}

/**
 * The alternative meant: the first that takes the data's type, or among several object forms
 * (`{ component }` and `{ anyOf }` of a dependency) the first whose required keys it has.
 */
function chosenBranch(branches: readonly SchemaNode[], data: unknown): number {
  const typed = branches.map((b, i) => (acceptsType(b, data) ? i : -1)).filter((i) => i >= 0);
  if (typed.length > 1 && isObject(data)) {
    const keyed = typed.find((i) => (branches[i].required ?? []).every((k) => k in data));
    if (keyed !== undefined) return keyed;
  }
  return typed[0] ?? -1;
}

/** The problem an error reports, in plain words, at the key or value it is about. */
function translate(e: ErrorObject, expectedTypes: string[] | undefined, root: unknown): Problem {
  const at = toPath(e.instancePath, root);
  const parent = e.parentSchema as SchemaNode | undefined;

  if (expectedTypes) return typeProblem(at, expectedTypes, e.data);

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const suggestion = suggestKey(e);
      const path = [...at, key];
      return {
        path,
        part: 'key',
        message: `Unknown key \`${key}\` ${where(at, root)}${suggestion ? `: did you mean \`${suggestion}\`?` : ''}`,
        fixes: suggestion
          ? [{ title: `Rename ${key} to ${suggestion}`, preferred: true, changes: [{ op: 'rename-key', path, key: suggestion }] }]
          : undefined,
      };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { path: at, part: 'key', message: `Missing required key \`${missing}\` ${where(at, root)}`, missing: true };
    }
    default:
      break;
  }

  if (e.propertyName !== undefined) {
    // A key that fails `propertyNames` (an id with spaces, say).
    const path = [...at, e.propertyName];
    const detail = parent?.patternErrorMessage ? `: ${lowerFirst(stripPeriod(parent.patternErrorMessage))}` : '';
    return {
      path,
      part: 'key',
      message: `Invalid ${idKind(at)} id \`${e.propertyName}\`${detail}`,
    };
  }

  return valueProblem(e, at, parent);
}

function valueProblem(e: ErrorObject, at: Path, parent: SchemaNode | undefined): Problem {
  const name = label(at);
  const problem = (message: string, fixes?: FixIntent[]): Problem => ({ path: at, part: partOf(e.data), message, fixes });

  switch (e.keyword) {
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const list = allowed.map(String).join(', ');
      const suggestion =
        typeof e.data === 'string' ? closest(e.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      if (suggestion) {
        return problem(`${name} must be one of ${list}; did you mean \`${suggestion}\`?`, [
          { title: `Replace with ${suggestion}`, preferred: true, changes: [{ op: 'replace-value', path: at, value: suggestion }] },
        ]);
      }
      return problem(`${name} must be one of ${list}${notValue(e.data)}`);
    }
    case 'const': {
      const value = (e.params as { allowedValue: unknown }).allowedValue;
      const fixes: FixIntent[] | undefined = isScalarValue(value)
        ? [{ title: `Set ${name} to ${String(value)}`, preferred: true, changes: [{ op: 'replace-value', path: at, value }] }]
        : undefined;
      return problem(`${name} must be ${JSON.stringify(value)}${notValue(e.data)}`, fixes);
    }
    case 'not': {
      const required = parent?.not?.required;
      const message = parent?.errorMessage ? stripPeriod(parent.errorMessage) : `${name} is not allowed here`;
      if (required?.length && isObject(e.data)) {
        // Mutually exclusive keys: point at the last one written, the one to reconsider.
        const present = required.filter((k) => k in (e.data as object));
        const path = [...at, present[present.length - 1] ?? required[0]];
        return { path, part: 'key', message };
      }
      return problem(message);
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      return typeProblem(at, Array.isArray(t) ? t : [t], e.data);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' };
      let message = `${name} must be ${words[comparison] ?? comparison} ${limit}${notValue(e.data)}`;
      if (limit === 1 && typeof e.data === 'number' && e.data > 1 && e.data <= 100) {
        // A percentage where a fraction belongs (`availability: 99.95`, `slo: 99.9`).
        const fraction = Number((e.data / 100).toPrecision(12));
        message += `; for ${e.data}% write ${fraction}`;
        return problem(message, [{ title: `Write ${e.data}% as ${fraction}`, preferred: true, changes: [{ op: 'replace-value', path: at, value: fraction }] }]);
      }
      return problem(message);
    }
    case 'minItems': {
      const { limit } = e.params as { limit: number };
      return problem(limit === 1 ? `${name} must not be empty` : `${name} must have at least ${limit} items`);
    }
    case 'minLength': {
      const { limit } = e.params as { limit: number };
      return problem(limit === 1 ? `${name} must not be empty` : `${name} must be at least ${limit} characters long`);
    }
    case 'pattern': {
      const expected = parent?.patternErrorMessage
        ? lowerFirst(stripPeriod(parent.patternErrorMessage))
        : `of the form ${(e.params as { pattern: string }).pattern}`;
      return problem(`${name} must be ${expected}${notValue(e.data)}`);
    }
    default:
      return problem(`${name} ${e.message ?? 'is not valid'}`);
  }
}

function typeProblem(at: Path, expected: string[], data: unknown): Problem {
  const wanted = joinOr(expected.map(typePhrase));
  let message: string;
  if (at.length === 0) {
    message =
      data === null
        ? 'The document is empty: an infra.yaml is a mapping that starts with `version: 1` and `name`'
        : `The document must be a mapping of keys such as \`version\`, \`name\` and \`components\`, not ${dataPhrase(data)}`;
  } else if (data === null) {
    message = `${label(at)} must be ${wanted}, but it is empty`;
  } else {
    message = `${label(at)} must be ${wanted}, not ${dataPhrase(data)}`;
  }
  return { path: at, part: partOf(data), message };
}

/** An empty value (`tls:`) has no text of its own: its key stands for it. */
function partOf(value: unknown): 'key' | 'value' {
  return value === null ? 'key' : 'value';
}

function toFinding(p: Problem, parsed: ParsedSource): RawFinding {
  const finding: RawFinding = { rule: 'schema', message: p.message, target: targetOf(p.path, parsed.data), path: p.path, part: p.part };
  const range = p.missing ? anchorOfObject(p.path, parsed) : undefined;
  if (range) finding.range = range;
  if (p.fixes) finding.fixes = p.fixes;
  return finding;
}

/**
 * Where to report something missing from the object at `path`: its key when it has one
 * (the source map's default); for the root and for list items, which have no key, the
 * first key inside them, rather than the whole (possibly long) mapping.
 */
function anchorOfObject(path: Path, parsed: ParsedSource): Range | undefined {
  if (path.length > 0 && typeof path[path.length - 1] === 'string') return undefined;
  return parsed.sourceMap.firstKeyRange(path);
}

// ---- paths and names ----

/** A JSON pointer as a Path: array indexes become numbers (the data says which segments are). */
function toPath(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = isObject(node) ? node[segment] : undefined;
    }
  }
  return path;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

const ELEMENT_KINDS: Record<string, 'component' | 'host' | 'zone'> = { components: 'component', hosts: 'host', zones: 'zone' };

function idKind(mapPath: Path): string {
  return ELEMENT_KINDS[String(mapPath[0])] ?? 'key';
}

/** The element a path is about: the component, host, zone or DNS record it is inside. */
function targetOf(path: Path, root: unknown): Target {
  const [section, id] = path;
  const kind = ELEMENT_KINDS[String(section)];
  if (kind && typeof id === 'string') return { kind, id };
  if (section === 'dns' && typeof id === 'number') return { kind: 'dns', id: dnsId(root, id) };
  return { kind: 'document', id: '' };
}

/** A DNS record is known by its absolute name, as in the diagram; by its position without one. */
function dnsId(root: unknown, index: number): string {
  const records = isObject(root) && Array.isArray(root.dns) ? root.dns : [];
  const record: unknown = records[index];
  const name = isObject(record) && typeof record.name === 'string' ? record.name : undefined;
  if (name === undefined) return `#${index + 1}`;
  const domain = isObject(root) && typeof root.domain === 'string' ? normalizeName(root.domain) : undefined;
  return absoluteName(name, domain) || name;
}

/** "in component web", "in `healthCheck` of component web", "at the top level". */
function where(objectPath: Path, root: unknown): string {
  if (objectPath.length === 0) return 'at the top level';
  const [section, id] = objectPath;
  let element: string | undefined;
  if (ELEMENT_KINDS[String(section)] && typeof id === 'string') element = `${ELEMENT_KINDS[String(section)]} ${id}`;
  else if (section === 'dns' && typeof id === 'number') element = `DNS record ${dnsName(root, id)}`;
  else if (section === 'suppress' && typeof id === 'number') element = `suppression ${id + 1}`;
  if (!element) return `in ${chain(objectPath)}`;
  const rest = objectPath.slice(2);
  return rest.length ? `in ${chain(rest)} of ${element}` : `in ${element}`;
}

function dnsName(root: unknown, index: number): string {
  const records = isObject(root) && Array.isArray(root.dns) ? root.dns : [];
  const record: unknown = records[index];
  return isObject(record) && typeof record.name === 'string' ? `\`${record.name}\`` : `#${index + 1}`;
}

/** "`dependsOn` item 2". */
function chain(path: Path): string {
  return path.map((s) => (typeof s === 'number' ? `item ${s + 1}` : `\`${s}\``)).join(' ');
}

/** What a value error calls the value: "`mode`", "Item 2 of `runsOn`", "The document". */
function label(path: Path): string {
  if (path.length === 0) return 'The document';
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const owner = path[path.length - 2];
    return typeof owner === 'string' ? `Item ${last + 1} of \`${owner}\`` : `Item ${last + 1}`;
  }
  return `\`${last}\``;
}

// ---- words ----

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function typePhrase(type: string): string {
  return TYPE_PHRASES[type] ?? type;
}

function dataPhrase(data: unknown): string {
  if (Array.isArray(data)) return 'a list';
  if (isObject(data)) return 'a mapping';
  if (typeof data === 'string') return 'a string';
  if (typeof data === 'number') return Number.isInteger(data) ? 'a number' : `${data}`;
  if (typeof data === 'boolean') return `\`${data}\``;
  return typeof data;
}

/** ", not `x`" for a scalar worth quoting back; nothing for mappings and lists. */
function notValue(data: unknown): string {
  if (data === null) return ', but it is empty';
  if (typeof data === 'string') return `, not \`${truncate(data)}\``;
  if (typeof data === 'number' || typeof data === 'boolean') return `, not ${String(data)}`;
  return `, not ${dataPhrase(data)}`;
}

function joinOr(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  // "true or false, or a mapping": a comma keeps an item that already has "or" apart.
  const last = unique.some((i) => i.includes(' or ')) ? ', or ' : ' or ';
  return `${unique.slice(0, -1).join(', ')}${last}${unique[unique.length - 1]}`;
}

function truncate(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}

function stripPeriod(s: string): string {
  return s.replace(/\.\s*$/, '');
}

function lowerFirst(s: string): string {
  return /^[A-Z](?:[a-z]|\s)/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

// ---- types ----

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalarValue(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function typesOf(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

function acceptsType(node: SchemaNode, data: unknown): boolean {
  const types = typesOf(node);
  if (types.length === 0) return true;
  return types.some((t) => {
    switch (t) {
      case 'null':
        return data === null;
      case 'array':
        return Array.isArray(data);
      case 'object':
        return isObject(data);
      case 'integer':
        return typeof data === 'number' && Number.isInteger(data);
      default:
        return typeof data === t;
    }
  });
}
