/** Condition waits: poll a predicate until it holds or the deadline passes. No fixed sleeps. */
export interface WaitOptions {
  timeoutMs: number;
  /** What is awaited, for the timeout message. */
  what: string;
  intervalMs?: number;
  /** Checked before each probe: a message here ends the wait at once with that error. */
  abortIf?: () => string | undefined;
  /** What was last seen, for the timeout message. */
  describe?: () => string;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    const abort = options.abortIf?.();
    if (abort !== undefined) throw new Error(abort);
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const seen = options.describe ? `; last seen: ${options.describe()}` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}${cause}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
