// The one signature every output format shares: the checked files in, the text out.

import type { Availability } from '../../analysis/availability';
import type { Spof } from '../../analysis/failure-types';
import type { FormatId } from '../../formats/detect';
import type { Finding } from '../../model/findings';

export interface FileReport {
  /** As printed: relative to the working folder, with forward slashes. */
  path: string;
  /** The format the file was read as (docs/formats.md). */
  format: FormatId;
  findings: readonly Finding[];
  /** The complete SPOF set; null when the file could not be analysed. */
  spofs: readonly Spof[] | null;
  /** DESIGN §3 "Availability"; null exactly when `spofs` is (absent reads as null). */
  availability?: Availability | null;
  /** With `check --baseline`: `findings` are those the baseline lacks; these count the rest. */
  baseline?: BaselineCounts;
}

export interface BaselineCounts {
  /** Findings the baseline holds that are still there (not reported). */
  held: number;
  /** Findings the baseline holds that are gone. */
  fixed: number;
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

export { countBySeverity } from '../../model/findings';
export type { SeverityCounts } from '../../model/findings';

/** Where a rule's documentation lives. */
export function ruleHelpUri(ctx: FormatContext, ruleId: string): string {
  return `${ctx.informationUri}/blob/main/docs/rules.md#${ruleId}`;
}
