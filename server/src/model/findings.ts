// The one finding type every stage produces, and the fix intents it carries.
// Rules report model paths; `locate` turns them into ranges. Fixes are data: a title and
// a list of changes to the YAML tree, turned into text edits by language/fixes.ts only
// when a code action asks for them (so a keystroke never pays for edits nobody applies).

import type { Path, Range } from './types';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function atOrAbove(f: { severity: Severity }, threshold: Severity): boolean {
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold];
}

export type TargetKind = 'component' | 'host' | 'zone' | 'dns' | 'document';

export interface Target {
  kind: TargetKind;
  id: string;
}

/** Which part of the node at `path` a finding is about. */
export type NodePart = 'key' | 'value' | 'node';

/** One change to the YAML tree. Paths name existing nodes unless said otherwise. */
export type Change =
  /** Replace the scalar at `path` with `value`. */
  | { op: 'replace-value'; path: Path; value: string | number | boolean }
  /** Rename the mapping key at `path` (its last segment) to `key`. */
  | { op: 'rename-key'; path: Path; key: string }
  /** Set `key` in the mapping at `path` (which may be missing: it is then created). */
  | { op: 'set'; path: Path; key: string; value: unknown }
  /** Remove the node at `path` (a mapping pair or a sequence item). */
  | { op: 'remove'; path: Path }
  /** Append `value` to the sequence at `path` (created when missing). */
  | { op: 'append'; path: Path; value: unknown }
  /** Insert a comment line above the line of the node at `path`, at its indentation. */
  | { op: 'comment-above'; path: Path; text: string };

export interface FixIntent {
  title: string;
  /** The fix an editor may apply without asking (VS Code's "preferred" quick fix). */
  preferred?: boolean;
  /**
   * Whether `check --fix` may apply it: the fix makes no choice (a setting with one right
   * value, such as `failover: automatic`). Never for a fix that adds an element and names
   * it, removes something, picks among options, or suppresses a finding. The rule that
   * makes the fix decides.
   */
  safe?: boolean;
  /**
   * The fix adds redundancy (instances, hosts, zones, failover): the editor's quick fix says
   * what it buys, "(99.70 % → 99.95 %)". The rule that makes the fix decides.
   */
  addsRedundancy?: boolean;
  changes: Change[];
  /**
   * The paths of `changes` are the document's own (a fix of a syntax or schema problem), not
   * model paths: no front end rewrites them.
   */
  documentPaths?: boolean;
}

export interface RelatedLocation {
  message: string;
  path: Path;
  range: Range;
}

/** What a rule reports: positions come later, from the path. */
export interface RawFinding {
  rule: string;
  message: string;
  target: Target;
  path: Path;
  part?: NodePart;
  related?: { message: string; path: Path; part?: NodePart }[];
  fixes?: FixIntent[];
  /** A range known directly (YAML errors, comments), used instead of the path's. */
  range?: Range;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  target: Target;
  path: Path;
  range: Range;
  related?: RelatedLocation[];
  fixes?: FixIntent[];
}

export function compareFindings(a: Pick<Finding, 'range' | 'rule' | 'message'>, b: Pick<Finding, 'range' | 'rule' | 'message'>): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
