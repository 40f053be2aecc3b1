// Diagnostics from an analysis worker to the main thread, as a delta against the worker's
// previous answer for the same document. A one-line edit in a 10k-line design changes a few
// of its ~1,600 diagnostics (0.9 MB of them), and structured-cloning them all back cost more
// than the rules (see ARCHITECTURE.md, "Edit → diagnostics"): unchanged ones now cross as
// their index in the previous answer, and the main thread reuses its own copy. Each side
// keeps one answer per URI; a worker belongs to one main-thread `AnalysisWorker`, whose
// messages arrive in order, so the two stay in step (a mismatch is an error, never a guess).

import type { Diagnostic } from 'vscode-languageserver/node';
import { compareFindings } from '../model/findings';
import type { Finding } from '../model/findings';
import { sameData } from '../model/same-data';

export interface DiagnosticsDelta {
  /** This answer's number, per URI, in this worker. */
  seq: number;
  /** The answer `items` indexes into; absent when every item is a diagnostic. */
  base?: number;
  /** A diagnostic, or the index of an equal one in the base answer. */
  items: (number | Diagnostic)[];
}

/** The worker's side: the previous answer per URI. */
export class DiagnosticsEncoder {
  private readonly last = new Map<string, { seq: number; diagnostics: readonly Diagnostic[] }>();

  encode(uri: string, diagnostics: readonly Diagnostic[]): DiagnosticsDelta {
    const previous = this.last.get(uri);
    const seq = (previous?.seq ?? -1) + 1;
    this.last.set(uri, { seq, diagnostics });
    return previous ? { seq, base: previous.seq, items: againstBase(previous.diagnostics, diagnostics) } : { seq, items: [...diagnostics] };
  }
}

/**
 * Each diagnostic, or the index of an equal one in `base`. The engine gives both lists in
 * document order (`compareFindings`: position, rule, message), so one merge pass pairs them,
 * with no key to build or hash; a deep comparison makes each pairing exact, and a diagnostic
 * out of that order is only sent whole, never wrongly paired.
 */
function againstBase(base: readonly Diagnostic[], diagnostics: readonly Diagnostic[]): (number | Diagnostic)[] {
  const placed = base.map(placeOf);
  let j = 0;
  return diagnostics.map((d) => {
    const at = placeOf(d);
    while (j < base.length && compareFindings(placed[j], at) < 0) j++;
    for (let k = j; k < base.length && compareFindings(placed[k], at) === 0; k++) {
      if (!sameData(base[k], d)) continue;
      if (k === j) j++;
      return k;
    }
    return d;
  });
}

/** What the engine orders findings by, as the diagnostic made from a finding says it. */
function placeOf(d: Diagnostic): Pick<Finding, 'range' | 'rule' | 'message'> {
  return { range: d.range, rule: String(d.code), message: String(d.message) };
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
