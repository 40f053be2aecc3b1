// The pipeline: text → the format's front end (parse, validate, read the design) → failure
// analysis → rules → suppression → severities. Pure: no file system, no process, no protocol.

import { DEFAULT_LIMITS } from '../model/parse';
import type { ParsedDocument, ParsedSource, ParseLimits } from '../model/parse';
import type { ChunkCache } from '../model/chunked-parse';
import type { Design, Range } from '../model/types';
import { frontEndFor } from '../formats';
import type { FormatId, FrontEnd, FrontEndOptions, Locator } from '../formats';
import { buildFailureModel } from './failure-model';
import type { FailureModel, Spof } from './failure-types';
import { compareFindings } from '../model/findings';
import type { Finding, RawFinding, SeveritySetting } from '../model/findings';
import { availabilityOf, reuseAvailability } from './availability';
import { ruleMeta } from './catalogue';
import type { Rule, RuleContext } from './rule';
import { ALL_RULES } from './rules';
import { findSpofs } from './spof';
import { applySuppressions, namesRule } from './suppression';

export interface AnalyzeOptions {
  /** Per-rule severity overrides; `off` drops the rule's findings. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  limits?: ParseLimits;
  /** The open document's chunk cache: a large document is then re-parsed only where it changed. */
  chunkCache?: ChunkCache;
  /** The format the text is written in (formats/detect.ts); infra.yaml when not given. */
  format?: FormatId;
  /** What the file's name and the settings tell the front end. */
  frontEnd?: FrontEndOptions;
  /**
   * Leave out the rules whose catalogue entry says they need the availability
   * (`RuleMeta.needsAvailability`); `completeAnalysis` runs them later. The editor publishes
   * the other diagnostics first this way; unset, the result is complete at once.
   */
  deferAvailability?: boolean;
  /**
   * The analysis of the text before this edit. When its availability is known and the edit
   * left everything that decides it as it was (`reuseAvailability`), this analysis takes
   * those figures, and the rules that need them run at once even with `deferAvailability`:
   * the result is complete, in one step.
   */
  previous?: AnalysisResult;
  /** The result's source index: the yaml tree's (the default). See `CompactAnalyzeOptions`. */
  sourceIndex?: 'tree';
}

/**
 * The text is read without holding its yaml tree (`FrontEnd.parseCompact`), and the result's
 * `parsed` has only the compact index the analysis needs; the findings, SPOFs and
 * availability are the same (server/test/compact-analysis.test.ts). For `check`, whose memory
 * it bounds; the editor's features need the tree.
 */
export type CompactAnalyzeOptions = Omit<AnalyzeOptions, 'sourceIndex'> & { sourceIndex: 'compact' };

/** The options that decide what a text means, without what only changes when the work is done. */
export type ReadOptions = Omit<AnalyzeOptions, 'chunkCache' | 'deferAvailability' | 'previous' | 'sourceIndex'>;

export interface AnalysisResult<Parsed extends ParsedSource = ParsedDocument> {
  format: FormatId;
  /** How this text was read (format, front-end options, rules): an edited text is read the same way. */
  options: ReadOptions;
  parsed: Parsed;
  /** Model paths ↔ this document's paths, and fixes in the format's own terms. */
  locator: Locator;
  design: Design;
  model: FailureModel;
  /** The complete SPOF set; null when the document could not be read as a design. */
  spofs: Spof[] | null;
  /** Findings after suppression and severity settings, in document order. */
  findings: Finding[];
  /** Findings a suppression removed (hover and the CLI's --verbose show them). */
  suppressed: Finding[];
  /** Present when rules were left out (`deferAvailability`): `completeAnalysis` runs them. */
  pending?: RuleRun;
}

export function analyze(text: string, options: CompactAnalyzeOptions): AnalysisResult<ParsedSource>;
export function analyze(text: string, options?: AnalyzeOptions): AnalysisResult;
export function analyze(text: string, options: AnalyzeOptions | CompactAnalyzeOptions = {}): AnalysisResult<ParsedSource> {
  return analyzeWithRules(text, ALL_RULES, options as CompactAnalyzeOptions);
}

