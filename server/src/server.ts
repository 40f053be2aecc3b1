// The language server: LSP in, engine out. Each handler looks up the document and its
// analysis (one per version, cached), calls a pure function of language/ and converts the
// answer (lsp/convert.ts). Each handler catches and logs its own failure, so one broken
// feature never takes the server down.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type {
  CodeAction,
  CodeActionParams,
  CompletionParams,
  Connection,
  DefinitionParams,
  HoverParams,
  InitializeResult,
  PrepareRenameParams,
  ReferenceParams,
  RenameParams,
  ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult } from './analysis/engine';
import { buildScene, renderDiagramSvg, THEME_ROLES } from './diagram';
import type { ThemeRole } from './diagram';
import { codeActions } from './language/code-actions';
import { completions } from './language/completion';
import { hover } from './language/hover';
import { explainRule } from './language/markdown';
import { definition, documentSymbols, prepareRename, references, rename } from './language/navigation';
import { nodeIdsAt, whatIfNodes } from './language/preview-links';
import { AnalysisCache } from './lsp/analysis-cache';
import { toCompletionList, toDiagnostic, toDocumentSymbol, toHover, toLocation, toWorkspaceEdit } from './lsp/convert';
import { isDesignUri } from './lsp/documents';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_SECTION, settingsKey } from './lsp/settings';
import type { ServerSettings } from './lsp/settings';
import { ValidationScheduler } from './lsp/validation';
import { TOOL_NAME, TOOL_VERSION } from './project';
import {
  DIAGRAM_REQUEST,
  EXPLAIN_RULE_REQUEST,
  EXPORT_SVG_REQUEST,
  NODE_AT_REQUEST,
  WHAT_IF_REQUEST,
} from './protocol';
import type {
  DiagramParams,
  DiagramResult,
  ExplainRuleParams,
  ExplainRuleResult,
  ExportSvgParams,
  ExportSvgResult,
  NodeAtParams,
  NodeAtResult,
  WhatIfParams,
  WhatIfResponse,
} from './protocol';


/** A client that never answers a settings request must not hold diagnostics back for long. */
const SETTINGS_TIMEOUT_MS = 3_000;

const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

