// When to analyse after an edit. An edit to a document that has been quiet is analysed at
// once. Edits that follow each other closer than the document's "quiet interval" are a
// burst (fast typing, or keys that queued up while an analysis ran): the analysis then waits
// until the burst pauses for that long, so it costs one analysis, not one per key. The
// interval grows with the document's last analysis time and is zero for small files. Each
// URI has its own schedule.

/** The pause that ends a burst of edits, from the document's last analysis time. */
export function quietInterval(lastAnalysisMs: number): number {
  if (lastAnalysisMs <= 30) return 0;
  return Math.min(250, Math.round(lastAnalysisMs / 2));
}

interface UriState {
  timer?: NodeJS.Timeout;
  running: boolean;
  /** A change came while a run was in progress: run again after it. */
  rerun: boolean;
  /** When the last change arrived (performance.now()). */
  lastChange: number;
  lastMs: number;
}

export class ValidationScheduler {
  private readonly states = new Map<string, UriState>();

  /** `validate` analyses and publishes; it returns the analysis time in ms. */
  constructor(
    private readonly validate: (uri: string) => Promise<number | undefined>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Schedules an analysis of `uri` after a change. Returns the wait chosen, in ms, or
   * undefined when the change joins a run already due (or in progress).
   */
  schedule(uri: string): number | undefined {
    const state = this.states.get(uri) ?? { lastChange: -Infinity, lastMs: 0, running: false, rerun: false };
    this.states.set(uri, state);
    const now = this.now();
    const quiet = quietInterval(state.lastMs);
    const inBurst = now - state.lastChange < quiet;
    state.lastChange = now;
    if (state.running) {
      state.rerun = true;
      return undefined;
    }
    if (!inBurst) {
      if (state.timer) return undefined;
      // Even at 0 ms, a timer lets changes already queued behind this one land first.
      state.timer = setTimeout(() => void this.run(uri, state), 0);
      return 0;
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.run(uri, state), quiet);
    return quiet;
  }

  cancel(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.cancel(uri);
  }

  private async run(uri: string, state: UriState): Promise<void> {
    state.timer = undefined;
    state.running = true;
    try {
      const ms = await this.validate(uri);
      if (ms !== undefined) state.lastMs = ms;
    } finally {
      state.running = false;
    }
    if (state.rerun && this.states.get(uri) === state) {
      state.rerun = false;
      // Changes that came during the run are a burst by definition: wait for its pause.
      state.timer = setTimeout(() => void this.run(uri, state), Math.max(0, state.lastChange + quietInterval(state.lastMs) - this.now()));
    }
  }
}
