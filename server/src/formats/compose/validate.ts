// What the Compose front end checks: the shape of the keys it reads (so that `ports: 80` or
// `deploy: 3` is a clear message at the value rather than a silently smaller design), and
// `x-infra-review` against its own schema (x-schema.ts), with a did-you-mean for unknown
// keys and values. The rest of the Compose specification is Docker's to check
// (`docker compose config`); unknown Compose keys are not ours to report.

import { closest } from '../../model/did-you-mean';
import type { FixIntent, RawFinding } from '../../model/findings';
import type { ParsedSource } from '../../model/parse';
import type { Path } from '../../model/types';
import { deployModeOf, runsOnEveryNode, X_KEY } from './read';
import { SERVICE_SHAPE, TOP_LEVEL_SHAPE, X_SERVICE_SHAPE, X_TOP_LEVEL_SHAPE } from './x-schema';
import type { ObjectShape, Shape } from './x-schema';
import { isObj } from '../../model/plain-data';

/** Enough findings to act on; a generated file with thousands of the same mistake gets this many. */
const MAX_FINDINGS = 1000;

const SERVICE_WITH_X: Shape = { ...SERVICE_SHAPE, keys: { ...SERVICE_SHAPE.keys, [X_KEY]: X_SERVICE_SHAPE } };

/**
 * Each service's findings, by its data: the chunked parse gives an unchanged service the same
 * object from one edit to the next (model/chunked-parse.ts), so an edit checks only the
 * services it changed. The findings depend on nothing but the service and its id.
 */
const findingsByService = new WeakMap<object, { id: string; findings: RawFinding[] }>();

export function validateCompose(parsed: ParsedSource): RawFinding[] {
  const data = parsed.data;
  if (data === undefined || data === null) {
    // An empty text has no node to point at: the finding sits at the start.
    const start = { line: 0, character: 0 };
    return [{ ...problem([], 'The file is empty: a Compose file is a mapping with `services:`', 'key'), range: { start, end: start } }];
  }
  const out: RawFinding[] = [];
  check(data, { ...TOP_LEVEL_SHAPE, keys: { ...TOP_LEVEL_SHAPE.keys, [X_KEY]: X_TOP_LEVEL_SHAPE } }, [], out);
  if (isObj(data) && data.services === undefined && out.length === 0) {
    out.push(problem([], 'A Compose file needs `services:`: nothing here runs', 'key'));
  }
  if (isObj(data) && isObj(data.services)) {
    for (const [id, service] of Object.entries(data.services)) {
      if (service === null) continue; // `web:` with nothing under it: Docker's to report.
      out.push(...serviceFindings(id, service));
      if (out.length >= MAX_FINDINGS) break;
    }
  }
  return out.slice(0, MAX_FINDINGS);
}

function serviceFindings(id: string, service: unknown): RawFinding[] {
  const cacheable = typeof service === 'object' && service !== null;
  const hit = cacheable ? findingsByService.get(service) : undefined;
  if (hit && hit.id === id) return hit.findings;
  const findings: RawFinding[] = [];
  check(service, SERVICE_WITH_X, ['services', id], findings);
  if (isObj(service)) findings.push(...countOnEveryNode(service, id));
  if (cacheable) findingsByService.set(service, { id, findings });
  return findings;
}

/**
 * A count next to a mode that runs one task on every node: the Compose specification gives
 * `replicas` to the replicated modes only, and `docker stack deploy` refuses the stack. `scale`
 * is the same count (Compose copies it into `deploy.replicas`).
 */
function countOnEveryNode(service: Record<string, unknown>, id: string): RawFinding[] {
  const mode = deployModeOf(service);
  if (!runsOnEveryNode(mode)) return [];
  const deploy = isObj(service.deploy) ? service.deploy : {};
  const counts: Path[] = [];
  if (deploy.replicas !== undefined) counts.push(['services', id, 'deploy', 'replicas']);
  if (service.scale !== undefined) counts.push(['services', id, 'scale']);
  return counts.map((path) =>
    problem(path, `${label(path)} cannot be used with \`deploy.mode: ${mode}\`, which runs one task on every node: a count is for the replicated modes only, and \`docker stack deploy\` refuses it`, 'key'),
  );
}