interface Analysed {
  doc: TextDocument;
  result: AnalysisResult;
}

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  routeConsoleTo(connection);
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let canPullSettings = false;
  let settingsLoaded: Promise<void> = Promise.resolve();
  const scheduler = new ValidationScheduler(publishDiagnostics);

  /** The open design at `uri` and its current analysis; undefined for anything else. */
  function analysed(uri: string): Analysed | undefined {
    const doc = documents.get(uri);
    if (!doc || !isDesignUri(uri)) return undefined;
    return { doc, result: cache.get(doc).result };
  }

  async function publishDiagnostics(uri: string): Promise<number | undefined> {
    await settingsLoaded;
    const doc = documents.get(uri);
    if (!doc || !isDesignUri(uri)) return undefined;
    try {
      const entry = cache.get(doc);
      if (settings.trace === 'verbose') connection.console.log(`analysed ${uri} v${entry.version} in ${entry.ms.toFixed(1)} ms`);
      // Drop results for a version that is no longer the document's.
      if (documents.get(uri)?.version !== entry.version) return entry.ms;
      const diagnostics = entry.result.findings.map((f) => toDiagnostic(f, uri));
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics });
      return entry.ms;
    } catch (err) {
      logFailure('diagnostics', err);
      return undefined;
    }
  }

  async function loadSettings(pushed?: unknown): Promise<void> {
    try {
      const section = canPullSettings
        ? await withTimeout(connection.workspace.getConfiguration({ section: SETTINGS_SECTION }), SETTINGS_TIMEOUT_MS)
        : isObject(pushed)
          ? pushed[SETTINGS_SECTION]
          : undefined;
      settings = parseSettings(section);
    } catch (err) {
      logFailure('settings', err);
    }
    cache.setRules(settings.rules, settingsKey(settings), settings.composeProfiles);
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) if (isDesignUri(doc.uri)) scheduler.schedule(doc.uri);
  }

  function logFailure(feature: string, err: unknown): void {
    connection.console.error(`infra-review: ${feature} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

  /** A request handler that answers `fallback` for other documents and on failure. */
  function handler<P, R, F>(feature: string, uriOf: (p: P) => string, fallback: (p: P) => F, answer: (a: Analysed, p: P) => R | Promise<R>) {
    return async (params: P): Promise<R | F | ResponseError<void>> => {
      try {
        const a = analysed(uriOf(params));
        return a ? await answer(a, params) : fallback(params);
      } catch (err) {
        if (err instanceof ResponseError) return err;
        logFailure(feature, err);
        const answer = fallback(params);
        // A custom request says that it failed; a standard one just has nothing to show.
        return answer instanceof ResponseError ? new ResponseError(ErrorCodes.InternalError, `${feature} failed: ${messageOf(err)}`) : answer;
      }
    };
  }
  const byDocument = (p: { textDocument: { uri: string } }) => p.textDocument.uri;
  const byUri = (p: { uri: string }) => p.uri;
  const none = () => null;
  const nothing = () => [];
  const notOpen = (p: unknown) => new ResponseError(ErrorCodes.InvalidParams, `No open infra.yaml document at ${isObject(p) ? String(p.uri) : '?'}`);

  // Lifecycle and settings.
  let canRegisterForSettings = false;
  let clientTakesEditRangeDefault = false;
  connection.onInitialize((params): InitializeResult => {
    canPullSettings = !!params.capabilities.workspace?.configuration;
    canRegisterForSettings = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    clientTakesEditRangeDefault = !!params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
    return { capabilities: CAPABILITIES, serverInfo: { name: TOOL_NAME, version: TOOL_VERSION } };
  });
  connection.onInitialized(() => {
    settingsLoaded = loadSettings();
    // Ask the client to tell us when settings change (VS Code sends nothing otherwise).
    if (canRegisterForSettings) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((err) => logFailure('settings registration', err));
    }
  });
  connection.onDidChangeConfiguration((change) => {
    settingsLoaded = loadSettings(change.settings).then(revalidateAll);
  });

  // Documents: diagnostics follow every change; closing clears them.
  documents.onDidChangeContent((e) => {
    if (isDesignUri(e.document.uri)) scheduler.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    cache.delete(e.document.uri);
    if (isDesignUri(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // Language features.
  connection.onHover(handler('hover', byDocument, none, ({ result }, p: HoverParams) => {
    const h = hover(result, p.position);
    return h ? toHover(h) : null;
  }));
  connection.onCompletion(handler('completion', byDocument, none, ({ doc, result }, p: CompletionParams) =>
    toCompletionList(completions(doc.getText(), p.position, result), clientTakesEditRangeDefault),
  ));
  connection.onDefinition(handler('definition', byDocument, none, ({ doc, result }, p: DefinitionParams) => {
    const range = definition(result, p.position);
    return range ? toLocation(doc.uri, range) : null;
  }));
  connection.onReferences(handler('references', byDocument, nothing, ({ doc, result }, p: ReferenceParams) =>
    references(result, p.position, p.context.includeDeclaration).map((r) => toLocation(doc.uri, r)),
  ));
  connection.onPrepareRename(handler('prepareRename', byDocument, none, ({ result }, p: PrepareRenameParams) => {
    const prepared = prepareRename(result, p.position);
    if (prepared && 'error' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
    return prepared ?? null;
  }));
  connection.onRenameRequest(handler('rename', byDocument, none, ({ doc, result }, p: RenameParams) => {
    const renamed = rename(result, p.position, p.newName);
    if (!renamed) return null;
    if ('error' in renamed) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.error);
    return toWorkspaceEdit(doc.uri, renamed.edits);
  }));
  connection.onDocumentSymbol(handler('documentSymbol', byDocument, nothing, ({ result }) => documentSymbols(result).map(toDocumentSymbol)));
  connection.onCodeAction(handler('codeAction', byDocument, nothing, ({ result }, p: CodeActionParams): CodeAction[] => codeActions(result, p)));

  // The preview's requests (protocol.ts).
  connection.onRequest(WHAT_IF_REQUEST, handler('whatIf', byUri, notOpen, ({ result }, p: WhatIfParams): WhatIfResponse => whatIfNodes(result, p.failed)));
  connection.onRequest(NODE_AT_REQUEST, handler('nodeAt', byUri, () => ({ nodeIds: [] }), ({ result }, p: NodeAtParams): NodeAtResult => ({ nodeIds: nodeIdsAt(result, p.position) })));
  connection.onRequest(DIAGRAM_REQUEST, handler('diagram', byUri, notOpen, async ({ doc, result }, p: DiagramParams): Promise<DiagramResult> => ({
    uri: p.uri,
    version: doc.version,
    scene: await buildScene(result),
  })));
  connection.onRequest(EXPORT_SVG_REQUEST, handler('exportSvg', byUri, notOpen, async ({ result }, p: ExportSvgParams): Promise<ExportSvgResult> => ({
    svg: await renderDiagramSvg(result, { theme: themeOf(p.theme) }),
  })));
  connection.onRequest(EXPLAIN_RULE_REQUEST, (p: ExplainRuleParams): ExplainRuleResult => {
    try {
      return { markdown: explainRule(p.rule) };
    } catch (err) {
      logFailure('explainRule', err);
      return { markdown: null };
    }
  });

  connection.onShutdown(() => scheduler.dispose());
  documents.listen(connection);
  connection.listen();
}

/** Only the roles the diagram knows; anything else in the request is ignored. */
function themeOf(theme: Record<string, string> | undefined): Partial<Record<ThemeRole, string>> | undefined {
  if (!theme) return undefined;
  const roles: readonly string[] = THEME_ROLES;
  return Object.fromEntries(Object.entries(theme).filter(([role, value]) => roles.includes(role) && typeof value === 'string'));
}

/** stdout carries the protocol: anything a dependency logs goes to the client's log instead. */
function routeConsoleTo(connection: Connection): void {
  const toLog = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
