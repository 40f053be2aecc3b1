// Edit → diagnostics in the language server over stdio: the median time from a one-line
// didChange that adds a finding of `rule` (then one that removes it) to the diagnostics of
// that version, after warm-up edits.

import { LspClient } from '../test/support/lsp-client';
import { analysedMs, median } from './types';

export interface EditLatencyCase {
  uri: string;
  text: string;
  /** The 0-based line the edit replaces, which reads `good` in `text`. */
  editLine: number;
  good: string;
  bad: string;
  /** The rule of the finding `bad` makes. */
  rule: string;
  edits: number;
  warmupEdits: number;
}

export interface EditLatency {
  /** Median didChange → publishDiagnostics, over stdio. */
  total: number;
  /** Median of the worker's own analysis time (its verbose trace); delivery is the difference. */
  analysis: number;
}

export async function editLatency(c: EditLatencyCase): Promise<EditLatency> {
  // The verbose trace logs each analysis' own time (one short log message per edit).
  const client = await LspClient.start({ infraReview: { rules: {}, trace: { server: 'verbose' } } });
  try {
    await client.initialize();
    const before = client.mark();
    await client.open(c.uri, c.text);
    await client.diagnostics(c.uri, () => true, before);
    const times: number[] = [];
    const analyses: number[] = [];
    let withError = false;
    for (let i = 0; i < c.warmupEdits + c.edits; i++) {
      withError = !withError;
      const [next, previous] = withError ? [c.bad, c.good] : [c.good, c.bad];
      const start = client.mark();
      const started = performance.now();
      const version = await client.change(c.uri, [{ range: { start: { line: c.editLine, character: 0 }, end: { line: c.editLine, character: previous.length } }, text: next }]);
      await client.diagnostics(c.uri, (p) => p.version === version && p.diagnostics.some((d) => d.code === c.rule) === withError, start);
      if (i < c.warmupEdits) continue;
      times.push(performance.now() - started);
      analyses.push(analysedMs(client.logMessages, c.uri, version) ?? Number.NaN);
    }
    return { total: median(times), analysis: median(analyses) };
  } finally {
    client.kill();
  }
}
