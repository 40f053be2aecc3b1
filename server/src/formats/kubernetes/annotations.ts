// `infra-review/KEY` annotations (docs/formats.md, "Kubernetes"): what a manifest cannot say,
// in the keys of docs/format.md. Annotation values are strings, so each key has a reader
// from the string to the model's value, and a message when the string says nothing it can
// read. The keys' one-line docs are the Compose extension's (the same keys mean the same).

import { COMPONENT_TYPES } from '../../model/component-types';
import { closest } from '../../model/did-you-mean';
import { FAILOVERS, MODES } from '../../model/types';
import { dependencyOf } from '../../model/build';
import { parseCompact } from '../../model/parse';
import { isObj } from '../../model/plain-data';
import { DEPENDENCY_FORMS_DOC, X_SERVICE_SHAPE, X_TOP_LEVEL_SHAPE } from '../compose/x-schema';

export const ANNOTATION_PREFIX = 'infra-review/';

/** A `dependsOn` item as the annotation writes it: a name, `{ component, optional }` or `{ anyOf, optional }`. */
export type DependencyItem = string | { component?: string; anyOf?: string[]; optional?: boolean };

export type AnnotationValue = string | number | boolean | string[] | DependencyItem[] | { schedule?: string; offsite?: boolean };

export interface AnnotationKey {
  /** The value read, or a message saying what the value must be. */
  read(value: string): { value: AnnotationValue } | { problem: string; suggestion?: string };
  /** The values it takes, when they are a closed set (completion offers them, hover describes them). */
  values?: readonly string[];
  doc: string;
}

/** How a key's value is read: the reader, and the closed set of values when there is one. */
type ValueReader = Pick<AnnotationKey, 'read' | 'values'>;

const TRUE_FALSE = ['true', 'false'];

const boolean: ValueReader = {
  read(value) {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'false') return { value: v === 'true' };
    return { problem: 'must be "true" or "false"', suggestion: closest(v, TRUE_FALSE) };
  },
  values: TRUE_FALSE,
};

function number(min: number, exclusiveMin: boolean, max?: number): ValueReader {
  return {
    read(value) {
      const n = Number(value.trim());
      const ok = value.trim() !== '' && Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && (max === undefined || n <= max);
      if (ok) return { value: n };
      const range = max !== undefined ? `above ${min} and at most ${max}` : exclusiveMin ? `above ${min}` : `of at least ${min}`;
      return { problem: `must be a number ${range}` };
    },
  };
}

function oneOf(values: readonly string[]): ValueReader {
  return {
    read(value) {
      const v = value.trim();
      if (values.includes(v)) return { value: v };
      return { problem: `must be one of ${values.join(', ')}`, suggestion: closest(v, values) };
    },
    values,
  };
}

const text: ValueReader = { read: (value) => (value.trim() !== '' ? { value: value.trim() } : { problem: 'must not be empty' }) };

/** `daily`, `daily, offsite`, `true` / `false`. */
function readBackup(value: string): ReturnType<AnnotationKey['read']> {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 1 && TRUE_FALSE.includes(parts[0].toLowerCase())) return parts[0].toLowerCase() === 'true' ? { value: {} } : { value: false };
  if (parts.length === 0) return { problem: 'must be "true", a schedule ("daily"), or a schedule and "offsite" ("daily, offsite")' };
  const offsite = parts.slice(1).some((p) => p.toLowerCase() === 'offsite');
  return { value: { schedule: parts[0], offsite } };
}

const DEPENDENCY_KEYS = ['component', 'anyOf', 'optional'];

/** Names only (`db, ns/cache`), comma-separated: YAML reads each as a plain scalar. */
const NAMES_ONLY = /^[A-Za-z0-9_./ -]*(,[A-Za-z0-9_./ -]*)*$/;

/**
 * The items of `[VALUE]` as YAML reads them, or undefined when it is no list. A list of names,
 * the usual value, is split as YAML reads it, except that a name stays a name where YAML would
 * read a number or a boolean (`true` and `007` are valid workload names); a YAML parse costs
 * about 100 µs, and a manifest may have thousands. Anything else is parsed, within the parse's
 * limits.
 */