/** `analyze` with a chosen rule set (tests inject a failing rule through this seam). */
export function analyzeWithRules(text: string, rules: readonly Rule[], options: CompactAnalyzeOptions): AnalysisResult<ParsedSource>;
export function analyzeWithRules(text: string, rules: readonly Rule[], options?: AnalyzeOptions): AnalysisResult;
export function analyzeWithRules(text: string, rules: readonly Rule[], options: AnalyzeOptions | CompactAnalyzeOptions = {}): AnalysisResult<ParsedSource> {
  const frontEnd = frontEndFor(options.format ?? 'infra');
  const limits = options.limits ?? DEFAULT_LIMITS;
  const parsed = options.sourceIndex === 'compact' && frontEnd.parseCompact ? frontEnd.parseCompact(text, limits) : frontEnd.parse(text, limits, { chunkCache: options.chunkCache });
  return analyzeParsed(frontEnd, parsed, rules, options);
}

/** Everything after the parse, on a document parsed already. */
function analyzeParsed<Parsed extends ParsedSource>(frontEnd: FrontEnd, parsed: Parsed, rules: readonly Rule[], options: AnalyzeOptions | CompactAnalyzeOptions): AnalysisResult<Parsed> {
  const readable = frontEnd.readable ? frontEnd.readable(parsed) : isMapping(parsed.data);
  // Problems of the text itself are at document paths: they get their ranges here.
  const documentProblems: RawFinding[] = [...parsed.problems, ...frontEnd.validate(parsed)].map((f) => atDocumentPath(f, parsed));

  const { design, locator, notes } = frontEnd.read(parsed, options.frontEnd ?? {});
  const model = buildFailureModel(design);
  const spofs = readable ? findSpofs(model) : [];

  const run: RuleRun = {
    rules,
    context: { design, model, spofs, documentProblems, availability: () => availabilityOf(analysed) },
    byRule: rules.map(() => undefined),
    notes: notes.map((f) => locate(atDocumentPath(f, parsed), parsed, locator)),
  };
  const analysed = { design, model, spofs: readable ? spofs : null };
  const defer = options.deferAvailability && !(options.previous && reuseAvailability(options.previous, analysed));
  rules.forEach((rule, index) => {
    if (!(defer && rule.meta.needsAvailability)) runRule(run, index, parsed, locator);
  });
  const result: AnalysisResult<Parsed> = {
    format: frontEnd.format,
    options: readOptions(options),
    parsed,
    locator,
    design,
    model,
    spofs: readable ? spofs : null,
    ...settle(run, parsed, locator, options.rules),
  };
  return run.byRule.includes(undefined) ? { ...result, pending: run } : result;
}

/**
 * The second step of an analysis made with `deferAvailability`: runs the rules it left out
 * and settles every finding again (suppression, severities, order), so the result equals
 * `analyze` without the option. The first result is not changed; a complete one is returned as it is.
 */
export function completeAnalysis<Parsed extends ParsedSource>(first: AnalysisResult<Parsed>): AnalysisResult<Parsed> {
  const { pending, ...rest } = first;
  if (!pending) return first;
  const run: RuleRun = { ...pending, byRule: [...pending.byRule] };
  const left = pending.byRule.flatMap((done, index) => (done ? [] : [index]));
  for (const index of left) runRule(run, index, first.parsed, first.locator);
  // Those rules found nothing and no suppression names them: settling again would give the
  // first pass' findings, so its arrays are kept (and a caller can tell nothing changed).
  const nothingNew = left.every((index) => run.byRule[index]?.length === 0 && !namesRule(first.design, first.parsed, run.rules[index].meta.id));
  return nothingNew ? rest : { ...rest, ...settle(run, first.parsed, first.locator, first.options.rules) };
}

