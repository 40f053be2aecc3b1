// Run the engine on a design written inline in a test.

import { analyze } from '../../server/src/analysis/engine';
import type { AnalyzeOptions } from '../../server/src/analysis/engine';
import type { Finding } from '../../server/src/model/findings';

/** Lines joined into a YAML text (tests read better as one line per array item). */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Every finding of the design, in document order. */
export function check(text: string, options?: AnalyzeOptions): Finding[] {
  return analyze(text, options).findings;
}

/** The findings of one rule. */
export function findingsOf(text: string, rule: string, options?: AnalyzeOptions): Finding[] {
  return check(text, options).filter((f) => f.rule === rule);
}

/** The one finding of `rule` about element `id`; fails when there is not exactly one. */
export function findingAbout(text: string, rule: string, id: string): Finding {
  const found = findingsOf(text, rule).filter((f) => f.target.id === id);
  if (found.length !== 1) {
    throw new Error(`expected one ${rule} finding about ${id}, got ${found.length}: ${JSON.stringify(found.map((f) => f.message))}`);
  }
  return found[0];
}
