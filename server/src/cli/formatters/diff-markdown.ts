// `diff --format markdown`: a pull-request comment. A heading that says the verdict, a
// before/after table per file, the SPOFs gained and lost with their blast radius, and
// the findings added and removed as tables (the removed ones folded). Every string from a
// design is escaped for GitHub-flavoured Markdown (language/markdown.ts), so a name can
// neither format the comment nor mention anyone.

import type { VersionFigures } from '../../analysis/diff';
import { formatEstimateAndDowntime } from '../../analysis/availability/wording';
import type { Spof } from '../../analysis/failure-types';
import type { Finding } from '../../model/findings';
import { tableCell } from '../../language/markdown';
import { changesAnything, diffTotals } from './diff-types';
import type { DiffFormatter, FileDiff } from './diff-types';
import { plural, severityCounts } from './text';
import type { FormatContext } from './types';
import { ruleHelpUri } from './types';

export const formatMarkdownDiff: DiffFormatter = (diffs, ctx) => {
  const totals = diffTotals(diffs);
  const verdict =
    totals.addedCount > 0
      ? `${totals.added.error > 0 ? '❌' : '⚠️'} ${totals.addedCount} ${plural(totals.addedCount, 'finding')} added (${severityCounts(totals.added)}), ${totals.removedCount} removed`
      : totals.removedCount > 0
        ? `✅ No finding added, ${totals.removedCount} removed`
        : '✅ No change in findings';
  const spofs = totals.spofsGained + totals.spofsLost > 0 ? `; ${totals.spofsGained} ${plural(totals.spofsGained, 'SPOF')} gained, ${totals.spofsLost} lost` : '';
  const parts = [`## ${ctx.toolName}: ${verdict}${spofs}`];
  const changed = diffs.filter(changesAnything);
  for (const d of changed) parts.push(fileSection(d, ctx));
  if (changed.length < diffs.length) parts.push(`${diffs.length - changed.length} of ${diffs.length} ${plural(diffs.length, 'file')} without a change in findings.`);
  parts.push(`<sub>${ctx.toolName} ${ctx.version} · findings are matched by rule and target, not by line</sub>`);
  return `${parts.join('\n\n')}\n`;
};

function fileSection({ path, against, diff }: FileDiff, ctx: FormatContext): string {
  const lines = [
    `### \`${code(path)}\``,
    '',
    `Compared with \`${code(against)}\`.`,
    '',
    '| | before | after |',
    '|---|---:|---:|',
    ...(['error', 'warning', 'info'] as const).map((s) => `| ${s}s | ${figure(diff.before, diff.before.findings[s])} | ${figure(diff.after, diff.after.findings[s])} |`),
    `| SPOFs | ${spofFigure(diff.before)} | ${spofFigure(diff.after)} |`,
    `| availability | ${availabilityFigure(diff.before)} | ${availabilityFigure(diff.after)} |`,
  ];
  if (diff.spofsGained.length > 0) lines.push('', '**SPOFs gained** (a single failure now takes the service down):', '', ...diff.spofsGained.map(spofItem));
  if (diff.spofsLost.length > 0) lines.push('', '**SPOFs removed:**', '', ...diff.spofsLost.map(spofItem));
  if (diff.spofsChanged.length > 0) {
    lines.push('', '**Blast radius changed:**', '');
    for (const c of diff.spofsChanged) lines.push(`- ${c.kind} \`${code(c.id)}\` takes down ${names(c.after)} (was ${names(c.before)})`);
  }
  if (diff.addedFindings.length > 0) lines.push('', `**Added** (${diff.addedFindings.length}):`, '', ...findingTable(diff.addedFindings, ctx));
  if (diff.removedFindings.length > 0) {
    lines.push('', `<details><summary>Removed (${diff.removedFindings.length})</summary>`, '', ...findingTable(diff.removedFindings, ctx), '', '</details>');
  }
  return lines.join('\n');
}

function findingTable(findings: readonly Finding[], ctx: FormatContext): string[] {
  return [
    '| severity | rule | message | line |',
    '|---|---|---|---:|',
    ...findings.map((f) => `| ${f.severity} | [\`${f.rule}\`](${ruleHelpUri(ctx, f.rule)}) | ${tableCell(f.message)} | ${f.range.start.line + 1} |`),
  ];
}

function spofItem(s: Spof): string {
  return `- ${s.kind} \`${code(s.id)}\`: takes down ${names(s.impact)}`;
}

function names(ids: readonly string[]): string {
  return ids.length === 0 ? 'nothing' : ids.map((id) => `\`${code(id)}\``).join(', ');
}

/**
 * Text inside a code span: the span shows it as written (no markup, no mention), except
 * that a backtick would end it; one becomes `'`, and a line break a space.
 */
function code(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '¦');
}

function figure(v: VersionFigures, n: number): string {
  return v.exists ? String(n) : '—';
}

function spofFigure(v: VersionFigures): string {
  if (!v.exists) return '—';
  return v.spofs === null ? 'unknown' : String(v.spofs);
}

function availabilityFigure(v: VersionFigures): string {
  if (!v.exists) return '—';
  const a = v.availability;
  return a ? formatEstimateAndDowntime(a) : 'unknown';
}
