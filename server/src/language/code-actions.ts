// PLACEHOLDER written by the language-server helper so that server.ts compiles: the quick
// fixes (fixes.ts and this file) are another task, which replaces this file whole.
// The contract server.ts relies on: `codeActions(result, params)` → LSP CodeActions, pure,
// reading the fixes from each diagnostic's `data` ({ rule, fixes }).

import type { AnalysisResult } from '../analysis/engine';

export interface CodeActionRequest {
  textDocument: { uri: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  context: { diagnostics: { data?: unknown }[] };
}

export function codeActions(_result: AnalysisResult, _params: CodeActionRequest): never[] {
  return [];
}
