// What a change does to a design: the two versions analysed, findings matched by rule and
// target (finding-identity.ts), SPOFs by kind and id. Pure: the texts come in, reading
// files and `git show` is the CLI's job.

import { availabilityOf } from './availability';
import type { Availability } from './availability';
import { analyze } from './engine';
import type { AnalysisResult, AnalyzeOptions } from './engine';
import type { Spof } from './failure-types';
import { matchFindings } from './finding-identity';
import { countBySeverity } from '../model/findings';
import type { Finding, SeverityCounts } from '../model/findings';

/** The figures that describe one version; `before` and `after` each have one. */
export interface VersionFigures {
  /** Whether the version exists (a file the change adds has no `before`). */
  exists: boolean;
  findings: SeverityCounts;
  /** Null when the version could not be analysed (it does not parse), as in `check`. */
  spofs: number | null;
  /** The service's availability (DESIGN §3); null exactly when `spofs` is, or without the version. */
  availability: AvailabilityFigure | null;
}

/** What a diff says of a version's availability: the estimate, or its proven bounds. */
export type AvailabilityFigure = Pick<Availability, 'estimate' | 'exact' | 'bounds' | 'downtimeHoursPerYear'>;

export interface SpofChange {
  kind: Spof['kind'];
  id: string;
  before: readonly string[];
  after: readonly string[];
}

export interface DesignDiff {
  before: VersionFigures;
  after: VersionFigures;
  /** In document order of the version they belong to. */
  addedFindings: Finding[];
  removedFindings: Finding[];
  unchangedFindings: number;
  /** SPOFs the change creates, with their blast radius (`impact`). */
  spofsGained: Spof[];
  /** SPOFs the change removes, with the blast radius they had. */
  spofsLost: Spof[];
  /** SPOFs in both versions whose blast radius changed. */
  spofsChanged: SpofChange[];
}

/** Diffs two versions of a design; null stands for a version that does not exist. */
export function diffDesigns(before: string | null, after: string | null, options: AnalyzeOptions = {}): DesignDiff {
  const old = before === null ? null : analyze(before, options);
  const now = after === null ? null : analyze(after, options);
  const match = matchFindings(old?.findings ?? [], now?.findings ?? []);
  const oldSpofs = old?.spofs ?? [];
  const newSpofs = now?.spofs ?? [];
  const oldById = new Map(oldSpofs.map((s) => [spofKey(s), s]));
  const newById = new Map(newSpofs.map((s) => [spofKey(s), s]));
  const spofsChanged: SpofChange[] = [];
  for (const s of newSpofs) {
    const was = oldById.get(spofKey(s));
    if (was && !sameList(was.impact, s.impact)) spofsChanged.push({ kind: s.kind, id: s.id, before: was.impact, after: s.impact });
  }
  return {
    before: figures(old),
    after: figures(now),
    addedFindings: match.added,
    removedFindings: match.removed,
    unchangedFindings: match.kept.length,
    spofsGained: newSpofs.filter((s) => !oldById.has(spofKey(s))),
    spofsLost: oldSpofs.filter((s) => !newById.has(spofKey(s))),
    spofsChanged,
  };
}

function figures(result: AnalysisResult | null): VersionFigures {
  const a = result && availabilityOf(result);
  return {
    exists: result !== null,
    findings: countBySeverity(result?.findings ?? []),
    spofs: result ? (result.spofs?.length ?? null) : 0,
    availability: a ? { estimate: a.estimate, exact: a.exact, bounds: a.bounds, downtimeHoursPerYear: a.downtimeHoursPerYear } : null,
  };
}

/** Whether the change moves the availability (to the precision a report prints, 1e-9). */
export function availabilityChanged(d: Pick<DesignDiff, 'before' | 'after'>): boolean {
  const [a, b] = [d.before.availability, d.after.availability];
  if (!a || !b) return a !== b;
  return Math.abs(a.estimate - b.estimate) > 1e-9 || a.exact !== b.exact;
}

function spofKey(s: Spof): string {
  return `${s.kind}\u0000${s.id}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
