// Reviewed exemptions: `suppress` entries in the file and `# infra-review-ignore RULE: reason`
// comments. A suppression must give a reason and must suppress something; when it does not,
// that is itself a finding (as ESLint's reportUnusedDisableDirectives).

import type { ParsedSource } from '../model/parse';
import type { Design, IgnoreComment, Range, Suppression } from '../model/types';
import type { Finding, RawFinding } from '../model/findings';
import type { Rule } from './rule';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const SUPPRESSION_WITHOUT_REASON = 'suppression-without-reason';

/** Catalogue entries for the findings this module makes; their checks run in the engine. */
export const suppressionRules: Rule[] = [
  {
    meta: {
      id: SUPPRESSION_WITHOUT_REASON,
      defaultSeverity: 'warning',
      title: 'Suppression without a reason',
      explanation:
        'A suppression (a `suppress` entry or an `# infra-review-ignore` comment) hides a finding from every later reviewer. ' +
        'Without a reason, nobody can tell whether the risk was weighed or just silenced.',
      fix: 'Say why the finding does not apply: `# infra-review-ignore spof: the provider runs this with a 99.99% SLA`, or `reason:` in the `suppress` entry.',
      fixable: false,
      examples: {
        bad: '# infra-review-ignore no-health-check\n',
        good: '# infra-review-ignore no-health-check: the provider checks this balancer itself\n',
      },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: UNUSED_SUPPRESSION,
      defaultSeverity: 'warning',
      title: 'Suppression that suppresses nothing',
      explanation:
        'A suppression that matches no finding is left over from an earlier design, or names the wrong rule or element. ' +
        'Stale suppressions silently hide the next real problem of that kind, so they are reported.',
      fix: 'Remove the suppression, or correct its rule id or target.',
      fixable: true,
    },
    check: () => undefined,
  },
];

interface Matcher {
  matches(f: Finding): boolean;
  used: boolean;
}

/**
 * `undecided`: rules whose findings are not all known yet (the engine's first pass in the
 * editor leaves some for later); a suppression of one of them is not reported unused.
 */
export function applySuppressions(
  findings: Finding[],
  design: Design,
  parsed: ParsedSource,
  undecided: ReadonlySet<string> = new Set(),
): { kept: Finding[]; suppressed: Finding[]; problems: RawFinding[] } {
  const problems: RawFinding[] = [];
  const entryMatchers = design.suppress.map((s) => ({ s, m: entryMatcher(s) }));
  const commentMatchers = parsed.ignoreComments.map((c) => ({ c, m: commentMatcher(c, parsed) }));
  const matchers: Matcher[] = [...entryMatchers.map((e) => e.m), ...commentMatchers.map((e) => e.m)];

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    let hit = false;
    // Every matching suppression counts as used, so none of them is reported as stale.
    for (const m of matchers) {
      if (m.matches(f)) {
        m.used = true;
        hit = true;
      }
    }
    (hit ? suppressed : kept).push(f);
  }

  for (const { s, m } of entryMatchers) {
    if (!s.reason) {
      problems.push({
        rule: SUPPRESSION_WITHOUT_REASON,
        message: `The suppression of ${s.rule}${s.target ? ` for ${s.target}` : ''} gives no reason: add "reason:" saying why it does not apply`,
        target: { kind: 'document', id: '' },
        path: s.path,
        part: 'value',
      });
    }
    if (!m.used && !undecided.has(s.rule)) problems.push(unused(describeEntry(s), s.path, undefined, removeEntryFix(s)));
  }
  for (const { c, m } of commentMatchers) {
    if (!c.reason) {
      problems.push({
        rule: SUPPRESSION_WITHOUT_REASON,
        message: `The comment ignores ${c.rule || 'a rule'} without saying why: write "# infra-review-ignore ${c.rule || 'RULE'}: reason"`,
        target: { kind: 'document', id: '' },
        path: [],
        range: c.range,
      });
    }
    if (!m.used && !undecided.has(c.rule)) problems.push(unused(`The comment ignores ${c.rule || 'nothing'}, but no such finding is on the next element`, [], c.range));
  }
  return { kept, suppressed, problems };
}

/** Whether a `suppress` entry or an ignore comment of the document names the rule. */
export function namesRule(design: Design, parsed: ParsedSource, rule: string): boolean {
  return design.suppress.some((s) => s.rule === rule) || parsed.ignoreComments.some((c) => c.rule === rule);
}

function entryMatcher(s: Suppression): Matcher {
  return {
    used: false,
    matches: (f) => f.rule === s.rule && (s.target === undefined || f.target.id === s.target),
  };
}

function commentMatcher(c: IgnoreComment, parsed: ParsedSource): Matcher {
  const covered = coveredRange(c, parsed);
  return {
    used: false,
    matches: (f) => f.rule === c.rule && covered !== null && within(f.range, covered),
  };
}

/** The node whose key (or item) starts on the covered line, from its start to its end. */
function coveredRange(c: IgnoreComment, parsed: ParsedSource): Range | null {
  const sm = parsed.sourceMap;
  if (c.coversLine >= sm.lineCount()) return null;
  const lineStart = sm.offsetAt({ line: c.coversLine, character: 0 });
  const lineText = parsed.text.slice(lineStart, parsed.text.indexOf('\n', lineStart) >>> 0);
  const indent = lineText.length - lineText.trimStart().length;
  const at = sm.pathAtOffset(lineStart + indent + (lineText.trimStart().startsWith('- ') ? 2 : 0));
  if (at.path.length === 0) return { start: { line: c.coversLine, character: 0 }, end: { line: c.coversLine, character: lineText.length } };
  const range = sm.rangeOf(at.path, 'node');
  return { start: { line: c.coversLine, character: 0 }, end: range.end.line >= c.coversLine ? range.end : { line: c.coversLine, character: lineText.length } };
}

function within(r: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, r.start) && before(r.start, outer.end);
}

function describeEntry(s: Suppression): string {
  return `The suppression of ${s.rule}${s.target ? ` for ${s.target}` : ''} matches no finding`;
}

function unused(message: string, path: Suppression['path'], range?: Range, fixes?: RawFinding['fixes']): RawFinding {
  return { rule: UNUSED_SUPPRESSION, message, target: { kind: 'document', id: '' }, path, range, fixes };
}

function removeEntryFix(s: Suppression): RawFinding['fixes'] {
  return [{ title: `Remove the suppression of ${s.rule}`, changes: [{ op: 'remove', path: s.path }] }];
}
