// The pipeline: text → parse → validate → model → failure analysis → rules → suppression
// → severities. Pure: no file system, no process, no protocol.

import { buildDesign } from '../model/build';
import { DEFAULT_LIMITS, parseText } from '../model/parse';
import type { ParsedDocument, ParseLimits } from '../model/parse';
import type { ChunkCache } from '../model/chunked-parse';
import { validateSchema } from '../model/validate';
import type { Design, Range } from '../model/types';
import { buildFailureModel } from './failure-model';
import type { FailureModel, Spof } from './failure-types';
import { compareFindings } from './findings';
import type { Finding, RawFinding, SeveritySetting } from './findings';
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
}

export interface AnalysisResult {
  parsed: ParsedDocument;
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
  return analyzeParsed(parseText(text, options.limits ?? DEFAULT_LIMITS, { chunkCache: options.chunkCache }), rules, options);
}

/** Everything after the parse, on a document parsed already. */
export function analyzeParsed(parsed: ParsedDocument, rules: readonly Rule[], options: AnalyzeOptions = {}): AnalysisResult {
  const readable = isMapping(parsed.data);
  const documentProblems: RawFinding[] = [...parsed.problems];
  if (parsed.data !== undefined) documentProblems.push(...validateSchema(parsed));

  const design = buildDesign(readable ? parsed.data : {});
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

  const located = raw.map((f) => locate(f, parsed));
  const { kept, suppressed, problems } = applySuppressions(located, design, parsed);
  const findings = applySeverities([...kept, ...problems.map((f) => locate(f, parsed))], options.rules);
  findings.sort(compareFindings);
  return { parsed, design, model, spofs: readable ? spofs : null, findings, suppressed };
}

function locate(f: RawFinding, parsed: ParsedDocument): Finding {
  const meta = ruleMeta(f.rule);
  const finding: Finding = {
    rule: f.rule,
    severity: meta?.defaultSeverity ?? 'error',
    message: oneLine(f.message),
    target: f.target,
    path: f.path,
    range: f.range ?? parsed.sourceMap.rangeOf(f.path, f.part ?? 'key'),
  };
  if (f.related?.length) {
    finding.related = f.related.map((r) => ({
      message: oneLine(r.message),
      path: r.path,
      range: parsed.sourceMap.rangeOf(r.path, r.part ?? 'key'),
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
