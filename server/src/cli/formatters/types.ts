// The one signature every output format shares: the checked files in, the text out.

import type { Spof } from '../../analysis/failure-types';
import type { FormatId } from '../../formats/detect';
import type { Finding, Severity } from '../../model/findings';

export interface FileReport {
  /** As printed: relative to the working folder, with forward slashes. */
  path: string;
  /** The format the file was read as (docs/formats.md). */
  format: FormatId;
  findings: readonly Finding[];
  /** The complete SPOF set; null when the file could not be analysed. */
  spofs: readonly Spof[] | null;
}

export interface FormatContext {
  toolName: string;
  version: string;
  /** The project's home page; rule documentation hangs off it. */
  informationUri: string;
  /** ANSI colours (text format only). */
  color: boolean;
}

export type Formatter = (reports: readonly FileReport[], ctx: FormatContext) => string;

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Where a rule's documentation lives. */
export function ruleHelpUri(ctx: FormatContext, ruleId: string): string {
  return `${ctx.informationUri}/blob/main/docs/rules.md#${ruleId}`;
}
