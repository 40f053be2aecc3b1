// The language server: LSP in, engine out. Analyses run in worker threads
// (lsp/analysis-workers.ts); each request handler forwards its request to the worker that
// holds the document's last complete analysis, where lsp/features.ts answers it with a pure
// function of language/ and converts the answer (lsp/convert.ts). Each handler catches and
// logs its own failure, so one broken feature never takes the server down.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Connection, InitializeResult, ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { explainRule } from './language/markdown';
import type { Analysed } from './lsp/analysis-worker';
import { AnalysisWorkers, FeatureError } from './lsp/analysis-workers';
import { DesignDocuments } from './lsp/documents';
import { JSON_REUSING_DIAGNOSTICS } from './lsp/message-encoder';
import type { FeatureAnswer, FeatureName } from './lsp/features';
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
import type { ExplainRuleParams, ExplainRuleResult } from './protocol';


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

export function startServer(): void {
  const output = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: JSON_REUSING_DIAGNOSTICS });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), output);
  // Given a reader rather than stdin itself, the library no longer ends the process when the
  // client closes stdin; the server must not outlive its client.
  let shutdownReceived = false;
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdownReceived ? 0 : 1));
  routeConsoleTo(connection);
  const documents = new TextDocuments(TextDocument);
  const workers = new AnalysisWorkers((level, text) => connection.console[level](text));
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let canPullSettings = false;
  let settingsLoaded: Promise<void> = Promise.resolve();
  const scheduler = new ValidationScheduler(publishDiagnostics);
  const designs = new DesignDocuments();

  async function publishDiagnostics(uri: string): Promise<number | undefined> {
    await settingsLoaded;
    const doc = documents.get(uri);
    if (!doc || !designs.isDesign(doc)) return undefined;
    try {
      const entry = await workers.analyse(doc);
      if (!entry) return undefined; // cancelled by a newer edit, which is analysed next
      if (settings.trace === 'verbose') connection.console.log(`analysed ${uri} v${entry.version} in ${entry.ms.toFixed(1)} ms`);
      // Drop results for a version that is no longer the document's.
      if (documents.get(uri)?.version !== entry.version) return entry.ms;
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics: entry.diagnostics });
      void publishCompletion(uri, entry);
      return entry.ms;
    } catch (err) {
      logFailure('diagnostics', err);
      return undefined;
    }
  }

  /**
   * The second publication of a version: the diagnostics with those of the rules that need
   * the availability, once computed, when they change the set. Nothing waits for it; a
   * newer version of the document drops it.
   */
  async function publishCompletion(uri: string, first: Analysed): Promise<void> {
    try {
      const complete = await workers.completion(uri, first);
      if (!complete) return;
      if (documents.get(uri)?.version !== complete.version) {
        if (settings.trace === 'verbose') connection.console.log(`dropped the availability diagnostics of ${uri} v${complete.version}: a newer version is open`);
        return;
      }
      if (settings.trace === 'verbose') connection.console.log(`completed ${uri} v${complete.version} in ${complete.ms.toFixed(1)} ms more`);
      await connection.sendDiagnostics({ uri, version: complete.version, diagnostics: complete.diagnostics });
    } catch (err) {
      logFailure('diagnostics', err);
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
    workers.setRules(settings.rules, settingsKey(settings), settings.composeProfiles);
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) if (designs.isDesign(doc)) scheduler.schedule(doc.uri);
  }

  function logFailure(feature: string, err: unknown): void {
    connection.console.error(`infra-review: ${feature} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

  /**
   * A request handler: the worker holding the document's last complete analysis answers
   * (lsp/features.ts); `fallback` answers for other documents, without an analysis and on failure.
   */
  function handler<K extends FeatureName, P, F>(feature: K, uriOf: (p: P) => string, fallback: (p: P) => F) {
    return async (params: P): Promise<FeatureAnswer<K> | F | ResponseError<void>> => {
      try {
        const doc = documents.get(uriOf(params));
        if (!doc || !designs.isDesign(doc)) return fallback(params);
        const answer = await workers.request(doc, feature, params, { text: doc.getText(), editRangeDefault: clientTakesEditRangeDefault });
        return answer === undefined ? fallback(params) : (answer as FeatureAnswer<K>);
      } catch (err) {
        if (err instanceof FeatureError) return new ResponseError(err.code, err.message);
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
    const wasDesign = designs.wasDesign(e.document.uri);
    if (!designs.isDesign(e.document)) {
      // An edit can make a manifest no manifest (its `kind:` removed): it keeps no stale diagnostics.
      if (wasDesign) {
        scheduler.cancel(e.document.uri);
        workers.close(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      }
      return;
    }
    workers.superseded(e.document.uri, e.document.version);
    scheduler.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    workers.close(e.document.uri);
    if (designs.wasDesign(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    designs.forget(e.document.uri);
  });

  // Language features, then the preview's requests (protocol.ts).
  connection.onHover(handler('hover', byDocument, none));
  connection.onCompletion(handler('completion', byDocument, none));
  connection.onDefinition(handler('definition', byDocument, none));
  connection.onReferences(handler('references', byDocument, nothing));
  connection.onPrepareRename(handler('prepareRename', byDocument, none));
  connection.onRenameRequest(handler('rename', byDocument, none));
  connection.onDocumentSymbol(handler('documentSymbol', byDocument, nothing));
  connection.onCodeAction(handler('codeAction', byDocument, nothing));
  connection.onRequest(WHAT_IF_REQUEST, handler('whatIf', byUri, notOpen));
  connection.onRequest(NODE_AT_REQUEST, handler('nodeAt', byUri, () => ({ nodeIds: [] })));
  connection.onRequest(DIAGRAM_REQUEST, handler('diagram', byUri, notOpen));
  connection.onRequest(EXPORT_SVG_REQUEST, handler('exportSvg', byUri, notOpen));
  connection.onRequest(EXPLAIN_RULE_REQUEST, (p: ExplainRuleParams): ExplainRuleResult => {
    try {
      return { markdown: explainRule(p.rule) };
    } catch (err) {
      logFailure('explainRule', err);
      return { markdown: null };
    }
  });

  connection.onShutdown(() => {
    shutdownReceived = true;
    scheduler.dispose();
    workers.dispose();
  });
  documents.listen(connection);
  connection.listen();
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
