// An analysis worker thread: it analyses the texts it is sent and answers the feature requests
// about them from its own last complete analysis (lsp/features.ts). The main thread keeps two
// per document (lsp/analysis-workers.ts): one answers while the other analyses, and
// terminating the busy one is the cancellation. An analysis leaves the rules that need the
// availability for `complete`, its second step, so its diagnostics do not wait for them.
// Built on its own as dist/analysis-worker.js.

import { isMainThread, parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ResponseError } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding, SeveritySetting } from '../model/findings';
import { AnalysisCache } from './analysis-cache';
import { toDiagnostic } from './convert';
import { DiagnosticsEncoder } from './diagnostics-delta';
import type { DiagnosticsDelta } from './diagnostics-delta';
import { FEATURES } from './features';
import type { FeatureContext, FeatureName } from './features';

export type WorkerCall =
  | { id: number; kind: 'analyse'; uri: string; version: number; text: string; rules: Readonly<Record<string, SeveritySetting>>; composeProfiles: readonly string[]; settings: string }
  | { id: number; kind: 'complete'; uri: string; version: number }
  | { id: number; kind: 'request'; uri: string; feature: FeatureName; params: unknown; context: Omit<FeatureContext, 'analysedVersion'> };

export interface Analysed {
  version: number;
  diagnostics: Diagnostic[];
  /** How long the analysis took, in ms (the debounce adapts to it). */
  ms: number;
}

/** `Analysed` as a worker sends it: the diagnostics as a delta against its previous answer. */
export type AnalysedMessage = Omit<Analysed, 'diagnostics'> & { diagnostics: DiagnosticsDelta };

/**
 * The answer to `complete`, the analysis' second step: its diagnostics when they differ from
 * those sent before; null when this worker no longer holds that version.
 */
export type CompletedMessage = { version: number; ms: number; diagnostics?: DiagnosticsDelta } | null;

export type WorkerMessage =
  | { id: number; value: unknown }
  | { id: number; error: { message: string; code?: number } }
  | { log: 'log' | 'warn' | 'error'; text: string };

export function serveAnalyses(port: MessagePort): void {
  const cache = new AnalysisCache();
  const diagnostics = new DiagnosticsEncoder();
  // stdout is the protocol's: whatever a dependency prints goes to the client's log.
  const forward = (log: 'log' | 'warn' | 'error') => (...args: unknown[]) => port.postMessage({ log, text: args.map(String).join(' ') } satisfies WorkerMessage);
  console.log = console.info = console.debug = forward('log');
  console.warn = forward('warn');
  console.error = forward('error');

  port.on('message', (call: WorkerCall) => {
    void answer(call).then(
      (value) => port.postMessage({ id: call.id, value } satisfies WorkerMessage),
      (err: unknown) =>
        port.postMessage({
          id: call.id,
          error: err instanceof ResponseError ? { message: err.message, code: err.code } : { message: err instanceof Error ? (err.stack ?? err.message) : String(err) },
        } satisfies WorkerMessage),
    );
  });

  /** Per URI, the findings whose diagnostics were sent last. */
  const sent = new Map<string, readonly Finding[]>();
  const send = (uri: string, findings: readonly Finding[]): DiagnosticsDelta => {
    sent.set(uri, findings);
    return diagnostics.encode(uri, findings.map((f) => toDiagnostic(f, uri)));
  };

  async function answer(call: WorkerCall): Promise<unknown> {
    if (call.kind === 'analyse') {
      cache.setRules(call.rules, call.settings, call.composeProfiles);
      const entry = cache.get({ uri: call.uri, version: call.version, getText: () => call.text });
      return { version: entry.version, diagnostics: send(call.uri, entry.result.findings), ms: entry.ms } satisfies AnalysedMessage;
    }
    if (call.kind === 'complete') {
      const completed = cache.complete(call.uri, call.version);
      if (!completed) return null satisfies CompletedMessage;
      const { findings } = completed.entry.result;
      // The engine keeps the first pass' array when the second step changes nothing.
      const changed = findings !== sent.get(call.uri);
      return { version: call.version, ms: completed.ms, ...(changed ? { diagnostics: send(call.uri, findings) } : {}) } satisfies CompletedMessage;
    }
    const latest = cache.latest(call.uri);
    if (!latest) throw new Error(`no analysis of ${call.uri} in this worker`);
    // Requests are answered from the complete result: the main thread asks for it right after
    // the first, so it is normally there already; `complete` then sends what changed anyway.
    const entry = cache.complete(call.uri, latest.version)?.entry ?? latest;
    const feature = FEATURES[call.feature] as (result: unknown, params: unknown, context: FeatureContext) => unknown;
    return feature(entry.result, call.params, { ...call.context, analysedVersion: entry.version });
  }
}

if (!isMainThread && parentPort) serveAnalyses(parentPort);
