// The one signature of the `diff` formats: each file's diff in, the text out.

import { availabilityChanged } from '../../analysis/diff';
import type { DesignDiff } from '../../analysis/diff';
import { countBySeverity } from '../../model/findings';
import type { SeverityCounts } from '../../model/findings';
import type { FormatContext } from './types';

export interface FileDiff {
  /** The new version, as printed (relative to the working folder, forward slashes). */
  path: string;
  /** What the old version is: a file path (`diff OLD NEW`) or `path at REF` (`--base`). */
  against: string;
  diff: DesignDiff;
}

export type DiffFormatter = (diffs: readonly FileDiff[], ctx: FormatContext) => string;

export interface DiffTotals {
  added: SeverityCounts;
  removed: SeverityCounts;
  addedCount: number;
  removedCount: number;
  spofsGained: number;
  spofsLost: number;
}

export function diffTotals(diffs: readonly FileDiff[]): DiffTotals {
  const added = diffs.flatMap((d) => d.diff.addedFindings);
  const removed = diffs.flatMap((d) => d.diff.removedFindings);
  return {
    added: countBySeverity(added),
    removed: countBySeverity(removed),
    addedCount: added.length,
    removedCount: removed.length,
    spofsGained: diffs.reduce((n, d) => n + d.diff.spofsGained.length, 0),
    spofsLost: diffs.reduce((n, d) => n + d.diff.spofsLost.length, 0),
  };
}

/** Whether the change touches the file's findings, SPOFs or availability (formats show only those files). */
export function changesAnything({ diff }: FileDiff): boolean {
  return diff.addedFindings.length + diff.removedFindings.length + diff.spofsGained.length + diff.spofsLost.length + diff.spofsChanged.length > 0 || diff.before.exists !== diff.after.exists || availabilityChanged(diff);
}
