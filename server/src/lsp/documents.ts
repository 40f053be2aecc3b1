// Which documents the server handles: those of a known format (formats/detect.ts). The
// client selects them too, but a generic client may send every YAML file it opens.

import { detectFormat } from '../formats/detect';

export function isDesignUri(uri: string): boolean {
  return detectFormat(uri) !== undefined;
}
