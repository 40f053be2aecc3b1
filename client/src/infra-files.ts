// Which documents infra-review reads. Pure: shared by activation, the language client's
// document selector and the preview. The decision is the engine's one format detection
// (server/src/formats/detect.ts), so the client, the server and the CLI agree.

import { detectFormat } from '../../server/src/formats/detect';

/** Whether the path's file name is that of a format infra-review reads (compared on the base name only). */
export function isInfraFileName(path: string): boolean {
  return detectFormat(path) !== undefined;
}

/** The schemes the server handles: files on disk and unsaved buffers. */
export const INFRA_SCHEMES: readonly string[] = ['file', 'untitled'];

export interface DocumentLike {
  languageId: string;
  uri: { scheme: string; path: string };
  /** The text, when the document is open: a YAML file of no known name may be a Kubernetes manifest. */
  getText?(): string;
}

/** Whether infra-review reads the document: by its name, or an open YAML document by its content. */
export function isInfraDocument(document: DocumentLike): boolean {
  if (document.languageId !== 'yaml' || !INFRA_SCHEMES.includes(document.uri.scheme)) return false;
  // The text is read only when the name leaves the format open (a large infra.yaml is never copied).
  return detectFormat(document.uri.path, () => document.getText?.()) !== undefined;
}

/**
 * The context key the menus' `when` clauses read besides the file name: true while the
 * active editor holds a document that only its content makes a design (a manifest).
 */
export const MANIFEST_CONTEXT_KEY = 'infraReview.activeManifest';

/**
 * The language client's document selector: every YAML document of those schemes. A glob
 * cannot say what detectFormat says (letter case, the Compose names), so the server, which
 * asks detectFormat, answers only for the documents of a known format and ignores the rest.
 */
export const INFRA_DOCUMENT_SELECTOR = INFRA_SCHEMES.map((scheme) => ({ scheme, language: 'yaml' }));
