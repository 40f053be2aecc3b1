// `--format json`: exactly the shape of DESIGN §5, keys in that order. Positions stay
// 0-based lines and UTF-16 characters, as in LSP.

import type { Spof } from '../../analysis/failure-types';
import type { Finding } from '../../analysis/findings';
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

export interface JsonFile {
  path: string;
  findings: JsonFinding[];
  spofs: JsonSpof[] | null;
  summary: SeverityCounts;
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
      findings: r.findings.map(toJsonFinding),
      spofs: r.spofs === null ? null : r.spofs.map(toJsonSpof),
      summary: countBySeverity(r.findings),
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
