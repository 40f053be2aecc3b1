// What "holds up" means for one input, checked in-process: `analyze` returns (no throw),
// every finding is well formed and sits inside the document, no rule reports that it
// failed, and the editor features (hover, completion, navigation, code actions) answer
// at a few positions, including past the end. Throws an Error that says what broke.

import { analyze } from '../../server/src/analysis/engine';
import type { AnalysisResult } from '../../server/src/analysis/engine';
import { RULE_IDS } from '../../server/src/analysis/catalogue';
import type { Finding } from '../../server/src/model/findings';
import { ChunkCache } from '../../server/src/model/chunked-parse';
import { codeActions } from '../../server/src/language/code-actions';
import { completions } from '../../server/src/language/completion';
import { hover } from '../../server/src/language/hover';
import { definitions, documentSymbols, references } from '../../server/src/language/navigation';
import type { Position } from '../../server/src/model/types';
import { applyEdit } from './fuzz-inputs';
import type { EditingSession } from './fuzz-inputs';
import type { FormatId } from '../../server/src/formats';

export interface Checked {
  findings: number;
  ms: number;
}

const KNOWN_RULES = new Set(RULE_IDS);

export function checkEngine(text: string, options: { features?: boolean; format?: FormatId } = {}): Checked {
  const started = performance.now();
  const result = analyze(text, { format: options.format });
  const ms = performance.now() - started;
  const lines = lineLengths(text);
  for (const f of result.findings) checkFinding(f, lines);
  if (options.features !== false) exerciseFeatures(text, result, lines);
  return { findings: result.findings.length, ms };
}

/**
 * One step of an editing session: the analysis with the session's chunk cache (what the
 * language server computes) holds up as `checkEngine` says and equals a cold analysis of the
 * same text, finding for finding.
 */
export function checkWarmEqualsCold(text: string, cache: ChunkCache): Checked {
  const started = performance.now();
  const warm = analyze(text, { chunkCache: cache });
  const ms = performance.now() - started;
  const lines = lineLengths(text);
  for (const f of warm.findings) checkFinding(f, lines);
  const cold = analyze(text);
  // Findings are plain data (fixes included): equal as JSON, or the editor shows something else.
  const [a, b] = [warm.findings.map((f) => JSON.stringify(f)), cold.findings.map((f) => JSON.stringify(f))];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) throw new Error(`with the cache, finding ${i} of ${a.length} differs from a cold analysis (${b.length}):\n  warm ${a[i] ?? 'none'}\n  cold ${b[i] ?? 'none'}`);
  }
  return { findings: a.length, ms };
}

/**
 * Runs the session, checking every step with `checkWarmEqualsCold`; `onStep` sees each edited
 * step. Throws an Error that names the step that broke.
 */
export function checkEditingSession(session: EditingSession, onStep?: (checked: Checked, cache: ChunkCache) => void): void {
  const cache = session.cutAnySize ? new ChunkCache(0) : new ChunkCache();
  let text = session.base.text;
  for (let step = 0; step <= session.edits.length; step++) {
    if (step > 0) text = applyEdit(text, session.edits[step - 1]);
    try {
      const checked = checkWarmEqualsCold(text, cache);
      if (step > 0) onStep?.(checked, cache);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      e.message = `${session.base.name}, ${session.cutAnySize ? 'a cache that cuts any text' : "the editor's cache"}, after ${step} of ${session.edits.length} edits: ${e.message}`;
      throw Object.assign(e, { text });
    }
  }
}

function checkFinding(f: Finding, lines: number[]): void {
  const where = `${f.rule} "${f.message.slice(0, 120)}"`;
  if (!KNOWN_RULES.has(f.rule)) throw new Error(`finding with an unknown rule id: ${where}`);
  if (/^Rule \S+ failed/.test(f.message)) throw new Error(`a rule crashed: ${where}`);
  if (f.message.length === 0 || f.message.includes('\n')) throw new Error(`finding message is empty or spans lines: ${where}`);
  for (const p of [f.range.start, f.range.end]) {
    if (!inside(p, lines)) throw new Error(`finding outside the document (${p.line}:${p.character}, ${lines.length} lines): ${where}`);
  }
  const { start, end } = f.range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) throw new Error(`finding range runs backwards: ${where}`);
}

/** Features at the start, the middle, the end, and past the end of the document. */
function exerciseFeatures(text: string, result: AnalysisResult, lines: number[]): void {
  const last = lines.length - 1;
  const positions: Position[] = [
    { line: 0, character: 0 },
    { line: Math.floor(last / 2), character: Math.floor(lines[Math.floor(last / 2)] / 2) },
    { line: last, character: lines[last] },
    { line: last + 5, character: 3 },
    { line: 0, character: 10_000 },
  ];
  for (const f of result.findings.slice(0, 3)) positions.push(f.range.start);
  for (const position of positions) {
    const at = `${position.line}:${position.character}`;
    guard(`hover at ${at}`, () => hover(result, position));
    guard(`completion at ${at}`, () => completions(text, position, result));
    guard(`definition at ${at}`, () => definitions(result, position));
    guard(`references at ${at}`, () => references(result, position, true));
  }
  guard('document symbols', () => documentSymbols(result));
  const diagnostics = result.findings.slice(0, 5).map((f) => ({ range: f.range, data: { rule: f.rule, fixes: f.fixes ?? [] } }));
  for (const d of diagnostics) {
    guard(`code actions for ${d.data.rule}`, () => codeActions(result, { textDocument: { uri: 'file:///fuzz.infra.yaml' }, range: d.range, context: { diagnostics: [d] } }));
  }
}

function guard(what: string, run: () => unknown): void {
  try {
    run();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    e.message = `${what} threw: ${e.message}`;
    throw e;
  }
}

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function inside(p: Position, lines: number[]): boolean {
  // yaml counts only \n as a line break; a lone \r inside a line is allowed to stretch it.
  return p.line >= 0 && p.character >= 0 && p.line < Math.max(lines.length, 1);
}

/** Short, printable form of an input for a report. */
export function preview(text: string, max = 160): string {
  const json = JSON.stringify(text.length > max ? text.slice(0, max) : text);
  return text.length > max ? `${json}… (${text.length} chars)` : json;
}