/** An analysis' rules, what they are given, and what each has reported so far (located). */
export interface RuleRun {
  readonly rules: readonly Rule[];
  readonly context: Omit<RuleContext, 'report'>;
  /** Each rule's findings, in rule order; undefined for a rule not run yet. */
  readonly byRule: (Finding[] | undefined)[];
  /** The front end's own findings about the design. */
  readonly notes: readonly Finding[];
}

function runRule(run: RuleRun, index: number, parsed: ParsedSource, locator: Locator): void {
  const rule = run.rules[index];
  const raw: RawFinding[] = [];
  try {
    rule.check({ ...run.context, report: (f) => raw.push({ ...f, rule: rule.meta.id }) });
  } catch (err) {
    // One broken rule must not take the others down; the user learns it failed.
    raw.push({
      rule: rule.meta.id,
      message: `Rule ${rule.meta.id} failed on this design and reported nothing: ${err instanceof Error ? err.message : String(err)}`,
      target: { kind: 'document', id: '' },
      path: [],
      range: zeroRange(),
    });
  }
  run.byRule[index] = raw.map((f) => locate(f, parsed, locator));
}

/**
 * Suppression, severities and order over what the rules reported so far. A suppression of a
 * rule not run yet is not judged unused: only the complete result can tell.
 */
function settle(run: RuleRun, parsed: ParsedSource, locator: Locator, settings: AnalyzeOptions['rules']): Pick<AnalysisResult, 'findings' | 'suppressed'> {
  const located = [...run.byRule.flatMap((f) => f ?? []), ...run.notes];
  const undecided = new Set(run.rules.filter((_, index) => !run.byRule[index]).map((rule) => rule.meta.id));
  const { kept, suppressed, problems } = applySuppressions(located, run.context.design, parsed, undecided);
  const findings = applySeverities([...kept, ...problems.map((f) => locate(f, parsed, locator))], settings);
  findings.sort(compareFindings);
  return { findings, suppressed };
}

function readOptions(options: AnalyzeOptions | CompactAnalyzeOptions): ReadOptions {
  const { chunkCache: _cache, deferAvailability: _deferred, previous: _previous, sourceIndex: _index, ...rest } = options;
  return rest;
}

/** A finding about the text at a document path, with its range fixed now (it needs no locator). */
function atDocumentPath(f: RawFinding, parsed: ParsedSource): RawFinding {
  const located = f.range ? f : { ...f, range: parsed.sourceMap.rangeOf(f.path, f.part ?? 'key') };
  return f.fixes?.length ? { ...located, fixes: f.fixes.map((fix) => ({ ...fix, documentPaths: true })) } : located;
}

/** A finding at a model path gets the range of the place its front end says it is written. */
function locate(f: RawFinding, parsed: ParsedSource, locator: Locator): Finding {
  const rangeOf = (path: RawFinding['path'], part: RawFinding['part']) => parsed.sourceMap.rangeOf(locator.documentPath(path), part ?? 'key');
  const meta = ruleMeta(f.rule);
  const finding: Finding = {
    rule: f.rule,
    severity: meta?.defaultSeverity ?? 'error',
    message: oneLine(f.message),
    target: f.target,
    path: f.path,
    range: f.range ?? rangeOf(f.path, f.part),
  };
  if (f.related?.length) {
    finding.related = f.related.map((r) => ({
      message: oneLine(r.message),
      path: r.path,
      range: rangeOf(r.path, r.part),
    }));
  }
  if (f.fixes?.length) finding.fixes = f.fixes;
  return finding;
}

const MAX_MESSAGE_LENGTH = 400;

/**
 * Messages quote keys and ids from the file, which may span lines or be huge; a finding's
 * message stays one line of readable length (the CLI prints one line per finding).
 */
function oneLine(message: string): string {
  const flat = /[\r\n\u2028\u2029]/.test(message) ? message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ') : message;
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

function applySeverities(findings: Finding[], settings: AnalyzeOptions['rules']): Finding[] {
  if (!settings) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = settings[f.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
