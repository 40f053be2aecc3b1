// The rule catalogue: every rule's metadata, in id order. Hover text, `explain`, SARIF rule
// metadata and docs/rules.md are all generated from this, never written twice.

import type { RuleMeta } from './rule';
import { ALL_RULES } from './rules';

export const CATALOGUE: readonly RuleMeta[] = ALL_RULES.map((r) => r.meta).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const byId = new Map(CATALOGUE.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export const RULE_IDS: readonly string[] = CATALOGUE.map((m) => m.id);
