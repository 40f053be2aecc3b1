// The objects of a manifest file: every document, and the items of a `kind: List`, each with
// its document path, kind, name and namespace. Shared by the reader and the validator.

import { isObj, str } from '../../model/plain-data';
import type { Obj } from '../../model/plain-data';
import type { Path } from '../../model/types';

export interface KubeObject {
  kind: string;
  apiVersion: string;
  name: string;
  /** `metadata.namespace` as written; undefined for the default namespace (or a cluster-scoped object). */
  namespace?: string;
  obj: Obj;
  /** The document path of the object (`[3]`, or `[0, 'items', 2]` inside a List). */
  path: Path;
}

/** Kinds that run pods for as long as they are wanted: the components. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);
/** Kinds that run to completion: never a runtime dependency. */
export const BATCH_KINDS = new Set(['Job', 'CronJob']);

/** The objects of the documents (`data` is the list of the documents' data), in file order. */
export function kubeObjects(data: unknown): KubeObject[] {
  const documents = Array.isArray(data) ? data : [];
  const out: KubeObject[] = [];
  documents.forEach((doc, i) => {
    if (!isObj(doc)) return;
    if (typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
      doc.items.forEach((item, j) => {
        const o = objectOf(item, [i, 'items', j]);
        if (o) out.push(o);
      });
      return;
    }
    const o = objectOf(doc, [i]);
    if (o) out.push(o);
  });
  return out;
}

function objectOf(value: unknown, path: Path): KubeObject | undefined {
  if (!isObj(value)) return undefined;
  const kind = str(value.kind);
  const metadata = isObj(value.metadata) ? value.metadata : {};
  const name = str(metadata.name) ?? str(metadata.generateName);
  if (kind === undefined || name === undefined) return undefined;
  const namespace = str(metadata.namespace);
  return { kind, apiVersion: str(value.apiVersion) ?? '', name, namespace: namespace === '' ? undefined : namespace, obj: value, path };
}

/** The namespace an object is in, with the default namespace named. */
export const namespaceOf = (o: { namespace?: string }): string => o.namespace ?? 'default';

/** `metadata.annotations` as strings. */
export function annotationsOf(obj: Obj): Record<string, string> {
  const metadata = isObj(obj.metadata) ? obj.metadata : {};
  const annotations = isObj(metadata.annotations) ? metadata.annotations : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** Whether `labels` has every pair of `selector` (an empty selector matches nothing here: it is a finding). */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const pairs = Object.entries(selector);
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}

/** A mapping of strings (labels, a selector's `matchLabels`). */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[k] = String(value);
  return out;
}
