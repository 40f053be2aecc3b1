// Diagnostics from an analysis worker to the main thread, as a delta against the worker's
// previous answer for the same document. A one-line edit in a 10k-line design changes a few
// of its ~1,600 diagnostics (1.3 MB of them), and structured-cloning them all back cost more
// than the rules (see ARCHITECTURE.md, "Edit → diagnostics"): unchanged ones now cross as
// their index in the previous answer, and the main thread reuses its own copy. Each side
// keeps one answer per URI; a worker belongs to one main-thread `AnalysisWorker`, whose
// messages arrive in order, so the two stay in step (a mismatch is an error, never a guess).

import type { Diagnostic } from 'vscode-languageserver/node';
import { sameData } from '../model/same-data';

export interface DiagnosticsDelta {
  /** This answer's number, per URI, in this worker. */
  seq: number;
  /** The answer `items` indexes into; absent when every item is a diagnostic. */
  base?: number;
  /** A diagnostic, or the index of an equal one in the base answer. */
  items: (number | Diagnostic)[];
}

/** The worker's side: the previous answer per URI, its diagnostics by rule, range and message. */
export class DiagnosticsEncoder {
  private readonly last = new Map<string, { seq: number; diagnostics: readonly Diagnostic[]; byKey: Map<string, number[]> }>();

  encode(uri: string, diagnostics: readonly Diagnostic[]): DiagnosticsDelta {
    const previous = this.last.get(uri);
    const byKey = new Map<string, number[]>();
    const items = diagnostics.map((d, i): number | Diagnostic => {
      const key = keyOf(d);
      const same = byKey.get(key);
      if (same) same.push(i);
      else byKey.set(key, [i]);
      // The key is cheap and nearly unique; the deep comparison makes the reuse exact.
      const kept = previous?.byKey.get(key)?.find((j) => sameData(previous.diagnostics[j], d));
      return kept ?? d;
    });
    const seq = (previous?.seq ?? -1) + 1;
    this.last.set(uri, { seq, diagnostics, byKey });
    return previous ? { seq, base: previous.seq, items } : { seq, items };
  }
}

function keyOf(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}|${start.line}:${start.character}-${end.line}:${end.character}|${d.message}`;
}

/** The main thread's side, one per worker: the previous answer per URI, as diagnostics. */
export class DiagnosticsDecoder {
  private readonly last = new Map<string, { seq: number; diagnostics: Diagnostic[] }>();

  decode(uri: string, delta: DiagnosticsDelta): Diagnostic[] {
    const previous = this.last.get(uri);
    if (delta.base !== undefined && previous?.seq !== delta.base) {
      throw new Error(`diagnostics of ${uri} out of step: answer ${delta.seq} is against ${delta.base}, the last one here is ${previous?.seq ?? 'none'}`);
    }
    const diagnostics = delta.items.map((item) => {
      if (typeof item !== 'number') return item;
      const kept = previous?.diagnostics[item];
      if (!kept) throw new Error(`diagnostics of ${uri}: answer ${delta.seq} refers to item ${item} of ${delta.base}, which has none`);
      return kept;
    });
    this.last.set(uri, { seq: delta.seq, diagnostics });
    return diagnostics;
  }
}
