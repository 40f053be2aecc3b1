// Where analyses run: in worker threads, two per open design. One holds the document's last
// complete analysis and answers requests from it; the other analyses the newest version.
// When it is done, the two swap roles (the older analysis' worker keeps its chunk cache for
// the next edit). A newer edit cancels an older analysis that has run longer than it takes
// to start a worker, by terminating its thread: a 30,000-deep chain that takes seconds no
// longer holds up hovers, completions or the next edit. Quicker analyses finish first, and
// the edits that came meanwhile are analysed next (lsp/validation.ts).
// The served worker then runs the analysis' second step, the rules that need the availability
// (engine.ts, `completeAnalysis`), whose diagnostics are a second answer for the same version.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SeveritySetting } from '../model/findings';
import type { VersionedText } from './analysis-cache';
import type { Analysed, AnalysedMessage, CompletedMessage, WorkerCall, WorkerMessage } from './analysis-worker';
import { DiagnosticsDecoder } from './diagnostics-delta';
import type { FeatureContext, FeatureName } from './features';

/** An older analysis still running this long after it started gives way to a newer edit. */
export const SUPERSEDE_AFTER_MS = 200;

export type WorkerLog = (level: 'log' | 'warn' | 'error', text: string) => void;

/** The analysis was cancelled (a newer edit, the document closed, the server shutting down). */
export class AnalysisCancelled extends Error {}

/** An error a worker's feature threw on purpose (a ResponseError there), with its code. */
export class FeatureError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

type Call = WorkerCall extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

class AnalysisWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  private nextId = 0;
  private ended?: Error;
  private readonly diagnostics = new DiagnosticsDecoder();

  constructor(log: WorkerLog) {
    this.worker = startWorker();
    // Workers never keep the server alive; `exit` ends it.
    this.worker.unref();
    this.worker.on('message', (m: WorkerMessage) => {
      if ('log' in m) return log(m.log, m.text);
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if ('error' in m) waiting.reject(m.error.code === undefined ? new Error(m.error.message) : new FeatureError(m.error.message, m.error.code));
      else waiting.resolve(m.value);
    });
    this.worker.on('error', (err) => this.end(err));
    this.worker.on('exit', (code) => this.end(new Error(`the analysis worker exited with code ${code}`)));
  }

  get alive(): boolean {
    return !this.ended;
  }

  call(call: Call): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...call, id });
    });
  }

  /** An analysis; its diagnostics come as a delta against this worker's previous answer. */
  async analyse(call: Omit<Extract<Call, { kind: 'analyse' }>, 'kind'>): Promise<Analysed> {
    const sent = (await this.call({ ...call, kind: 'analyse' })) as AnalysedMessage;
    return { ...sent, diagnostics: this.diagnostics.decode(call.uri, sent.diagnostics) };
  }

  /**
   * The second step of the analysis of `first`: the complete diagnostics, when they are not
   * `first`'s; undefined when they are, or when this worker holds another version now.
   */
  async complete(uri: string, first: Analysed): Promise<Analysed | undefined> {
    const sent = (await this.call({ kind: 'complete', uri, version: first.version })) as CompletedMessage;
    if (!sent?.diagnostics) return undefined;
    const diagnostics = this.diagnostics.decode(uri, sent.diagnostics);
    // Unchanged diagnostics decode to the very objects of the answer before.
    const same = diagnostics.length === first.diagnostics.length && diagnostics.every((d, i) => d === first.diagnostics[i]);
    return same ? undefined : { version: sent.version, diagnostics, ms: sent.ms };
  }

  terminate(): void {
    this.end(new AnalysisCancelled('cancelled'));
    void this.worker.terminate();
  }

  private end(err: Error): void {
    this.ended ??= err;
    for (const waiting of this.pending.values()) waiting.reject(this.ended);
    this.pending.clear();
  }
}

/** The bundle's worker beside dist/cli.js, or the sources through tsx (SERVER_FROM_SOURCE). */
function startWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'analysis-worker.ts');
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
  }
  return new Worker(join(__dirname, 'analysis-worker.js'));
}

interface Running {
  version: number;
  settings: string;
  worker: AnalysisWorker;
  started: number;
  done: Promise<Analysed | undefined>;
  cancelTimer?: NodeJS.Timeout;
}

interface Served {
  version: number;
  worker: AnalysisWorker;
  settings: string;
  /** The analysis' first answer (every rule but those that need the availability). */
  first: Analysed;
  /** Its diagnostics now: the complete ones once the second step has changed them. */
  analysed: Analysed;
  /** The second step: the complete diagnostics when they differ from the first. */
  second: Promise<Analysed | undefined>;
}

interface DocumentWorkers {
  /** The last analysis whose first answer came, and the worker that holds it. */
  served?: Served;
  running?: Running;
  /** The worker of the analysis before, ready for the next one. */
  idle?: AnalysisWorker;
}

export class AnalysisWorkers {
  private readonly documents = new Map<string, DocumentWorkers>();
  private rules: Readonly<Record<string, SeveritySetting>> = {};
  private composeProfiles: readonly string[] = [];
  private settings = '';

