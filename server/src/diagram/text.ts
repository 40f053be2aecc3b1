// Names from the file, made safe to show: invisible and direction-changing characters become
// visible markers, long names are shortened, and every string written into SVG is escaped.
// Widths are estimates (no font is available to a pure module); they only size boxes.

/** Bidi embeddings, overrides and isolates, and the invisible direction marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 controls, and the code points XML 1.0 forbids even when escaped. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as it should be seen: a direction override shows as "[U+202E]" instead of
 * reversing what follows it, a control character as its Unicode "control picture"
 * (␀ … ␟, ␡) or "[U+0085]", and a broken surrogate as "�".
 */
export function visibleText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(BIDI_CONTROLS, (c) => `[U+${hex(c)}]`)
    .replace(CONTROLS, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      return `[U+${hex(c)}]`;
    });
}

/** At most `max` characters (code points), the last one "…" when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/** Visible and truncated: what a node shows for a name from the file. */
export function displayText(text: string, max: number): string {
  return truncate(visibleText(text), max);
}

/** Escapes text for SVG/XML content and attribute values (quoted with either quote). */
export function escapeXml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/** Lines made visible one by one, escaped, and kept as lines (for a multi-line tooltip). */
export function escapeXmlLines(text: string): string {
  return text.split('\n').map(escapeXml).join('\n');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Estimated width in px of `text` in a sans-serif font of `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return em * fontSize;
}

function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1; // CJK, emoji and other wide scripts
  // Generous (bold DejaVu Sans is among the widest fallbacks): text must fit its box.
  if ('iljtf.,:;|!\'`()[] '.includes(ch)) return 0.4;
  if ('mwMW@'.includes(ch)) return 0.95;
  if (ch >= 'A' && ch <= 'Z') return 0.74;
  return 0.64;
}

function hex(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** "3 replicas in zone-a, zone-b" for a ×N node (names made visible); "" for any other. */
export function replicaText(node: { replicas?: number; zones?: string[] }): string {
  if (node.replicas === undefined) return '';
  const zones = node.zones?.length ? ` in ${node.zones.map(visibleText).join(', ')}` : '';
  return `${node.replicas} replicas${zones}`;
}
