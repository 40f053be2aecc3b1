// Code actions: the quick fixes of the finding a diagnostic was published for (its `data`
// names the rule, lsp/convert.ts; the fixes are the analysis' own), turned into text edits
// against the current parse, plus "ignore this rule here", which adds an
// `# infra-review-ignore RULE: reason` comment above the element.
// Pure: the shapes are LSP's, written out structurally.

import { availabilityOf } from '../analysis/availability';
import { formatPercent } from '../analysis/availability/wording';
import { analyze } from '../analysis/engine';
import type { AnalysisResult } from '../analysis/engine';
import type { Finding, FixIntent } from '../model/findings';
import { SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION } from '../analysis/suppression';
import type { ParsedDocument } from '../model/parse';
import type { Path, Range } from '../model/types';
import { sameRange } from '../model/types';
import { applyEdits } from './apply-edits';
import { fixEdits, fixToEdits } from './fixes';
import { locatedElementAt } from './located-elements';
import type { TextEdit } from './fixes';

export const QUICK_FIX_KIND = 'quickfix';

/** The words the user replaces with the reason for the exemption. */
export const IGNORE_REASON_PLACEHOLDER = 'reason';

/** Findings a comment should not hide: broken syntax, and the suppressions themselves. */
const NOT_IGNORABLE = new Set(['yaml-syntax', SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION]);

export interface DiagnosticLike {
  range: Range;
  message?: unknown;
  data?: unknown;
}

export interface CodeActionRequest<D extends DiagnosticLike = DiagnosticLike> {
  textDocument: { uri: string };
  range: Range;
  context: { diagnostics: D[]; only?: string[] };
}

export interface CodeActionInfo<D extends DiagnosticLike = DiagnosticLike> {
  title: string;
  kind: string;
  diagnostics: D[];
  isPreferred?: boolean;
  edit: { changes: Record<string, TextEdit[]> };
}

/** One quick fix per fix intent of each diagnostic, then "ignore RULE here" for each. */
export function codeActions<D extends DiagnosticLike>(result: AnalysisResult, params: CodeActionRequest<D>): CodeActionInfo<D>[] {
  if (!wantsQuickFixes(params.context.only)) return [];
  const uri = params.textDocument.uri;
  const parsed = result.parsed;
  const fixes: CodeActionInfo<D>[] = [];
  const ignores: CodeActionInfo<D>[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const rule = ruleOf(diagnostic.data);
    if (rule === undefined) continue;
    for (const intent of findingOf(result, rule, diagnostic)?.fixes ?? []) {
      const action = toAction(uri, diagnostic, intent, fixEdits(result, intent));
      if (!action) continue;
      if (intent.addsRedundancy) action.title += availabilityGain(result, action.edit.changes[uri]);
      fixes.push(action);
    }
    const ignore = ignoreIntent(parsed, rule, diagnostic.range);
    const action = ignore && toAction(uri, diagnostic, ignore, fixToEdits(parsed, ignore));
    if (action) ignores.push(action);
  }
  const declare = declareIntent(result, params.range);
  const declared = declare && toAction<D>(uri, undefined, declare, fixToEdits(parsed, declare));
  return [...fixes, ...(declared ? [declared] : []), ...ignores];
}

/**
 * On a dependency the front end inferred (a Compose environment value), the fix that
 * declares it where the format declares dependencies. No diagnostic carries it: an inferred
 * dependency is not a problem, only less explicit than it could be.
 */
function declareIntent(result: AnalysisResult, range: Range): FixIntent | undefined {
  const located = locatedElementAt(result, result.parsed.sourceMap.offsetAt(range.start));
  // An any-of group is inferred from a Service the format's own declaration would name; not offered.
  if (located?.kind !== 'dependency' || !located.dependency.inferred || located.dependency.anyOf) return undefined;
  const changes = result.locator.documentChanges([{ op: 'append', path: ['components', located.from, 'dependsOn'], value: located.dependency.component }]);
  return changes && { title: `Declare the dependency of ${located.from} on ${located.dependency.component}`, changes };
}

/**
 * " (99.70 % → 99.95 %)": the design's availability before and after the edits. Computed only
 * here, when the editor asks for code actions, never while typing.
 */
function availabilityGain(result: AnalysisResult, edits: readonly TextEdit[]): string {
  const before = availabilityOf(result);
  if (!before) return '';
  const after = availabilityOf(analyze(applyEdits(result.parsed.text, edits), result.options));
  if (!after) return '';
  const approximately = before.exact && after.exact ? '' : '≥ ';
  return ` (${approximately}${formatPercent(before.estimate)} → ${approximately}${formatPercent(after.estimate)})`;
}

/** The fix that adds `# infra-review-ignore RULE: reason` above the element at `range`. */
export function ignoreIntent(parsed: ParsedDocument, rule: string, range: Range): FixIntent | undefined {
  if (NOT_IGNORABLE.has(rule)) return undefined;
  const path = elementOnLine(parsed, range);
  if (!path) return undefined;
  return {
    title: `Ignore ${rule} here (with a reason)`,
    changes: [{ op: 'comment-above', path, text: `infra-review-ignore ${rule}: ${IGNORE_REASON_PLACEHOLDER}` }],
  };
}

/**
 * The path of the element that starts on the first line of `range` and holds its start:
 * an ignore comment covers the element on the next line, so that is where it must go.
 */
function elementOnLine(parsed: ParsedDocument, range: Range): Path | undefined {
  const sm = parsed.sourceMap;
  const path = sm.nodeAtOffset(sm.offsetAt(range.start)).path;
  for (let depth = path.length; depth > 0; depth--) {
    const candidate = path.slice(0, depth);
    if (sm.rangeOf(candidate, 'key').start.line === range.start.line) return candidate;
  }
  return undefined;
}

function toAction<D extends DiagnosticLike>(uri: string, diagnostic: D | undefined, intent: FixIntent, edits: TextEdit[] | undefined): CodeActionInfo<D> | undefined {
  if (!edits || edits.length === 0) return undefined;
  const action: CodeActionInfo<D> = { title: intent.title, kind: QUICK_FIX_KIND, diagnostics: diagnostic ? [diagnostic] : [], edit: { changes: { [uri]: edits } } };
  if (intent.preferred) action.isPreferred = true;
  return action;
}

/** Quick fixes are wanted unless `only` asks for other kinds (such as `source.organizeImports`). */
function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === '' || kind === QUICK_FIX_KIND);
}

/** `data` comes back from the client: check its shape before trusting it. */
function ruleOf(data: unknown): string | undefined {
  return isRecord(data) && typeof data.rule === 'string' ? data.rule : undefined;
}

/**
 * The finding of this analysis that `diagnostic` was published for: the same rule, message
 * and range; else, as the client's copy may be of the version before, the same rule and
 * message nearest to it. Undefined when the analysis has no such finding any more.
 */
export function findingOf(result: AnalysisResult, rule: string, diagnostic: DiagnosticLike): Finding | undefined {
  let nearest: Finding | undefined;
  let distance = Infinity;
  for (const f of result.findings) {
    if (f.rule !== rule || f.message !== diagnostic.message) continue;
    const d = Math.abs(f.range.start.line - diagnostic.range.start.line) + Math.abs(f.range.start.character - diagnostic.range.start.character) / 1e4;
    if (d === 0 && sameRange(f.range, diagnostic.range)) return f;
    if (d < distance) [nearest, distance] = [f, d];
  }
  return nearest;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
