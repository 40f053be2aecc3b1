// The availability part of a hover: on `slo` and `name`, the service's figures and the pairs
// that fail together; on a zone, host or component, its share of the downtime and the
// availability of the service while it is down. Ids from the file are escaped.

import { availabilityOf } from '../analysis/availability';
import type { Availability } from '../analysis/availability';
import { formatEstimate, formatYearlyDowntime, formatPercent, formatShare, formatTarget } from '../analysis/availability/wording';
import type { AnalysisResult } from '../analysis/engine';
import type { FaultElement } from '../analysis/failure-types';
import { text } from './markdown';

/** Shares and pairs a hover lists at most. */
const LISTED = 5;

function elementLabel(e: FaultElement): string {
  return e.kind === 'instance' ? `${text(e.component)} #${e.index + 1}` : `${e.kind} ${text(e.id)}`;
}

/** The service's figures, for the hover on `slo` and on `name`. */
export function serviceAvailabilityMarkdown(result: AnalysisResult): string | undefined {
  const a = availabilityOf(result);
  if (!a) return undefined;
  const lines = [`**Availability:** ${formatEstimate(a)}${a.exact ? '' : ' (proven bounds: the design is too large for an exact answer)'}, ${formatYearlyDowntime(a)}${sloVerdict(a)}.`];
  if (a.shares.length) {
    lines.push(`**Where the downtime comes from:** ${a.shares.slice(0, LISTED).map((s) => `${elementLabel(s.element)} ${formatShare(s.share)}`).join(', ')}.`);
  }
  if (a.cutSets.length) {
    const pairs = a.cutSets.slice(0, LISTED).map((c) => `${elementLabel(c.elements[0])} + ${elementLabel(c.elements[1])}`);
    lines.push(`**Pairs that must not fail together** (${a.cutSetCount}, most probable first): ${pairs.join('; ')}.`);
  }
  return lines.join('\n\n');
}

function sloVerdict(a: Availability): string {
  if (a.slo === undefined) return '';
  const meets = (a.bounds ? a.bounds.lower : a.estimate) >= a.slo;
  const misses = (a.bounds ? a.bounds.upper : a.estimate) < a.slo;
  return `; SLO ${formatTarget(a.slo)}: ${meets ? 'met' : misses ? '**missed**' : 'maybe met (between the bounds)'}`;
}

/** One element, or each instance of a component. */
export function elementAvailabilityMarkdown(result: AnalysisResult, elements: readonly FaultElement[]): string | undefined {
  const a = availabilityOf(result);
  if (!a || !a.exact) return undefined;
  const parts: string[] = [];
  for (const e of elements) {
    const figures = a.figuresOf(e);
    if (!figures) continue;
    const lead = elements.length > 1 || e.kind === 'instance' ? `${elementLabel(e)}: ` : '';
    parts.push(`${lead}${formatShare(figures.share)} of the downtime; while it is down, the service is available ${formatPercent(figures.availabilityIfFailed)}`);
  }
  if (!parts.length) return undefined;
  return parts.length === 1 ? `**Availability:** ${parts[0]}.` : `**Availability:**\n${parts.map((p) => `- ${p}`).join('\n')}`;
}
