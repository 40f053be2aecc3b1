/** One figure printed by `npm run bench`. */
export interface BenchRow {
  name: string;
  value: number | string;
  unit: string;
  /** The target from the issue, in words ("≤ 1.5× parse"), when there is one. */
  target?: string;
  /** Whether the figure meets its target; undefined when there is none. */
  ok?: boolean;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * How long the language server's worker took to analyse `uri` at `version`, from its verbose
 * trace (`infraReview.trace.server`: "analysed URI vN in X ms"); the rest of an edit →
 * diagnostics time is delivery (messages, JSON, the pipe).
 */
export function analysedMs(logMessages: readonly string[], uri: string, version: number): number | undefined {
  const prefix = `analysed ${uri} v${version} in `;
  for (let i = logMessages.length - 1; i >= 0; i--) {
    if (logMessages[i].startsWith(prefix)) return Number.parseFloat(logMessages[i].slice(prefix.length));
  }
  return undefined;
}
