// "Did you mean …?" suggestions: the candidate closest to a misspelled word.
// Distances are Damerau-Levenshtein (optimal string alignment: a swap of two adjacent
// characters costs 1), compared case-insensitively. The threshold follows TypeScript's
// spelling suggestions: about 40% of the word's length, plus one.

/** The largest distance worth suggesting for a word of this length. */
export function defaultMaxDistance(word: string): number {
  return Math.floor(word.length * 0.4) + 1;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough.
 * A candidate equal to `word` (or equal but for case) always wins. Ties go to the candidate that also
 * matches the case better, then to the earlier one. Candidates whose length differs from
 * the word's by more than the threshold are skipped unread, so 40k candidates cost little.
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance = defaultMaxDistance(word)): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  let bestCaseDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) return candidate;
    if (Math.abs(candidate.length - word.length) > Math.min(maxDistance, bestDistance)) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) return candidate;
    const d = distance(lower, candidateLower, Math.min(maxDistance, bestDistance));
    // A "suggestion" that shares nothing with the word (x → lb) helps nobody.
    if (d > maxDistance || d >= candidate.length || d >= word.length) continue;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      bestCaseDistance = Infinity;
    } else if (d === bestDistance) {
      if (bestCaseDistance === Infinity && best !== undefined) bestCaseDistance = distance(word, best, Infinity);
      const caseDistance = distance(word, candidate, bestCaseDistance);
      if (caseDistance < bestCaseDistance) {
        best = candidate;
        bestCaseDistance = caseDistance;
      }
    }
  }
  return best;
}

// Rows reused between calls: suggestions are computed one at a time.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
let beforePreviousRow = new Int32Array(64);

/**
 * The optimal-string-alignment distance between a and b; any value above `limit` may be
 * returned as `limit + 1`. Only the diagonal band of width `limit` is computed (cells
 * farther from it already exceed the limit), and the computation stops once a whole row does.
 */
export function distance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // No distance exceeds the longer length: this keeps every value small enough for Int32Array.
  const bound = Math.min(limit, Math.max(m, n));
  const over = bound + 1;
  if (Math.abs(m - n) > bound) return over;
  if (previousRow.length <= n + 1) {
    previousRow = new Int32Array(n + 2);
    currentRow = new Int32Array(n + 2);
    beforePreviousRow = new Int32Array(n + 2);
  }
  let prev = previousRow;
  let cur = currentRow;
  let before = beforePreviousRow;
  for (let j = 0; j <= n + 1; j++) prev[j] = j <= bound ? j : over;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - bound);
    const hi = Math.min(n, i + bound);
    cur[lo - 1] = lo === 1 && i <= bound ? i : over;
    let rowMin = over;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ca === cb ? 0 : 1);
      const deletion = prev[j] + 1;
      if (deletion < d) d = deletion;
      const insertion = cur[j - 1] + 1;
      if (insertion < d) d = insertion;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const swap = before[j - 2] + 1;
        if (swap < d) d = swap;
      }
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < n) cur[hi + 1] = over;
    if (rowMin > bound) return over;
    const recycled = before;
    before = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[n] > bound ? over : prev[n];
}
