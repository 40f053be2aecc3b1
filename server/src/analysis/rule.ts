// What a rule is: metadata (the catalogue's data) and a check over the analysed design.

import type { Design } from '../model/types';
import type { FormatId } from '../formats/detect';
import type { Availability } from './availability';
import type { FailureModel, Spof } from './failure-types';
import type { RawFinding, Severity } from '../model/findings';

export interface RuleReference {
  title: string;
  url: string;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** A short title ("Single point of failure"). */
  title: string;
  /** Markdown: what the rule looks for and why it matters. */
  explanation: string;
  /** Markdown: how to fix it; omitted when there is no general fix. */
  fix?: string;
  /** Whether findings of this rule carry a quick fix. */
  fixable: boolean;
  references?: RuleReference[];
  /** A design that triggers the rule and one that does not (docs and tests use both), in infra.yaml unless `format` says otherwise. */
  examples?: { bad: string; good: string; format?: FormatId };
  /** Markdown: the Kubernetes fields the rule reads, for a rule that reads manifests differently or only there. */
  kubernetes?: string;
  /**
   * The rule asks for the service's availability. In the editor such rules run in a second
   * step, after the diagnostics of every other rule are published (engine.ts, `deferAvailability`).
   */
  needsAvailability?: boolean;
}

export interface RuleContext {
  design: Design;
  /** Undefined when the document could not be read as data at all. */
  model: FailureModel;
  spofs: readonly Spof[];
  /** Problems found while parsing and validating (yaml-syntax, schema). */
  documentProblems: readonly RawFinding[];
  report(finding: Omit<RawFinding, 'rule'>): void;
  /** The service's availability, computed when first asked (null when the document is not a design). */
  availability(): Availability | null;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