export function dependencyItems(value: string): unknown[] | undefined {
  if (NAMES_ONLY.test(value)) {
    if (value.trim() === '') return [];
    const names = value.split(',').map((p) => p.trim());
    if (names.length > 1 && names[names.length - 1] === '') names.pop(); // `[a, b,]`: YAML allows the trailing comma.
    return names.includes('') ? undefined : names;
  }
  const parsed = parseCompact(`[${value}]`);
  return parsed.problems.length === 0 && Array.isArray(parsed.data) ? parsed.data : undefined;
}

/**
 * `billing, ledger` or `db, { anyOf: [app-blue, app-green] }`: the `dependsOn` items of
 * docs/format.md, written as the inside of a YAML flow sequence (so a comma-separated list of
 * names reads as a list of names), each read by the one reader of those items, `dependencyOf`.
 */
function readDependencies(value: string): ReturnType<AnnotationKey['read']> {
  const forms = 'Services or workloads separated by commas, `{ component: NAME, optional: true }` or `{ anyOf: [NAME, NAME] }`';
  const items = dependencyItems(value);
  if (!items) return { problem: `must be ${forms}` };
  if (items.length === 0) return { problem: 'must name one or more workloads, separated by commas' };
  for (const item of items) {
    const unknown = isObj(item) ? Object.keys(item).find((k) => !DEPENDENCY_KEYS.includes(k)) : undefined;
    if (unknown !== undefined) {
      const near = closest(unknown, DEPENDENCY_KEYS);
      return { problem: `must be ${forms} (\`${unknown}\` is no key of an item${near ? `; did you mean \`${near}\`?` : ''})` };
    }
    if (dependencyOf(item, []) === undefined) return { problem: `must be ${forms}` };
    const alternatives = isObj(item) ? item.anyOf : undefined;
    if (Array.isArray(alternatives) && (alternatives.length < 2 || alternatives.some((a) => typeof a !== 'string'))) {
      return { problem: 'must name at least two workloads or Services in an `anyOf`' };
    }
  }
  return { value: items as DependencyItem[] };
}

const SERVICE_DOCS = X_SERVICE_SHAPE.docs ?? {};
const TOP_DOCS = X_TOP_LEVEL_SHAPE.docs ?? {};

/** The keys read on a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod). */
export const WORKLOAD_ANNOTATIONS: Readonly<Record<string, AnnotationKey>> = {
  type: { ...oneOf(COMPONENT_TYPES), doc: SERVICE_DOCS.type },
  software: { ...text, doc: SERVICE_DOCS.software },
  mode: { ...oneOf(MODES), doc: SERVICE_DOCS.mode },
  failover: { ...oneOf(FAILOVERS), doc: SERVICE_DOCS.failover },
  tls: { ...boolean, doc: 'Whether it accepts TLS (HTTPS) connections itself, when no Ingress in front of it says so.' },
  capacity: { ...number(0, true), doc: SERVICE_DOCS.capacity },
  backup: { read: readBackup, doc: 'Its backup: "daily", or "daily, offsite" when the copies leave the cluster.' },
  availability: { ...number(0, true, 1), doc: SERVICE_DOCS.availability },
  monitoring: { ...text, doc: SERVICE_DOCS.monitoring },
  dependsOn: {
    read: readDependencies,
    doc: `Workloads or Services it needs that neither its environment nor its ConfigMaps show: ${DEPENDENCY_FORMS_DOC}, separated by commas ("db, { anyOf: [app-blue, app-green] }"). A Service in front of several workloads is needed while any of them is up.`,
  },
  entry: { ...boolean, doc: '"true": users reach this workload although no Ingress, route or exposed Service does (a worker fed from outside).' },
};

/** The keys about the whole design, read on any object (the first one that says them wins). */
export const DESIGN_ANNOTATIONS: Readonly<Record<string, AnnotationKey>> = {
  load: { ...number(0, true), doc: 'The load at peak, in requests per second ("3000").' },
  slo: { ...number(0, true, 1), doc: TOP_DOCS.slo },
};

export const ALL_ANNOTATION_KEYS = [...Object.keys(WORKLOAD_ANNOTATIONS), ...Object.keys(DESIGN_ANNOTATIONS)];
