// Which format a file is written in (docs/formats.md): infra.yaml and Compose by name,
// Kubernetes manifests by content. The one decision shared by the CLI's folder walk, the
// language server and the VS Code client: a YAML file of no known format gets nothing from
// infra-review.

export const FORMAT_IDS = ['infra', 'compose', 'kubernetes'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** What the name says beyond the format: a `docker-stack.yml` is deployed to a Swarm. */
export interface DetectedFormat {
  format: FormatId;
  swarm: boolean;
}

/** How much of a file's beginning the content sniff reads: enough for many objects, never a whole large file. */
export const SNIFF_CHARS = 64 * 1024;

/**
 * The format of a file, from the last segment of its path or URI (`/`, `\` and URI escapes
 * understood, letter case ignored, as the file systems of macOS and Windows do) and, for a
 * YAML file of no known name, from its beginning (`content`, of which the first
 * SNIFF_CHARS are read): Kubernetes when its documents carry top-level `apiVersion` and
 * `kind`. A known name wins over the content; a `kustomization.yaml` is no format (its
 * overlays are not resolved). Undefined when no format claims the file.
 * `content` may be a reader, called only when the name leaves the question open, so that a
 * caller never reads a file (or copies an editor's text) that its name decides.
 */
export function detectFormat(pathOrUri: string, content?: string | (() => string | undefined)): DetectedFormat | undefined {
  const base = baseName(pathOrUri);
  if (base === 'infra.yaml' || hasStem(base, '.infra.yaml')) return { format: 'infra', swarm: false };
  const yamlExtension = /\.ya?ml$/.exec(base)?.[0];
  if (!yamlExtension) return undefined;
  const stem = base.slice(0, -yamlExtension.length);
  if (stem === 'docker-stack') return { format: 'compose', swarm: true };
  if (stem === 'compose' || stem === 'docker-compose' || hasStem(stem, '.compose') || hasStem(stem, 'docker-compose.')) {
    return { format: 'compose', swarm: false };
  }
  if (stem === 'kustomization' || content === undefined) return undefined;
  const text = typeof content === 'function' ? content() : content;
  return text !== undefined && looksLikeManifests(text) ? { format: 'kubernetes', swarm: false } : undefined;
}

/** Whether a file name alone can make it a design (the content then decides nothing). */
export function isNamedFormat(pathOrUri: string): boolean {
  return detectFormat(pathOrUri) !== undefined;
}

/** Whether a file may be a Kubernetes manifest, so that its beginning is worth reading. */
export function mayBeManifest(pathOrUri: string): boolean {
  const base = baseName(pathOrUri);
  return /\.ya?ml$/.test(base) && !isNamedFormat(pathOrUri) && !/^kustomization\.ya?ml$/.test(base);
}

const DOCUMENT_START = /^---(?:[ \t].*)?$/;
const TOP_LEVEL_API_VERSION = /^(?:apiVersion|"apiVersion"|'apiVersion')[ \t]*:[ \t]*\S/;
const TOP_LEVEL_KIND = /^(?:kind|"kind"|'kind')[ \t]*:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)/;
/** Kinds of other tools that share the `apiVersion` + `kind` convention but are not cluster objects. */
const NOT_CLUSTER_KINDS = new Set(['Kustomization', 'Component', 'Config', 'Cluster']);

/**
 * The sniff: in the first SNIFF_CHARS, every document that says anything (a comment-only
 * document, as `helm template` writes for an empty template, says nothing) has an
 * `apiVersion` and a `kind` key at column 0, and there is at least one. A document cut by
 * the window's end is judged on what was read. Linear in the window, no YAML parse.
 */
export function looksLikeManifests(content: string): boolean {
  const window = content.length > SNIFF_CHARS ? content.slice(0, SNIFF_CHARS) : content;
  const cut = content.length > SNIFF_CHARS;
  const lines = window.split(/\r?\n/);
  let objects = 0;
  let apiVersion = false;
  let kind: string | undefined;
  let saysSomething = false;
  const endDocument = (complete: boolean): boolean => {
    if (!saysSomething) return true;
    if (!apiVersion || kind === undefined) return !complete && objects > 0;
    if (NOT_CLUSTER_KINDS.has(kind)) return false;
    objects++;
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (DOCUMENT_START.test(line) || line === '...') {
      if (!endDocument(true)) return false;
      apiVersion = false;
      kind = undefined;
      saysSomething = DOCUMENT_START.test(line) && line.length > 3 && !/^---[ \t]*(#.*)?$/.test(line);
      continue;
    }
    if (/^[ \t]*(#.*)?$/.test(line) || line.startsWith('%')) continue;
    saysSomething = true;
    if (TOP_LEVEL_API_VERSION.test(line)) apiVersion = true;
    const k = TOP_LEVEL_KIND.exec(line);
    if (k) kind = k[1];
  }
  return endDocument(!cut) && objects > 0;
}

/** `a.infra.yaml` has a stem before `.infra.yaml`; `.infra.yaml` (a hidden file with no stem) does not. */
function hasStem(name: string, affix: string): boolean {
  if (name.length <= affix.length) return false;
  return affix.endsWith('.') ? name.startsWith(affix) : name.endsWith(affix);
}

function baseName(pathOrUri: string): string {
  const isUri = /^[a-z][a-z0-9+.-]+:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri);
  const path = isUri ? pathOrUri.replace(/^[a-z][a-z0-9+.-]+:/i, '').replace(/[?#].*$/, '') : pathOrUri;
  let base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // A malformed escape: judge the name as written.
  }
  return base.toLowerCase();
}
