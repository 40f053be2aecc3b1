// Markdown for hovers and rule explanations. Every string that comes from the file goes
// through `text()` so an id like `<img onerror=…>` or `*web*` shows as written, never as markup.

import { ruleMeta } from '../analysis/catalogue';

import { ruleDocsUrl } from '../project';

export { ruleDocsUrl };

/**
 * Text from the file, placed inside a line of Markdown (never at its start): it renders as
 * written, and a client that shows Markdown raw (Neovim 0.7) shows it nearly as written,
 * because only what would turn into markup there is escaped (CommonMark and GFM):
 * code, emphasis, links, HTML, entities, strikethrough, autolinks (`www.`, `scheme://`,
 * `name@domain`) and @-mentions. `server-1` and `8.8.8.8` stay as they are.
 */
export function text(s: string): string {
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  return flat.replace(MARKUP, (match: string, offset: number) => {
    if (match === '_') return isIntraword(flat, offset) ? '_' : '\\_';
    // A backslash is literal unless punctuation follows it.
    if (match === '\\') return /[!-/:-@[-`{-~]/.test(flat.charAt(offset + 1)) ? '\\\\' : '\\';
    if (match.startsWith('&')) return `\\${match}`;
    // `www.` and `scheme:` lose the character that makes them a link; `@` likewise.
    if (/^www\.$/i.test(match)) return `${match.slice(0, 3)}\\.`;
    return `\\${match}`;
  });
}

/**
 * What may start markup inside a line: code spans, emphasis, link brackets, HTML and
 * autolinks, strikethrough, entities, backslashes, and the starts of GFM's literal
 * autolinks and mentions.
 */
const MARKUP = /[`*[\]<~_\\]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);|www\.|:(?=\/\/)|@(?=[\w-])/gi;

/** An `_` between two letters or digits, which CommonMark never reads as emphasis. */
function isIntraword(s: string, offset: number): boolean {
  return /[\p{L}\p{N}]/u.test(s.charAt(offset - 1)) && /[\p{L}\p{N}]/u.test(s.charAt(offset + 1));
}

/** `text` for a GFM table cell, where `|` ends the cell. */
export function tableCell(s: string): string {
  return text(s).replace(/\|/g, '\\|');
}

/** A bold name from the file. */
export function name(s: string): string {
  return `**${text(s)}**`;
}

/** "a, b and c", each escaped. */
export function list(items: readonly string[]): string {
  const escaped = items.map(text);
  if (escaped.length <= 1) return escaped.join('');
  return `${escaped.slice(0, -1).join(', ')} and ${escaped[escaped.length - 1]}`;
}

/** The catalogue entry of a rule as Markdown, or null for an unknown rule id. */
export function explainRule(ruleId: string): string | null {
  const meta = ruleMeta(ruleId);
  if (!meta) return null;
  const parts = [`### ${text(meta.title)}`, `\`${meta.id}\` · default severity: ${meta.defaultSeverity}`, meta.explanation];
  if (meta.fix) parts.push(`**How to fix:** ${meta.fix}`);
  if (meta.references?.length) {
    parts.push(meta.references.map((r) => `- [${text(r.title)}](${r.url})`).join('\n'));
  }
  parts.push(`[Rule documentation](${ruleDocsUrl(meta.id)})`);
  return parts.join('\n\n');
}
