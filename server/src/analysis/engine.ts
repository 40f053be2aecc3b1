// The pipeline: text → the format's front end (parse, validate, read the design) → failure
// analysis → rules → suppression → severities. Pure: no file system, no process, no protocol.

import { DEFAULT_LIMITS } from '../model/parse';
import type { ParsedDocument, ParseLimits } from '../model/parse';
import type { ChunkCache } from '../model/chunked-parse';
import type { Design, Range } from '../model/types';
import { frontEndFor } from '../formats';
import type { FormatId, FrontEnd, FrontEndOptions, Locator } from '../formats';
import { buildFailureModel } from './failure-model';
import type { FailureModel, Spof } from './failure-types';
import { compareFindings } from '../model/findings';
import type { Finding, RawFinding, SeveritySetting } from '../model/findings';
import { availabilityOf } from './availability';
import { ruleMeta } from './catalogue';
import type { Rule } from './rule';
import { ALL_RULES } from './rules';
import { findSpofs } from './spof';
import { applySuppressions } from './suppression';

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
}

/** The options that decide what a text means, without the caches that only make it faster. */
export type ReadOptions = Omit<AnalyzeOptions, 'chunkCache'>;

export interface AnalysisResult {
  format: FormatId;
  /** How this text was read (format, front-end options, rules): an edited text is read the same way. */
  options: ReadOptions;
  parsed: ParsedDocument;
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
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeWithRules(text, ALL_RULES, options);
}

/** `analyze` with a chosen rule set (tests inject a failing rule through this seam). */
export function analyzeWithRules(text: string, rules: readonly Rule[], options: AnalyzeOptions = {}): AnalysisResult {
  const frontEnd = frontEndFor(options.format ?? 'infra');
  const parsed = frontEnd.parse(text, options.limits ?? DEFAULT_LIMITS, { chunkCache: options.chunkCache });
  return analyzeParsed(frontEnd, parsed, rules, options);
}

/** Everything after the parse, on a document parsed already. */
function analyzeParsed(frontEnd: FrontEnd, parsed: ParsedDocument, rules: readonly Rule[], options: AnalyzeOptions): AnalysisResult {
  const readable = frontEnd.readable ? frontEnd.readable(parsed) : isMapping(parsed.data);
  // Problems of the text itself are at document paths: they get their ranges here.
  const documentProblems: RawFinding[] = [...parsed.problems, ...frontEnd.validate(parsed)].map((f) => atDocumentPath(f, parsed));

  const { design, locator, notes } = frontEnd.read(parsed, options.frontEnd ?? {});
  const model = buildFailureModel(design);
  const spofs = readable ? findSpofs(model) : [];

  const raw: RawFinding[] = [];
  const availability = () => availabilityOf({ design, model, spofs: readable ? spofs : null });
  for (const rule of rules) {
    const ctx = {
      design,
      model,
      spofs,
      documentProblems,
      report: (f: Omit<RawFinding, 'rule'>) => raw.push({ ...f, rule: rule.meta.id }),
      availability,
    };
    try {
      rule.check(ctx);
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
  }

  const located = [...raw, ...notes.map((f) => atDocumentPath(f, parsed))].map((f) => locate(f, parsed, locator));
  const { kept, suppressed, problems } = applySuppressions(located, design, parsed);
  const findings = applySeverities([...kept, ...problems.map((f) => locate(f, parsed, locator))], options.rules);
  findings.sort(compareFindings);
  return { format: frontEnd.format, options: readOptions(options), parsed, locator, design, model, spofs: readable ? spofs : null, findings, suppressed };
}

function readOptions(options: AnalyzeOptions): ReadOptions {
  const { chunkCache: _cache, ...rest } = options;
  return rest;
}

/** A finding about the text at a document path, with its range fixed now (it needs no locator). */
function atDocumentPath(f: RawFinding, parsed: ParsedDocument): RawFinding {
  const located = f.range ? f : { ...f, range: parsed.sourceMap.rangeOf(f.path, f.part ?? 'key') };
  return f.fixes?.length ? { ...located, fixes: f.fixes.map((fix) => ({ ...fix, documentPaths: true })) } : located;
}

/** A finding at a model path gets the range of the place its front end says it is written. */
function locate(f: RawFinding, parsed: ParsedDocument, locator: Locator): Finding {
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
