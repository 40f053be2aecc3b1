// Which documents the server handles: those of a known format (formats/detect.ts), by name,
// or for a YAML file of no known name by its content (Kubernetes manifests). The client
// sends every YAML file it opens, and a generic client may too.

import { detectFormat } from '../formats/detect';

export function isDesignUri(uri: string, text?: string): boolean {
  return detectFormat(uri, text) !== undefined;
}
