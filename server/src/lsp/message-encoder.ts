// The JSON of the server's outgoing messages, as vscode-jsonrpc writes it, except that a
// publishDiagnostics reuses the JSON of each diagnostic object it has written before. The
// main thread keeps the diagnostics an edit left unchanged as the same objects
// (lsp/diagnostics-delta.ts), so at 10k lines a one-line edit serialises a few diagnostics
// instead of 1.3 MB of them. Diagnostics are never mutated once published; this relies on it.

import type { Message, NotificationMessage } from 'vscode-languageserver/node';
import { PublishDiagnosticsNotification } from 'vscode-languageserver/node';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, PublishDiagnosticsParams } from 'vscode-languageserver/node';

const written = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

export const JSON_REUSING_DIAGNOSTICS: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg: Message, options: ContentTypeEncoderOptions) => {
    try {
      return Promise.resolve(messageJson(msg, options.charset));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  },
};

/**
 * `JSON.stringify(msg)` in `charset`, with the encoded JSON of diagnostics written before
 * taken as it was (so neither stringified nor encoded again: at 10k lines, encoding the
 * whole text took twice as long as stringifying it).
 */
export function messageJson(msg: Message, charset: BufferEncoding = 'utf-8'): Buffer {
  if (!isPublishDiagnostics(msg) || !Buffer.isEncoding(charset)) return Buffer.from(JSON.stringify(msg), charset);
  const { diagnostics, ...rest } = msg.params;
  // `diagnostics` is the last key, so its empty array ends the text: `…"diagnostics":[]}`.
  const params = JSON.stringify({ ...rest, diagnostics: [] });
  const parts: Buffer[] = [Buffer.from(`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"method":${JSON.stringify(msg.method)},"params":${params.slice(0, -2)}`, charset)];
  diagnostics.forEach((d, i) => {
    let json = written.get(d);
    if (json === undefined) written.set(d, (json = Buffer.from(JSON.stringify(d), charset)));
    if (i > 0) parts.push(COMMA);
    parts.push(json);
  });
  parts.push(Buffer.from(']}}'));
  return Buffer.concat(parts);
}
function isPublishDiagnostics(msg: Message): msg is NotificationMessage & { params: PublishDiagnosticsParams } {
  const m = msg as Partial<NotificationMessage>;
  if (m.method !== PublishDiagnosticsNotification.method) return false;
  // Only the shape this writer knows; anything else is written as it is.
  const keys = Object.keys(msg);
  const params = m.params as Partial<PublishDiagnosticsParams> | undefined;
  return keys.every((k) => k === 'jsonrpc' || k === 'method' || k === 'params') && Array.isArray(params?.diagnostics) && params.diagnostics.every((d) => typeof d === 'object' && d !== null);
}
