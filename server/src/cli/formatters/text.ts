// Human output in the manner of ESLint's "stylish": a header per file, then aligned rows
// `line:col  severity  message  rule`, then one summary line. Positions are 1-based.

import { summarizeAvailability } from '../../analysis/availability/wording';
import type { Finding, Severity } from '../../model/findings';
import { countBySeverity } from './types';
import type { FileReport, FormatContext, Formatter, SeverityCounts } from './types';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  green: '\u001b[32m',
} as const;

type Style = (text: string) => string;

export interface Palette {
  header: Style;
  location: Style;
  rule: Style;
  severity: Record<Severity, Style>;
  failure: Style;
  success: Style;
}

export function palette(color: boolean): Palette {
  const style = (...codes: string[]): Style => (color ? (text) => `${codes.join('')}${text}${ANSI.reset}` : (text) => text);
  return {
    header: style(ANSI.underline),
    location: style(ANSI.dim),
    rule: style(ANSI.dim),
    severity: { error: style(ANSI.red), warning: style(ANSI.yellow), info: style(ANSI.blue) },
    failure: style(ANSI.bold, ANSI.red),
    success: style(ANSI.bold, ANSI.green),
  };
}

export const formatText: Formatter = (reports: readonly FileReport[], ctx: FormatContext): string => {
  const paint = palette(ctx.color);
  let out = '';
  const all: Finding[] = [];
  for (const report of reports) {
    const availability = report.spofs !== null && report.availability ? `  ${paint.location(`availability ${printable(summarizeAvailability(report.availability))}`)}\n` : '';
    if (report.findings.length === 0 && !availability) continue;
    all.push(...report.findings);
    const findingRows = report.findings.length > 0 ? `${rows(report.findings, paint).join('\n')}\n` : '';
    out += `\n${paint.header(printable(report.path))}\n${findingRows}${availability}`;
  }
  const baseline = baselineClause(reports);
  if (all.length === 0) {
    const files = `${reports.length} ${plural(reports.length, 'file')}`;
    return `${out}${out ? '\n' : ''}${paint.success('✔')} No ${baseline ? 'new ' : ''}problems (${files} checked${baseline ? `; ${baseline}` : ''})\n`;
  }
  const counts = countBySeverity(all);
  const summary = `✖ ${all.length} ${baseline ? 'new ' : ''}${plural(all.length, 'problem')} (${severityCounts(counts)})${baseline ? `; ${baseline}` : ''}`;
  return `${out}\n${summaryStyle(paint, counts)(summary)}\n`;
};

/** "4 more in the baseline, 2 fixed since" with --baseline; "" without. */
function baselineClause(reports: readonly FileReport[]): string {
  if (!reports.some((r) => r.baseline)) return '';
  const held = reports.reduce((n, r) => n + (r.baseline?.held ?? 0), 0);
  const fixed = reports.reduce((n, r) => n + (r.baseline?.fixed ?? 0), 0);
  return `${held} more in the baseline, ${fixed} fixed since`;
}

/** "1 error, 2 warnings, 0 infos" */
export function severityCounts(counts: SeverityCounts): string {
  return `${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ${counts.info} ${plural(counts.info, 'info')}`;
}

/** The summary's colour: that of the worst severity counted. */
export function summaryStyle(paint: Palette, counts: SeverityCounts): Style {
  return counts.error > 0 ? paint.failure : counts.warning > 0 ? paint.severity.warning : paint.severity.info;
}

/** Aligned rows `line:col  severity  message  rule`, indented by two spaces. */
export function rows(findings: readonly Finding[], paint: Palette): string[] {
  const lines = findings.map((f) => String(f.range.start.line + 1));
  const columns = findings.map((f) => String(f.range.start.character + 1));
  const messages = findings.map((f) => printable(f.message));
  const lineWidth = maxLength(lines);
  const columnWidth = maxLength(columns);
  const severityWidth = maxLength(findings.map((f) => f.severity));
  const messageWidth = maxLength(messages);
  return findings.map((f, i) => {
    const location = `${lines[i].padStart(lineWidth)}:${columns[i].padEnd(columnWidth)}`;
    const severity = paint.severity[f.severity](f.severity.padEnd(severityWidth));
    return `  ${paint.location(location)}  ${severity}  ${messages[i].padEnd(messageWidth)}  ${paint.rule(f.rule)}`;
  });
}

/**
 * One line, no terminal control sequences: messages quote names from the file, and a
 * name must not be able to move the cursor or recolour the terminal.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function maxLength(values: readonly string[]): number {
  return values.reduce((max, v) => Math.max(max, v.length), 0);
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
