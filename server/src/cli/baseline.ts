// Baselines: an earlier `check --format json`, whose findings `check --baseline` leaves out.
// Findings match by rule and target (analysis/finding-identity.ts), the same matching
// `diff` uses, so a baseline survives edits that move lines.

import type { Identified } from '../analysis/finding-identity';
import { matchFindings } from '../analysis/finding-identity';
import type { Finding, TargetKind } from '../model/findings';
import { UsageError } from './io';

/** What a baseline holds of each file: the findings, by the path `check` printed. */
export type Baseline = ReadonlyMap<string, readonly Identified[]>;

const TARGET_KINDS: readonly TargetKind[] = ['component', 'host', 'zone', 'dns', 'document'];

/** Reads a baseline from the text of a `check --format json` report; a UsageError when it is not one. */
export function parseBaseline(text: string, shownAs: string): Baseline {
  const bad = (why: string): UsageError => new UsageError(`invalid baseline ${shownAs}: ${why}; write one with check --write-baseline FILE`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw bad(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw bad('no "files" list, as in the output of check --format json');
  const baseline = new Map<string, Identified[]>();
  files.forEach((file: unknown, i) => {
    const { path, findings } = (file ?? {}) as { path?: unknown; findings?: unknown };
    if (typeof path !== 'string' || !Array.isArray(findings)) throw bad(`files[${i}] has no "path" and "findings"`);
    const list = baseline.get(path) ?? [];
    findings.forEach((f: unknown, j) => {
      const { rule, message, target } = (f ?? {}) as { rule?: unknown; message?: unknown; target?: { kind?: unknown; id?: unknown } };
      const kind = target?.kind as TargetKind;
      if (typeof rule !== 'string' || typeof message !== 'string' || !TARGET_KINDS.includes(kind) || typeof target?.id !== 'string') {
        throw bad(`files[${i}].findings[${j}] needs a rule, a message and a target { kind, id }`);
      }
      list.push({ rule, message, target: { kind, id: target.id } });
    });
    baseline.set(path, list);
  });
  return baseline;
}

export interface BaselineOutcome {
  /** The findings the baseline does not hold. */
  fresh: Finding[];
  /** Findings the baseline held and that are still there. */
  held: number;
  /** Findings the baseline held that are gone: fixed since. */
  fixed: number;
}

export function applyBaseline(baseline: Baseline, path: string, findings: readonly Finding[]): BaselineOutcome {
  const match = matchFindings(baseline.get(path) ?? [], findings);
  return { fresh: match.added, held: match.kept.length, fixed: match.removed.length };
}
