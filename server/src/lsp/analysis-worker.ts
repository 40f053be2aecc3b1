// An analysis worker thread: it analyses the texts it is sent and answers the feature requests
// about them from its own last complete analysis (lsp/features.ts). The main thread keeps two
// per document (lsp/analysis-workers.ts): one answers while the other analyses, and
// terminating the busy one is the cancellation. Built on its own as dist/analysis-worker.js.

import { isMainThread, parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ResponseError } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { SeveritySetting } from '../model/findings';
import { AnalysisCache } from './analysis-cache';
import { toDiagnostic } from './convert';
import { DiagnosticsEncoder } from './diagnostics-delta';
import type { DiagnosticsDelta } from './diagnostics-delta';
import { FEATURES } from './features';
import type { FeatureContext, FeatureName } from './features';

export type WorkerCall =
  | { id: number; kind: 'analyse'; uri: string; version: number; text: string; rules: Readonly<Record<string, SeveritySetting>>; composeProfiles: readonly string[]; settings: string }
  | { id: number; kind: 'request'; uri: string; feature: FeatureName; params: unknown; context: Omit<FeatureContext, 'analysedVersion'> };

export interface Analysed {
  version: number;
  diagnostics: Diagnostic[];
  /** How long the analysis took, in ms (the debounce adapts to it). */
  ms: number;
}

/** `Analysed` as a worker sends it: the diagnostics as a delta against its previous answer. */
export type AnalysedMessage = Omit<Analysed, 'diagnostics'> & { diagnostics: DiagnosticsDelta };

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

  async function answer(call: WorkerCall): Promise<unknown> {
    if (call.kind === 'analyse') {
      cache.setRules(call.rules, call.settings, call.composeProfiles);
      const entry = cache.get({ uri: call.uri, version: call.version, getText: () => call.text });
      const converted = entry.result.findings.map((f) => toDiagnostic(f, call.uri));
      return { version: entry.version, diagnostics: diagnostics.encode(call.uri, converted), ms: entry.ms } satisfies AnalysedMessage;
    }
    const entry = cache.latest(call.uri);
    if (!entry) throw new Error(`no analysis of ${call.uri} in this worker`);
    const feature = FEATURES[call.feature] as (result: unknown, params: unknown, context: FeatureContext) => unknown;
    return feature(entry.result, call.params, { ...call.context, analysedVersion: entry.version });
  }
}

if (!isMainThread && parentPort) serveAnalyses(parentPort);
