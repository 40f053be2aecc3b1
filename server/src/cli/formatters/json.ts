// `--format json`: exactly the shape of docs/format.md (JSON output), keys in that order. Positions stay
// 0-based lines and UTF-16 characters, as in LSP.

import type { Availability } from '../../analysis/availability';
import type { FaultElement, Spof } from '../../analysis/failure-types';
import type { FormatId } from '../../formats/detect';
import type { Finding } from '../../model/findings';
import type { Range } from '../../model/types';
import { countBySeverity } from './types';
import type { BaselineCounts, FileReport, FormatContext, Formatter, SeverityCounts } from './types';

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  target: { kind: Finding['target']['kind']; id: string };
  range: Range;
}

export interface JsonSpof {
  kind: 'component' | 'host' | 'zone';
  id: string;
  impact: string[];
}

export type JsonElement = { kind: 'zone' | 'host'; id: string } | { kind: 'instance'; id: string; index: number };

export interface JsonAvailability {
  estimate: number;
  exact: boolean;
  bounds: { lower: number; upper: number } | null;
  downtimeHoursPerYear: number;
  slo: number | null;
  shares: { element: JsonElement; share: number }[];
  cutSets: { elements: JsonElement[]; probability: number }[];
  cutSetCount: number;
}

export interface JsonFile {
  path: string;
  format: FormatId;
  findings: JsonFinding[];
  spofs: JsonSpof[] | null;
  summary: SeverityCounts;
  availability: JsonAvailability | null;
  /** Only with `check --baseline`. */
  baseline?: BaselineCounts;
}

export interface JsonReport {
  tool: string;
  version: string;
  files: JsonFile[];
}

export function toJsonReport(reports: readonly FileReport[], ctx: FormatContext): JsonReport {
  return {
    tool: ctx.toolName,
    version: ctx.version,
    files: reports.map((r) => ({
      path: r.path,
      format: r.format,
      findings: r.findings.map(toJsonFinding),
      spofs: r.spofs === null ? null : r.spofs.map(toJsonSpof),
      summary: countBySeverity(r.findings),
      availability: r.spofs === null || !r.availability ? null : toJsonAvailability(r.availability),
      ...(r.baseline ? { baseline: { held: r.baseline.held, fixed: r.baseline.fixed } } : {}),
    })),
  };
}

export function toJsonSpof(s: Spof): JsonSpof {
  return { kind: s.kind, id: s.id, impact: [...s.impact] };
}

export const formatJson: Formatter = (reports, ctx) => `${JSON.stringify(toJsonReport(reports, ctx), null, 2)}\n`;

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    target: { kind: f.target.kind, id: f.target.id },
    range: {
      start: { line: f.range.start.line, character: f.range.start.character },
      end: { line: f.range.end.line, character: f.range.end.character },
    },
  };
}

/** DESIGN §5's `availability` object. Shares and probabilities keep four significant digits, the downtime two decimals. */
export function toJsonAvailability(a: Availability): JsonAvailability {
  const significant = (x: number): number => Number(x.toPrecision(4));
  return {
    estimate: a.estimate,
    exact: a.exact,
    bounds: a.bounds ? { lower: a.bounds.lower, upper: a.bounds.upper } : null,
    downtimeHoursPerYear: Math.round(a.downtimeHoursPerYear * 100) / 100,
    slo: a.slo ?? null,
    shares: a.shares.map((s) => ({ element: toJsonElement(s.element), share: significant(s.share) })),
    cutSets: a.cutSets.map((c) => ({ elements: c.elements.map(toJsonElement), probability: significant(c.probability) })),
    cutSetCount: a.cutSetCount,
  };
}

function toJsonElement(e: FaultElement): JsonElement {
  return e.kind === 'instance' ? { kind: 'instance', id: e.component, index: e.index } : { kind: e.kind, id: e.id };
}
