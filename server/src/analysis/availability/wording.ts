// How availability figures read, in every face (CLI, hover, messages, preview, fix titles).

import type { FaultElement } from '../failure-types';
import type { Availability } from './index';

/** "99.70 %": two decimals, more while they would round a value below 1 up to 100. */
export function formatPercent(a: number): string {
  let digits = 2;
  while (digits < 7 && a < 1 && Number((a * 100).toFixed(digits)) >= 100) digits++;
  return `${(a * 100).toFixed(digits)} %`;
}

/** A target as written: 0.999 → "99.9 %". */
export function formatTarget(slo: number): string {
  return `${Number((slo * 100).toPrecision(10))} %`;
}

/** Downtime in the unit a person reads: minutes a year below 2 hours, hours above. */
export function formatDowntime(hoursPerYear: number): string {
  if (hoursPerYear < 2) {
    const minutes = hoursPerYear * 60;
    return `${minutes < 10 ? Number(minutes.toPrecision(2)) : Math.round(minutes)} min`;
  }
  return `${hoursPerYear < 10 ? Number(hoursPerYear.toPrecision(2)) : Math.round(hoursPerYear)} h`;
}

/** "33 %" (one decimal below 10 %). */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent < 10 ? Number(percent.toFixed(1)) : Math.round(percent)} %`;
}

export function describeElement(e: FaultElement): string {
  return e.kind === 'instance' ? `instance ${e.index} of ${e.component}` : `${e.kind} ${e.id}`;
}

/** "99.70 %", or "99.10 % to 99.50 %" when only bounds are known. */
export function formatEstimate(a: Pick<Availability, 'estimate' | 'bounds'>): string {
  return a.bounds ? `${formatPercent(a.bounds.lower)} to ${formatPercent(a.bounds.upper)}` : formatPercent(a.estimate);
}

/** "26 h down a year", or "at most 26 h down a year" when only bounds are known. */
export function formatYearlyDowntime(a: Pick<Availability, 'bounds' | 'downtimeHoursPerYear'>): string {
  return `${a.bounds ? 'at most ' : ''}${formatDowntime(a.downtimeHoursPerYear)} down a year`;
}

/** "99.70 % (26 h down a year)". */
export function formatEstimateAndDowntime(a: Pick<Availability, 'estimate' | 'bounds' | 'downtimeHoursPerYear'>): string {
  return `${formatEstimate(a)} (${formatYearlyDowntime(a)})`;
}

/** "99.70 % (26 h down a year, SLO 99.9 %): most of it from host lb-1 (33 %)". */
export function summarizeAvailability(a: Availability): string {
  const downtime = formatYearlyDowntime(a);
  const slo = a.slo !== undefined ? `, SLO ${formatTarget(a.slo)}` : '';
  const top = a.shares[0];
  const source = top ? `: most of it from ${describeElement(top.element)} (${formatShare(top.share)})` : '';
  return `${formatEstimate(a)} (${downtime}${slo})${source}`;
}