  constructor(
    private readonly log: WorkerLog,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** New settings make every analysis stale. */
  setRules(rules: Readonly<Record<string, SeveritySetting>>, key: string, composeProfiles: readonly string[] = []): void {
    this.rules = rules;
    this.composeProfiles = composeProfiles;
    this.settings = key;
  }

  /** The analysis of the document's current version; undefined when it was cancelled. */
  analyse(doc: VersionedText): Promise<Analysed | undefined> {
    const state = this.state(doc.uri);
    const { served, running } = state;
    if (served && served.version === doc.version && served.settings === this.settings) return Promise.resolve(served.analysed);
    if (running) {
      if (running.version === doc.version && running.settings === this.settings) return running.done;
      this.cancel(doc.uri, state);
    }
    const worker = state.idle?.alive ? state.idle : new AnalysisWorker(this.log);
    state.idle = undefined;
    const next: Running = { version: doc.version, settings: this.settings, worker, started: this.now(), done: Promise.resolve(undefined) };
    next.done = worker.analyse({ uri: doc.uri, version: doc.version, text: doc.getText(), rules: this.rules, composeProfiles: this.composeProfiles, settings: this.settings }).then(
      (analysed) => {
        if (state.running === next) {
          state.running = undefined;
          if (state.served?.worker.alive) state.idle = state.served.worker;
          state.served = this.served(doc.uri, next, analysed);
        }
        return analysed;
      },
      (err: unknown) => {
        if (state.running === next) state.running = undefined;
        clearTimeout(next.cancelTimer);
        if (err instanceof AnalysisCancelled) return undefined;
        throw err;
      },
    );
    state.running = next;
    return next.done;
  }

  /**
   * The diagnostics of the analysis that answered `first`, once its second step (the rules
   * that need the availability) has changed them. Undefined when it changes nothing, and when
   * a newer analysis has been served meanwhile: a second answer never replaces a newer first.
   */
  async completion(uri: string, first: Analysed): Promise<Analysed | undefined> {
    const state = this.documents.get(uri);
    const served = state?.served;
    if (!served || served.first !== first) return undefined;
    const complete = await served.second;
    return this.documents.get(uri)?.served === served ? complete : undefined;
  }

  /** A newer version exists: an older analysis gives way once it has run SUPERSEDE_AFTER_MS. */
  superseded(uri: string, version: number): void {
    const state = this.documents.get(uri);
    const running = state?.running;
    if (!state || !running || running.version >= version || running.cancelTimer) return;
    const wait = Math.max(0, SUPERSEDE_AFTER_MS - (this.now() - running.started));
    running.cancelTimer = setTimeout(() => {
      if (state.running === running) this.cancel(uri, state);
    }, wait);
  }

  /**
   * A feature's answer from the last complete analysis of the document, even while a newer
   * one runs. Only a document never analysed waits for its first analysis. Undefined when
   * there is none (the analysis failed or was cancelled).
   */
  async request(doc: VersionedText, feature: FeatureName, params: unknown, context: Omit<FeatureContext, 'uri' | 'analysedVersion'>): Promise<unknown> {
    const state = this.state(doc.uri);
    if (!state.served?.worker.alive) await this.analyse(doc);
    const served = this.documents.get(doc.uri)?.served;
    if (!served?.worker.alive) return undefined;
    try {
      return await served.worker.call({ kind: 'request', uri: doc.uri, feature, params, context: { ...context, uri: doc.uri } });
    } catch (err) {
      if (err instanceof AnalysisCancelled) return undefined;
      throw err;
    }
  }

  close(uri: string): void {
    const state = this.documents.get(uri);
    if (!state) return;
    this.documents.delete(uri);
    for (const worker of [state.served?.worker, state.running?.worker, state.idle]) worker?.terminate();
    clearTimeout(state.running?.cancelTimer);
  }

  dispose(): void {
    for (const uri of [...this.documents.keys()]) this.close(uri);
  }

  /**
   * A finished analysis becomes the served one, and its worker runs the second step at once.
   * The worker's messages are ordered, so every request sent to it later is answered from
   * the complete result.
   */
  private served(uri: string, running: Running, first: Analysed): Served {
    const served: Served = { version: running.version, worker: running.worker, settings: running.settings, first, analysed: first, second: Promise.resolve(undefined) };
    served.second = running.worker.complete(uri, first).then(
      (complete) => {
        if (complete) served.analysed = complete;
        return complete;
      },
      (err: unknown) => {
        // Nobody may be waiting for it: a failure is logged here, never left unhandled.
        if (!(err instanceof AnalysisCancelled)) this.log('error', `infra-review: the second step of the analysis of ${uri} v${running.version} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return undefined;
      },
    );
    return served;
  }

  private cancel(uri: string, state: DocumentWorkers): void {
    const running = state.running;
    if (!running) return;
    state.running = undefined;
    clearTimeout(running.cancelTimer);
    running.worker.terminate();
    this.log('log', `infra-review: cancelled the analysis of ${uri} v${running.version} after ${Math.round(this.now() - running.started)} ms: a newer edit supersedes it`);
  }

  private state(uri: string): DocumentWorkers {
    let state = this.documents.get(uri);
    if (!state) this.documents.set(uri, (state = {}));
    return state;
  }
}
