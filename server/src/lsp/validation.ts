// When to analyse after an edit. A change to a document that has been quiet is analysed at
// once; during a burst of changes the document is analysed at most once per "quiet
// interval", which grows with its last analysis time (zero for small files). So a
// keystroke in a small file is analysed immediately, and fast typing in a huge file costs
// one analysis per pause instead of one per key. Each URI has its own schedule.

/** The minimum gap between two analyses of one document, from its last analysis time. */
export function quietInterval(lastAnalysisMs: number): number {
  if (lastAnalysisMs <= 30) return 0;
  return Math.min(250, Math.round(lastAnalysisMs / 2));
}

interface UriState {
  timer?: NodeJS.Timeout;
  running: boolean;
  /** A change came while a run was in progress: run again after it. */
  rerun: boolean;
  /** When the last analysis of this URI ended (performance.now()). */
  lastEnd: number;
  lastMs: number;
}

export class ValidationScheduler {
  private readonly states = new Map<string, UriState>();

  /** `validate` analyses and publishes; it returns the analysis time in ms. */
  constructor(
    private readonly validate: (uri: string) => Promise<number | undefined>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  schedule(uri: string): void {
    const state = this.states.get(uri) ?? { lastEnd: -Infinity, lastMs: 0, running: false, rerun: false };
    this.states.set(uri, state);
    if (state.timer) return; // the pending run will pick up the newest version
    if (state.running) {
      state.rerun = true;
      return;
    }
    const wait = Math.max(0, state.lastEnd + quietInterval(state.lastMs) - this.now());
    // Even at 0 ms, a timer lets changes already queued behind this one land first.
    state.timer = setTimeout(() => void this.run(uri, state), wait);
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
      state.lastEnd = this.now();
    }
    if (state.rerun && this.states.get(uri) === state) {
      state.rerun = false;
      this.schedule(uri);
    }
  }
}
