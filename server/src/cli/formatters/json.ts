// `--format json`: exactly the shape of docs/format.md (JSON output), keys in that order. Positions stay
// 0-based lines and UTF-16 characters, as in LSP.

import type { FormatId } from '../../formats/detect';
import type { Finding } from '../../model/findings';
import type { Range } from '../../model/types';
import { countBySeverity } from './types';
import type { FileReport, FormatContext, Formatter, SeverityCounts } from './types';

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
  format: FormatId;
  findings: JsonFinding[];
  spofs: JsonSpof[] | null;
  summary: SeverityCounts;
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
      spofs: r.spofs === null ? null : r.spofs.map((s) => ({ kind: s.kind, id: s.id, impact: [...s.impact] })),
      summary: countBySeverity(r.findings),
    })),
  };
}

export const formatJson: Formatter = (reports, ctx) => `${JSON.stringify(toJsonReport(reports, ctx), null, 2)}\n`;

function toJsonFinding(f: Finding): JsonFinding {
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
