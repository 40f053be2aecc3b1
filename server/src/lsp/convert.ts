// Engine results → LSP shapes. The only module that knows LSP's numeric kinds and
// severities; the pure features in language/ return plain data with model ranges.

import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
} from 'vscode-languageserver/node';
import type { CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../model/findings';
import type { CompletionCandidate } from '../language/completion';
import type { HoverInfo } from '../language/hover';
import { ruleDocsUrl } from '../language/markdown';
import type { EditInfo, SymbolInfo } from '../language/navigation';
import type { Range } from '../model/types';
import { sameRange } from '../model/types';

export const DIAGNOSTIC_SOURCE = 'infra-review';

/**
 * What a diagnostic carries: its rule. Its fixes stay in the analysis, where a code action
 * finds them (language/code-actions.ts): sent with every diagnostic, they were a third of
 * each publication's bytes, which the client parses again on every edit.
 */
export interface DiagnosticData {
  rule: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const data: DiagnosticData = { rule: f.rule };
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (f.related?.length) {
    diagnostic.relatedInformation = f.related.map((r) => ({ location: toLocation(uri, r.range), message: r.message }));
  }
  return diagnostic;
}

export function toLocation(uri: string, range: Range): Location {
  return { uri, range };
}

export function toHover(h: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range };
}

const COMPLETION_KIND: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  component: CompletionItemKind.Class,
  host: CompletionItemKind.Module,
  zone: CompletionItemKind.Folder,
  rule: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
};

/**
 * `sharedRange`: the client accepts `itemDefaults.editRange`, so items that replace the same
 * word need not each carry it (at 10k lines a list of every host is thousands of items).
 */
export function toCompletionList(candidates: readonly CompletionCandidate[], sharedRange = false): CompletionList {
  const first = candidates[0]?.replace;
  const shared = sharedRange && first !== undefined && candidates.every((c) => sameRange(c.replace, first)) ? first : undefined;
  const items = candidates.map((c, i): CompletionItem => {
    const item: CompletionItem = { label: c.label, kind: COMPLETION_KIND[c.kind], sortText: String(i).padStart(5, '0') };
    if (shared) {
      if (c.insertText !== c.label) item.textEditText = c.insertText;
    } else {
      item.textEdit = { range: c.replace, newText: c.insertText };
    }
    if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (c.filterText && c.filterText !== c.label) item.filterText = c.filterText;
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    if (c.snippet && c.insertText.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
    if (c.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    return item;
  });
  return shared ? { isIncomplete: false, itemDefaults: { editRange: shared }, items } : { isIncomplete: false, items };
}

const SYMBOL_KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  zone: SymbolKind.Package,
  host: SymbolKind.Module,
  component: SymbolKind.Class,
  dns: SymbolKind.Interface,
};

export function toDocumentSymbol(s: SymbolInfo): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: s.name || ' ',
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
  };
  if (s.detail) symbol.detail = s.detail;
  if (s.children?.length) symbol.children = s.children.map(toDocumentSymbol);
  return symbol;
}

export function toTextEdits(edits: readonly EditInfo[]): TextEdit[] {
  return edits.map((e) => ({ range: e.range, newText: e.newText }));
}

export function toWorkspaceEdit(uri: string, edits: readonly EditInfo[]): WorkspaceEdit {
  return { changes: { [uri]: toTextEdits(edits) } };
}
