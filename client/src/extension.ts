// The VS Code extension's entry point: wires the language client, the status bar, the
// commands and the diagram preview together. Each piece lives in its own module.

import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { exportDiagram } from './export';
import { isInfraDocument, isInfraFileName, MANIFEST_CONTEXT_KEY } from './infra-files';
import { RED_HAT_YAML_EXTENSION_ID, withoutPeerDuplicates, type PeerYamlState } from './peer-yaml';
import { PREVIEW_VIEW_TYPE, PreviewController } from './preview-panel';
import { RULE_DOC_SCHEME, RuleDocProvider, showRuleDocumentation } from './rule-docs';
import { ServerManager } from './server-client';
import { SHOW_OUTPUT_COMMAND, ServerStatus } from './server-status';
import { readPreviewSettings, type PreviewSettings } from './settings';

let server: ServerManager | undefined;

function previewSettings(): PreviewSettings {
  const config = vscode.workspace.getConfiguration('infraReview');
  return readPreviewSettings((key) => config.get(key));
}

function peerYamlState(): PeerYamlState {
  return {
    installed: vscode.extensions.getExtension(RED_HAT_YAML_EXTENSION_ID) !== undefined,
    validates: vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true),
  };
}

const middleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, withoutPeerDuplicates(diagnostics, peerYamlState()));
  },
};

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Infra Review', { log: true });
  const status = new ServerStatus();
  server = new ServerManager(context, output, middleware);
  const manager = server;
  const preview = new PreviewController(context, manager, output, previewSettings);
  const exportDeps = { server: manager, preview, settings: previewSettings };
  const autoOpened = new Set<string>();

  const activeInfraDocument = (): vscode.TextDocument | undefined => {
    const document = vscode.window.activeTextEditor?.document;
    return document && isInfraDocument(document) ? document : undefined;
  };

  const startFor = (document: vscode.TextDocument): void => {
    if (isInfraDocument(document)) manager.ensureStarted().catch(() => undefined);
  };

  let manifestContext = false;
  const onActiveEditor = (): void => {
    const document = activeInfraDocument();
    status.setRelevant(document !== undefined);
    // The menus find infra.yaml and Compose files by name; a manifest only by this key.
    const manifest = document !== undefined && !isInfraFileName(document.uri.path);
    if (manifest !== manifestContext) {
      manifestContext = manifest;
      void vscode.commands.executeCommand('setContext', MANIFEST_CONTEXT_KEY, manifest);
    }
    if (!document) return;
    manager.ensureStarted().catch(() => undefined);
    const key = document.uri.toString();
    if (previewSettings().autoOpen && !preview.isOpen && !autoOpened.has(key)) {
      autoOpened.add(key);
      preview.open(document.uri, true);
    }
  };

  context.subscriptions.push(
    output,
    status,
    preview,
    { dispose: () => void manager.dispose() },
    manager.onDidChangeState(({ state, detail }) => status.show(state, detail)),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand('infraReview.openPreview', (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : activeInfraDocument()?.uri;
      if (!target) {
        void vscode.window.showWarningMessage('Infra Review: open an infra.yaml, a Compose file or a Kubernetes manifest first.');
        return;
      }
      preview.open(target, true);
    }),
    vscode.commands.registerCommand('infraReview.exportDiagram', (format?: unknown, target?: unknown) => exportDiagram(exportDeps, format, target)),
    vscode.commands.registerCommand('infraReview.showRuleDocumentation', (rule?: unknown) => showRuleDocumentation(context, rule)),
    vscode.commands.registerCommand('infraReview.restartServer', async () => {
      try {
        await manager.restart();
      } catch (error) {
        void vscode.window.showErrorMessage(`Infra Review: the server did not restart: ${String(error)}`);
      }
    }),
    preview.onDidRequestExport((format) => void exportDiagram(exportDeps, format)),
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, new RuleDocProvider(manager)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => preview.revive(panel, state),
    }),
    vscode.workspace.onDidOpenTextDocument(startFor),
    vscode.window.onDidChangeActiveTextEditor(onActiveEditor),
    // Typing `kind:` can make the active YAML file a manifest (or removing it, none); a file
    // its name decides cannot change that way.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document && !isInfraFileName(e.document.uri.path)) onActiveEditor();
    }),
  );

  // Activation by `onLanguage:yaml` happens for any YAML file: work starts only once an
  // infra file is open.
  for (const document of vscode.workspace.textDocuments) startFor(document);
  onActiveEditor();
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
