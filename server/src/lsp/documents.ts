// Which documents the server handles: those of a known format (formats/detect.ts), by name,
// or for a YAML file of no known name by its content (Kubernetes manifests). The client
// sends every YAML file it opens, and a generic client may too.

import { detectFormat } from '../formats/detect';

export function isDesignUri(uri: string, text?: string | (() => string)): boolean {
  return detectFormat(uri, text) !== undefined;
}

export interface OpenDocument {
  uri: string;
  version: number;
  getText(): string;
}

/**
 * The decision for each open document, made once per version: a manifest's content sniff is
 * not repeated for every request, and an edit that makes a manifest none is seen as a change.
 */
export class DesignDocuments {
  private readonly decided = new Map<string, { version: number; design: boolean }>();

  isDesign(doc: OpenDocument): boolean {
    const known = this.decided.get(doc.uri);
    if (known?.version === doc.version) return known.design;
    const design = isDesignUri(doc.uri, () => doc.getText());
    this.decided.set(doc.uri, { version: doc.version, design });
    return design;
  }

  /** Whether the document was a design at the version decided last (false when none was). */
  wasDesign(uri: string): boolean {
    return this.decided.get(uri)?.design ?? false;
  }

  forget(uri: string): void {
    this.decided.delete(uri);
  }
}
