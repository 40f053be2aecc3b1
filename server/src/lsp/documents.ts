// Which documents the server handles: designs named `infra.yaml` or `*.infra.yaml`. The
// client selects them too, but a generic client may send every YAML file it opens.

export function isDesignUri(uri: string): boolean {
  const path = uri.replace(/[?#].*$/, '');
  let base = path.slice(path.lastIndexOf('/') + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // A malformed escape: judge the name as written.
  }
  base = base.toLowerCase();
  return base === 'infra.yaml' || base.endsWith('.infra.yaml');
}