function check(value: unknown, shape: Shape, path: Path, out: RawFinding[]): void {
  if (out.length >= MAX_FINDINGS) return;
  switch (shape.kind) {
    case 'any':
      return;
    case 'either': {
      const fitting = shape.options.filter((o) => accepts(value, o));
      if (fitting.length === 0) {
        out.push(problem(path, `${label(path)} must be ${shape.options.map(describe).join(' or ')}, not ${dataPhrase(value)}`, 'value'));
        return;
      }
      const mapping = isObj(value) ? value : undefined;
      const forms = mapping ? fitting.filter((o): o is ObjectShape => o.kind === 'object' && o.required !== undefined) : [];
      if (!mapping || forms.length < 2) {
        check(value, fitting[0], path, out);
        return;
      }
      // Several mappings with required keys (`{ component }`, `{ anyOf }`): the one whose keys are
      // there; with none of them, every form's keys are the candidates of did-you-mean.
      const keyed = forms.find((o) => o.required!.every((k) => k in mapping));
      if (keyed) {
        check(value, keyed, path, out);
        return;
      }
      out.push(problem(path, `${label(path)} needs ${forms.map((o) => `\`${o.required!.join('`, `')}\``).join(' or ')}`, 'key'));
      check(value, { kind: 'object', keys: Object.assign({}, ...forms.map((o) => o.keys)) as ObjectShape['keys'] }, path, out);
      return;
    }
    case 'enum': {
      if (typeof value === 'string' && shape.values.includes(value)) return;
      const near = typeof value === 'string' ? closest(value, shape.values) : undefined;
      const fixes: FixIntent[] | undefined = near
        ? [{ title: `Change to ${near}`, preferred: true, changes: [{ op: 'replace-value', path, value: near }] }]
        : undefined;
      out.push({ ...problem(path, `${label(path)} must be one of ${shape.values.map((v) => `\`${v}\``).join(', ')}, not ${dataPhrase(value)}${near ? `; did you mean \`${near}\`?` : ''}`, 'value'), fixes });
      return;
    }
    case 'object': {
      if (!isObj(value)) {
        out.push(problem(path, `${label(path)} must be ${describe(shape)}, not ${dataPhrase(value)}`, value === null ? 'key' : 'value'));
        return;
      }
      for (const [key, v] of Object.entries(value)) {
        const sub = shape.keys[key];
        if (sub) check(v, sub, [...path, key], out);
        else if (!shape.open && !key.startsWith('x-')) out.push(unknownKey([...path, key], Object.keys(shape.keys).filter((k) => !(k in value))));
      }
      for (const key of shape.required ?? []) if (!(key in value)) out.push(problem(path, `${label(path)} needs \`${key}\``, 'key'));
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(problem(path, `${label(path)} must be ${describe(shape)}, not ${dataPhrase(value)}`, value === null ? 'key' : 'value'));
        return;
      }
      if (shape.minItems !== undefined && value.length < shape.minItems) {
        out.push(problem(path, `${label(path)} must be ${describe(shape)}, not ${value.length}`, 'value'));
      }
      value.forEach((item, i) => check(item, shape.item, [...path, i], out));
      return;
    }
    default:
      if (!accepts(value, shape)) out.push(problem(path, `${label(path)} must be ${describe(shape)}, not ${dataPhrase(value)}`, value === null ? 'key' : 'value'));
  }
}

function accepts(value: unknown, shape: Shape): boolean {
  switch (shape.kind) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' && Number.isFinite(value) &&
        (!shape.integer || Number.isInteger(value)) &&
        (shape.min === undefined || value >= shape.min) &&
        (shape.exclusiveMin === undefined || value > shape.exclusiveMin) &&
        (shape.max === undefined || value <= shape.max)
      );
    case 'enum':
      return typeof value === 'string';
    case 'object':
      return isObj(value);
    case 'list':
      return Array.isArray(value);
    case 'either':
      return shape.options.some((o) => accepts(value, o));
  }
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'any':
      return 'anything';
    case 'string':
      return 'a string';
    case 'boolean':
      return '`true` or `false`';
    case 'number': {
      const what = shape.integer ? 'a whole number' : 'a number';
      if (shape.exclusiveMin !== undefined && shape.max !== undefined) return `${what} above ${shape.exclusiveMin} and at most ${shape.max}`;
      if (shape.min !== undefined) return `${what} of at least ${shape.min}`;
      if (shape.exclusiveMin !== undefined) return `${what} above ${shape.exclusiveMin}`;
      return what;
    }
    case 'enum':
      return `one of ${shape.values.join(', ')}`;
    case 'object':
      return 'a mapping';
    case 'list':
      return shape.minItems ? `a list of at least ${shape.minItems} items` : 'a list';
    case 'either':
      return shape.options.map(describe).join(' or ');
  }
}

function unknownKey(path: Path, candidates: string[]): RawFinding {
  const key = String(path[path.length - 1]);
  const near = closest(key, candidates);
  const fixes: FixIntent[] | undefined = near
    ? [{ title: `Rename to ${near}`, preferred: true, changes: [{ op: 'rename-key', path, key: near }] }]
    : undefined;
  return { ...problem(path, `Unknown key \`${key}\` in ${where(path.slice(0, -1))}${near ? `; did you mean \`${near}\`?` : ''}`, 'key'), fixes };
}

function problem(path: Path, message: string, part: 'key' | 'value'): RawFinding {
  const service = path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined;
  return {
    rule: 'schema',
    message,
    target: service !== undefined ? { kind: 'component', id: service } : { kind: 'document', id: '' },
    path,
    part,
  };
}

/** "`deploy.replicas` of service web", "`x-infra-review.load.peak`". */
function label(path: Path): string {
  if (path[0] === 'services' && path.length >= 3) return `\`${path.slice(2).join('.')}\` of service ${path[1]}`;
  if (path[0] === 'services' && path.length === 2) return `Service ${path[1]}`;
  return path.length === 0 ? 'The file' : `\`${path.join('.')}\``;
}

function where(path: Path): string {
  if (path[0] === 'services' && path.length >= 3) return `\`${path.slice(2).join('.')}\` of service ${path[1]}`;
  return path.length === 0 ? 'the file' : `\`${path.join('.')}\``;
}

function dataPhrase(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`;
  return `${typeof v === 'number' ? 'the number' : ''} ${String(v)}`.trim();
}
