// `diff` as text: per file, what the change adds (`+`) and removes (`-`), SPOFs first, then
// one summary line. Rows are those of `check` (text.ts), positions in their own version.

import type { Spof } from '../../analysis/failure-types';
import type { VersionFigures } from '../../analysis/diff';
import { formatEstimateAndDowntime } from '../../analysis/availability/wording';
import { changesAnything, diffTotals } from './diff-types';
import type { DiffFormatter, FileDiff } from './diff-types';
import { palette, plural, printable, rows, severityCounts, summaryStyle } from './text';
import type { Palette } from './text';

export const formatTextDiff: DiffFormatter = (diffs, ctx) => {
  const paint = palette(ctx.color);
  let out = '';
  const changed = diffs.filter(changesAnything);
  for (const d of changed) out += fileSection(d, paint);
  const totals = diffTotals(diffs);
  if (changed.length === 0) {
    return `${out}${paint.success('✔')} No change in findings (${diffs.length} ${plural(diffs.length, 'file')} compared)\n`;
  }
  const summary =
    `${totals.addedCount} ${plural(totals.addedCount, 'finding')} added (${severityCounts(totals.added)}), ` +
    `${totals.removedCount} removed; ` +
    `${totals.spofsGained} ${plural(totals.spofsGained, 'SPOF')} gained, ${totals.spofsLost} lost` +
    (changed.length < diffs.length ? ` (${diffs.length - changed.length} of ${diffs.length} files unchanged)` : '');
  const style = totals.addedCount > 0 ? summaryStyle(paint, totals.added) : paint.success;
  return `${out}\n${style(`${totals.addedCount > 0 ? '✖' : '✔'} ${summary}`)}\n`;
};

function fileSection({ path, against, diff }: FileDiff, paint: Palette): string {
  const lines = [
    '',
    `${paint.header(printable(path))} ${paint.location(`(against ${printable(against)})`)}`,
    `  findings: ${versionCount(diff.before)} → ${versionCount(diff.after)} (${diff.addedFindings.length} added, ${diff.removedFindings.length} removed, ${diff.unchangedFindings} unchanged)`,
    `  SPOFs: ${spofCount(diff.before)} → ${spofCount(diff.after)}`,
    `  availability: ${availabilityFigure(diff.before)} → ${availabilityFigure(diff.after)}`,
  ];
  for (const s of diff.spofsGained) lines.push(`  ${paint.severity.error('+ SPOF')} ${spofLine(s.kind, s.id, s.impact)}`);
  for (const s of diff.spofsLost) lines.push(`  ${paint.success('- SPOF')} ${spofLine(s.kind, s.id, s.impact)}`);
  for (const c of diff.spofsChanged) {
    lines.push(`  ${paint.severity.warning('~ SPOF')} ${c.kind} ${printable(c.id)}: takes down ${printable(c.after.join(', '))} (was ${printable(c.before.join(', '))})`);
  }
  if (diff.addedFindings.length > 0) lines.push('  added:', ...rows(diff.addedFindings, paint).map((r) => `  ${r}`));
  if (diff.removedFindings.length > 0) lines.push('  removed:', ...rows(diff.removedFindings, paint).map((r) => `  ${r}`));
  return `${lines.join('\n')}\n`;
}

function spofLine(kind: Spof['kind'], id: string, impact: readonly string[]): string {
  return `${kind} ${printable(id)}: takes down ${printable(impact.join(', '))}`;
}

function versionCount(v: VersionFigures): string {
  if (!v.exists) return 'none (no file)';
  return String(v.findings.error + v.findings.warning + v.findings.info);
}

function availabilityFigure(v: VersionFigures): string {
  if (!v.exists) return 'none (no file)';
  const a = v.availability;
  if (!a) return 'unknown (the design does not parse)';
  return formatEstimateAndDowntime(a);
}

function spofCount(v: VersionFigures): string {
  if (!v.exists) return '0 (no file)';
  return v.spofs === null ? 'unknown (the design does not parse)' : String(v.spofs);
}
