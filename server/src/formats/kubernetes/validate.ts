// What the Kubernetes front end checks: the fields it reads have the shape it reads
// (`replicas: "3"` is a message at the value rather than a smaller design), and the
// `infra-review/` annotations, with a did-you-mean for an unknown key or value. The rest of
// the API is the cluster's to check (`kubectl apply --dry-run=server`).

import { closest } from '../../model/did-you-mean';
import type { FixIntent, RawFinding } from '../../model/findings';
import type { ParsedSource } from '../../model/parse';
import { isObj } from '../../model/plain-data';
import type { Path } from '../../model/types';
import { ALL_ANNOTATION_KEYS, ANNOTATION_PREFIX, DESIGN_ANNOTATIONS, WORKLOAD_ANNOTATIONS } from './annotations';
import { kubeObjects, WORKLOAD_KINDS } from './objects';
import type { KubeObject } from './objects';

/** Enough findings to act on; a generated file with thousands of the same mistake gets this many. */
const MAX_FINDINGS = 1000;

const DOCUMENT = { kind: 'document' as const, id: '' };

export function validateKubernetes(parsed: ParsedSource): RawFinding[] {
  if (parsed.data === undefined) return [];
  const out: RawFinding[] = [];
  const documents = Array.isArray(parsed.data) ? parsed.data : [];
  documents.forEach((doc, i) => {
    if (doc === null || out.length >= MAX_FINDINGS) return;
    if (!isObj(doc)) {
      out.push({ rule: 'schema', message: `Document ${i + 1} is not a Kubernetes object: an object is a mapping with \`apiVersion\`, \`kind\` and \`metadata\``, target: DOCUMENT, path: [i], part: 'value' });
      return;
    }
    for (const key of ['apiVersion', 'kind'] as const) {
      if (typeof doc[key] !== 'string') out.push({ rule: 'schema', message: `Document ${i + 1} has no \`${key}\`: it is not read`, target: DOCUMENT, path: [i], part: 'value' });
    }
  });
  for (const o of kubeObjects(parsed.data)) {
    if (out.length >= MAX_FINDINGS) break;
    checkObject(o, out);
  }
  return out.slice(0, MAX_FINDINGS);
}

function checkObject(o: KubeObject, out: RawFinding[]): void {
  const spec = isObj(o.obj.spec) ? o.obj.spec : undefined;
  const target = DOCUMENT;
  if (spec && spec.replicas !== undefined && !(typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) && spec.replicas >= 0)) {
    out.push({ rule: 'schema', message: `\`spec.replicas\` of ${o.kind} ${o.name} must be a whole number of at least 0, not ${phrase(spec.replicas)}`, target, path: [...o.path, 'spec', 'replicas'], part: 'value' });
  }
  if (o.kind === 'HorizontalPodAutoscaler' && spec && spec.minReplicas !== undefined && !(typeof spec.minReplicas === 'number' && Number.isInteger(spec.minReplicas) && spec.minReplicas >= 1)) {
    out.push({ rule: 'schema', message: `\`spec.minReplicas\` of HorizontalPodAutoscaler ${o.name} must be a whole number of at least 1, not ${phrase(spec.minReplicas)}`, target, path: [...o.path, 'spec', 'minReplicas'], part: 'value' });
  }
  const metadata = isObj(o.obj.metadata) ? o.obj.metadata : {};
  if (!isObj(metadata.annotations)) return;
  const base: Path = [...o.path, 'metadata', 'annotations'];
  const isWorkload = WORKLOAD_KINDS.has(o.kind);
  for (const [key, value] of Object.entries(metadata.annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const name = key.slice(ANNOTATION_PREFIX.length);
    const path: Path = [...base, key];
    const spec = (isWorkload ? WORKLOAD_ANNOTATIONS[name] : undefined) ?? DESIGN_ANNOTATIONS[name];
    if (!spec) {
      const candidates = isWorkload ? ALL_ANNOTATION_KEYS : Object.keys(DESIGN_ANNOTATIONS);
      const near = closest(name, candidates);
      const onWorkloadOnly = !isWorkload && WORKLOAD_ANNOTATIONS[name] !== undefined;
      const fixes: FixIntent[] | undefined = near ? [{ title: `Rename to ${ANNOTATION_PREFIX}${near}`, preferred: true, changes: [{ op: 'rename-key', path, key: `${ANNOTATION_PREFIX}${near}` }] }] : undefined;
      out.push({
        rule: 'schema',
        message: onWorkloadOnly
          ? `\`${key}\` is read on workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod), not on a ${o.kind}`
          : `Unknown annotation \`${key}\`${near ? `; did you mean \`${ANNOTATION_PREFIX}${near}\`?` : `: the keys are ${candidates.join(', ')}`}`,
        target,
        path,
        part: 'key',
        fixes: onWorkloadOnly ? undefined : fixes,
      });
      continue;
    }
    if (typeof value !== 'string') {
      out.push({ rule: 'schema', message: `Annotation \`${key}\` must be a string (quote it: "${String(value)}")`, target, path, part: 'value', fixes: [{ title: `Quote the value`, preferred: true, changes: [{ op: 'replace-value', path, value: String(value) }] }] });
      continue;
    }
    const read = spec.read(value);
    if ('problem' in read) {
      const fixes: FixIntent[] | undefined = read.suggestion ? [{ title: `Change to ${read.suggestion}`, preferred: true, changes: [{ op: 'replace-value', path, value: read.suggestion }] }] : undefined;
      out.push({ rule: 'schema', message: `Annotation \`${key}\` ${read.problem}, not "${value.length > 40 ? `${value.slice(0, 39)}…` : value}"${read.suggestion ? `; did you mean "${read.suggestion}"?` : ''}`, target, path, part: 'value', fixes });
    }
  }
}

function phrase(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return `the string "${v}"`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}
