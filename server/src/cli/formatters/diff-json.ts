// `diff --format json`: per file, the two versions' figures, the findings added and removed
// (each with the range in its own version) and the SPOFs gained, lost and changed.

import type { VersionFigures } from '../../analysis/diff';
import { diffTotals } from './diff-types';
import type { DiffFormatter, DiffTotals, FileDiff } from './diff-types';
import { toJsonFinding, toJsonSpof } from './json';
import type { JsonFinding, JsonSpof } from './json';
import type { FormatContext } from './types';

export interface JsonFileDiff {
  path: string;
  against: string;
  before: VersionFigures;
  after: VersionFigures;
  findings: { added: JsonFinding[]; removed: JsonFinding[]; unchanged: number };
  spofs: { gained: JsonSpof[]; lost: JsonSpof[]; changed: { kind: JsonSpof['kind']; id: string; before: string[]; after: string[] }[] };
}

export interface JsonDiffReport {
  tool: string;
  version: string;
  files: JsonFileDiff[];
  summary: DiffTotals;
}

export function toJsonDiff(diffs: readonly FileDiff[], ctx: FormatContext): JsonDiffReport {
  return {
    tool: ctx.toolName,
    version: ctx.version,
    files: diffs.map(({ path, against, diff }) => ({
      path,
      against,
      before: diff.before,
      after: diff.after,
      findings: { added: diff.addedFindings.map(toJsonFinding), removed: diff.removedFindings.map(toJsonFinding), unchanged: diff.unchangedFindings },
      spofs: {
        gained: diff.spofsGained.map(toJsonSpof),
        lost: diff.spofsLost.map(toJsonSpof),
        changed: diff.spofsChanged.map((c) => ({ kind: c.kind, id: c.id, before: [...c.before], after: [...c.after] })),
      },
    })),
    summary: diffTotals(diffs),
  };
}

export const formatJsonDiff: DiffFormatter = (diffs, ctx) => `${JSON.stringify(toJsonDiff(diffs, ctx), null, 2)}\n`;
