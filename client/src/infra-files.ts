// Which documents are infra designs. Pure: shared by activation, the language client's
// document selector and the preview, so they all agree on what an infra file is.

/** The glob the language client and the editor menus use (DESIGN §6). */
export const INFRA_FILE_GLOB = '**/{infra.yaml,*.infra.yaml}';

/** `infra.yaml` or `<anything>.infra.yaml`, compared on the base name only. */
export function isInfraFileName(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return base === 'infra.yaml' || (base.endsWith('.infra.yaml') && base.length > '.infra.yaml'.length);
}

/** The schemes the server handles: files on disk and unsaved buffers. */
export const INFRA_SCHEMES: readonly string[] = ['file', 'untitled'];

export interface DocumentLike {
  languageId: string;
  uri: { scheme: string; path: string };
}

export function isInfraDocument(document: DocumentLike): boolean {
  return document.languageId === 'yaml' && INFRA_SCHEMES.includes(document.uri.scheme) && isInfraFileName(document.uri.path);
}

/** The language client's document selector: yaml documents whose name matches. */
export const INFRA_DOCUMENT_SELECTOR = INFRA_SCHEMES.map((scheme) => ({ scheme, language: 'yaml', pattern: INFRA_FILE_GLOB }));
