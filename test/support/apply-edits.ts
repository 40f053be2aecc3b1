// Test helpers around fixes: applying them (as an LSP client does, see server/src/language/apply-edits.ts) and
// checking what they leave untouched.

import type { Change } from '../../server/src/model/findings';
import { fixToEdits } from '../../server/src/language/fixes';
import type { TextEdit } from '../../server/src/language/fixes';
import { parseText } from '../../server/src/model/parse';
import { applyEdits, offsetOf } from '../../server/src/language/apply-edits';

export { applyEdits, offsetOf };

/** The text after the changes, or undefined when no edits were produced. */
export function applyChanges(text: string, changes: Change[]): string | undefined {
  const edits = fixToEdits(parseText(text), { title: 'test', changes });
  return edits.length === 0 ? undefined : applyEdits(text, edits);
}

/**
 * The lines of `before` that no edit touches must all be in `after`, unchanged (line
 * ends included) and in order. Returns the first one missing, or undefined.
 */
export function untouchedLineMissing(before: string, after: string, edits: readonly TextEdit[]): string | undefined {
  const touched = new Set<number>();
  for (const e of edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) touched.add(l);
  const afterLines = splitKeepingEnds(after);
  let j = 0;
  const beforeLines = splitKeepingEnds(before);
  for (let i = 0; i < beforeLines.length; i++) {
    if (touched.has(i)) continue;
    while (j < afterLines.length && afterLines[j] !== beforeLines[i]) j++;
    if (j === afterLines.length) return beforeLines[i];
    j++;
  }
  return undefined;
}

function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
