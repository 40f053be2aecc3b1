// `check --fix`: every safe fix (FixIntent.safe, decided by the rule that makes it) applied
// to the text, pass after pass until nothing changes, as ESLint's --fix does. In a pass the
// fixes whose edits would overlap one already taken wait for the next pass, when they are
// planned again on the new text. Edits come from fixes.ts, so comments and formatting
// outside the changed lines stay as they were.

import { analyze } from '../analysis/engine';
import type { AnalyzeOptions } from '../analysis/engine';
import { fixEdits } from './fixes';

/** Enough for any chain of fixes that enable one another; a bound, so a loop cannot hang. */
const MAX_PASSES = 10;

export interface AppliedFix {
  rule: string;
  title: string;
}

export interface FixOutcome {
  text: string;
  /** In the order applied. */
  applied: AppliedFix[];
}

export function applySafeFixes(text: string, options: AnalyzeOptions = {}): FixOutcome {
  const applied: AppliedFix[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = onePass(current, options, applied);
    if (next === current) break;
    current = next;
  }
  return { text: current, applied };
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

function onePass(text: string, options: AnalyzeOptions, applied: AppliedFix[]): string {
  const result = analyze(text, options);
  const sm = result.parsed.sourceMap;
  const taken: OffsetEdit[] = [];
  const titles = new Set<string>();
  for (const finding of result.findings) {
    for (const fix of finding.fixes ?? []) {
      if (!fix.safe || titles.has(fix.title)) continue;
      const edits = (fixEdits(result, fix) ?? []).map((e) => ({ start: sm.offsetAt(e.range.start), end: sm.offsetAt(e.range.end), text: e.newText }));
      const changes = edits.some((e) => e.text !== text.slice(e.start, e.end));
      if (!changes || edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
      taken.push(...edits);
      titles.add(fix.title);
      applied.push({ rule: finding.rule, title: fix.title });
    }
  }
  let out = text;
  for (const e of [...taken].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Two edits touch the same text, or insert at the same place (their order would be a guess). */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}
