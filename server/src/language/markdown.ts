// Markdown for hovers and rule explanations. Every string that comes from the file goes
// through `text()` so an id like `<img onerror=…>` or `*web*` shows as written, never as markup.

import { ruleMeta } from '../analysis/catalogue';

import { ruleDocsUrl } from '../project';

export { ruleDocsUrl };

/**
 * Text from the file, safe anywhere in Markdown: Markdown's punctuation is escaped, and so
 * are `.`, `:` and `@`, so that a name never turns into a link.
 */
export function text(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:@]/g, '\\$&');
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
