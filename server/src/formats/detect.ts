// Which format a file is written in, by its name (docs/formats.md). The one decision shared
// by the CLI's folder walk, the language server and the VS Code client: a YAML file of no
// known format gets nothing from infra-review.

export const FORMAT_IDS = ['infra', 'compose'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** What the name says beyond the format: a `docker-stack.yml` is deployed to a Swarm. */
export interface DetectedFormat {
  format: FormatId;
  swarm: boolean;
}

/**
 * The format of a file, from the last segment of its path or URI (`/`, `\` and URI escapes
 * understood, letter case ignored, as the file systems of macOS and Windows do); undefined
 * when the name is none of the formats' names.
 */
export function detectFormat(pathOrUri: string): DetectedFormat | undefined {
  const base = baseName(pathOrUri);
  if (base === 'infra.yaml' || hasStem(base, '.infra.yaml')) return { format: 'infra', swarm: false };
  const yamlExtension = /\.ya?ml$/.exec(base)?.[0];
  if (!yamlExtension) return undefined;
  const stem = base.slice(0, -yamlExtension.length);
  if (stem === 'docker-stack') return { format: 'compose', swarm: true };
  if (stem === 'compose' || stem === 'docker-compose' || hasStem(stem, '.compose') || hasStem(stem, 'docker-compose.')) {
    return { format: 'compose', swarm: false };
  }
  return undefined;
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
