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
