// Plain values → YAML text for quick fixes. Scalars are written by `yaml` itself (so a
// string that needs quotes gets them); collections go on one line in flow style when that
// fits in LINE_WIDTH columns, and as a block otherwise, with the same rule for each child.

import { parse, Scalar, stringify } from 'yaml';

export const LINE_WIDTH = 80;

/**
 * A scalar as YAML text, safe in block and flow context alike. A string that a YAML 1.1
 * parser would read as something else (`22:22` is the sexagesimal 1342, `yes` is true) is
 * quoted too: Compose files are still read by 1.1 parsers.
 */
export function scalarText(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  // A line break would turn into a block scalar, which cannot stand inside a line.
  if (typeof value === 'string' && /[\r\n]/.test(value)) return JSON.stringify(value);
  // Inside a flow sequence, `yaml` quotes whatever a flow context cannot hold plain.
  const inSequence = stringify([value], { collectionStyle: 'flow', lineWidth: 0 }).trim();
  const text = inSequence.slice(1, -1).trim();
  if (typeof value === 'string' && text === value && parse(text, { version: '1.1' }) !== value) return JSON.stringify(value);
  return text;
}

/** A string in the quote style of the scalar it replaces: quoted stays quoted, in the same quotes. */
export function scalarTextInStyle(value: string, style: Scalar.Type | undefined): string {
  if (style === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (style === Scalar.QUOTE_SINGLE && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return scalarText(value);
}

/** Any value on one line: `[a, b]`, `{ a: 1, b: [x] }`, or a scalar. */
export function flowText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ')} }`;
  }
  return scalarText(value);
}

export type AfterKey = { inline: string } | { lines: string[] };

/**
 * What follows `key:` for `value` in a block mapping whose keys sit at `indent`:
 * `inline` text for the key's own line, or the `lines` of a nested block.
 * `used` is how many columns the line holds before the value; `block` asks for a block
 * even when one line would do (for sections such as `hosts:`).
 */
export function blockValueAfterKey(value: unknown, indent: string, unit: string, used: number, block = false): AfterKey {
  if (!Array.isArray(value) && !isRecord(value)) return { inline: ` ${scalarText(value)}` };
  const flow = flowText(value);
  if (isEmpty(value) || (!block && used + 1 + flow.length <= LINE_WIDTH)) return { inline: ` ${flow}` };
  const inner = indent + unit;
  if (Array.isArray(value)) return { lines: value.flatMap((v) => blockSeqItemLines(v, inner, unit)) };
  return { lines: Object.entries(value).flatMap(([k, v]) => blockPairLines(k, v, inner, unit)) };
}

/** `key: value` as lines of a block mapping whose keys sit at `indent`. */
export function blockPairLines(key: string, value: unknown, indent: string, unit: string, block = false): string[] {
  const head = `${indent}${scalarText(key)}:`;
  const after = blockValueAfterKey(value, indent, unit, head.length, block);
  return 'inline' in after ? [head + after.inline] : [head, ...after.lines];
}

/** `- value` as lines of a block sequence whose dashes sit at `indent`. */
export function blockSeqItemLines(value: unknown, indent: string, unit: string): string[] {
  if (!Array.isArray(value) && !isRecord(value)) return [`${indent}- ${scalarText(value)}`];
  const flow = flowText(value);
  if (isEmpty(value) || indent.length + 2 + flow.length <= LINE_WIDTH) return [`${indent}- ${flow}`];
  // The item's content starts after "- ", and its later lines line up with that.
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.flatMap((v) => blockSeqItemLines(v, inner, unit))
    : Object.entries(value).flatMap(([k, v]) => blockPairLines(k, v, inner, unit));
  lines[0] = `${indent}- ${lines[0].slice(inner.length)}`;
  return lines;
}

function isEmpty(value: unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
