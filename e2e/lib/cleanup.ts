/**
 * Teardown that runs whatever way the run ends: normal completion, a failed test, Ctrl-C.
 * Each resource registers an async `dispose` and a synchronous `disposeNow` for the
 * moment the process is exiting and can no longer await.
 */
export interface Disposer {
  name: string;
  dispose(): Promise<void>;
  disposeNow(): void;
}

const active = new Set<Disposer>();
let handlersInstalled = false;
let signalExitCode: number | undefined;
let signalled = false;

/** True once a signal started the teardown: processes ending now are ending on purpose. */
export function stoppingOnSignal(): boolean {
  return signalled;
}

/** The exit code after a signal's cleanup; by default 128 + the signal's number. */
export function setSignalExitCode(code: number): void {
  signalExitCode = code;
}

export function register(disposer: Disposer): () => Promise<void> {
  installHandlers();
  active.add(disposer);
  return async () => {
    if (!active.delete(disposer)) return;
    await disposer.dispose();
  };
}

/** Disposes everything still registered, newest first. */
export async function disposeAll(): Promise<void> {
  const pending = [...active].reverse();
  active.clear();
  const errors: unknown[] = [];
  for (const disposer of pending) {
    try {
      await disposer.dispose();
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw errors[0];
}

function disposeAllNow(): void {
  for (const disposer of [...active].reverse()) {
    try {
      disposer.disposeNow();
    } catch {
      // best effort while exiting
    }
  }
  active.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', disposeAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      signalled = true;
      void disposeAll()
        .catch((err: unknown) => console.error(`cleanup after ${sig} failed:`, err))
        .finally(() => process.exit(signalExitCode ?? (sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129)));
    });
  }
}
