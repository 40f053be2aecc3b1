// The diagram preview: one webview beside the editor that follows the active infra
// document. It asks the server for the scene on open, on edits (debounced) and when the
// diagnostics change, links clicks to the editor and the cursor to the diagram, runs
// "fail this" through the server's what-if query, and does the webview's part of exports.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FaultElement } from '../../server/src/analysis/failure-types';
import type { DiagramResult } from '../../server/src/protocol';
import { sceneColumnOrder } from '../../server/src/diagram/column-order';
import { faultNodeId } from '../../server/src/diagram/ids';
import type { SceneNode } from '../../server/src/diagram/scene-types';
import { isInfraDocument } from './infra-files';
import { buildPreviewHtml, nonceFromBytes } from './preview/html';
import { parseFromWebview, type FromWebview, type ToWebview } from './preview/messages';
import { requestDiagram, requestNodeAt, requestWhatIf } from './requests';
import type { ServerManager } from './server-client';
import type { PreviewSettings } from './settings';

export const PREVIEW_VIEW_TYPE = 'infraReview.preview';
const CURSOR_DELAY_MS = 50;
const WEBVIEW_REPLY_TIMEOUT_MS = 15000;

interface FailedElement {
  nodeId: string;
  fault: FaultElement;
  label: string;
}

interface PendingReply {
  resolve: (message: FromWebview) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class PreviewController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private documentUri: vscode.Uri | undefined;
  private last: DiagramResult | undefined;
  private failed: FailedElement[] = [];
  /** Groups the user collapsed in the preview of this document. */
  private collapsedGroups = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private lastEditAt = 0;
  private cursorTimer: NodeJS.Timeout | undefined;
  private refreshing = false;
  private refreshAgain = false;
  private nextRequestId = 1;
  private readonly pending = new Map<number, PendingReply>();
  /** Resolves when the webview's script has loaded and said `ready`. */
  private webviewReady: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly exportEmitter = new vscode.EventEmitter<'svg' | 'png'>();
  /** The webview's export buttons. */
  readonly onDidRequestExport = this.exportEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerManager,
    private readonly output: vscode.LogOutputChannel,
    private readonly settings: () => PreviewSettings,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isInfraDocument(editor.document) && editor.document.uri.toString() !== this.documentUri?.toString()) {
          this.showDocument(editor.document.uri);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isShown(event.document.uri) && event.contentChanges.length > 0) {
          this.lastEditAt = Date.now();
          this.scheduleRefresh(this.settings().debounceMs);
        }
      }),
      // New diagnostics mean a new analysis: redraw, but not sooner than the debounce allows.
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.isShown(uri))) this.scheduleRefresh(Math.max(0, this.lastEditAt + this.settings().debounceMs - Date.now()));
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.isShown(event.textEditor.document.uri) && this.settings().followCursor) this.scheduleCursor(event.selections[0].active);
      }),
      server.onDidChangeState(({ state }) => {
        if (state === 'ready') this.scheduleRefresh(0);
      }),
      this.exportEmitter,
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The document the preview shows. */
  get uri(): vscode.Uri | undefined {
    return this.documentUri;
  }

  /** The groups collapsed in the preview of `uri` (none when the preview shows another document). */
  collapsedGroupsOf(uri: vscode.Uri): string[] {
    return uri.toString() === this.documentUri?.toString() ? [...this.collapsedGroups] : [];
  }

  /** Opens (or reveals) the preview beside the editor, showing `uri`. */
  open(uri: vscode.Uri, preserveFocus = true): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Diagram', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.webviewOptions());
      this.attach(panel);
    }
    this.showDocument(uri);
  }

  /** Takes over a panel VS Code restored after a reload. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    const saved = typeof state === 'object' && state !== null ? (state as { uri?: unknown }).uri : undefined;
    const uri = typeof saved === 'string' ? vscode.Uri.parse(saved) : vscode.window.activeTextEditor?.document.uri;
    if (uri && isInfraDocument({ languageId: 'yaml', uri })) this.showDocument(uri);
    else this.post({ type: 'message', text: 'Open an infra.yaml file to see its diagram.' });
  }

  /** Asks the webview for the colours of the current theme. */
  async collectTheme(): Promise<Record<string, string> | undefined> {
    const reply = await this.ask((requestId) => ({ type: 'collectTheme', requestId }));
    return reply.type === 'theme' ? reply.theme : undefined;
  }

  /** Has the webview draw an SVG onto a canvas; returns the PNG's bytes. */
  async rasterize(svg: string): Promise<Uint8Array> {
    const width = this.last?.scene.width ?? 0;
    const height = this.last?.scene.height ?? 0;
    const reply = await this.ask((requestId) => ({ type: 'rasterize', requestId, svg, width, height }));
    if (reply.type === 'rasterizeFailed') throw new Error(reply.message);
    if (reply.type !== 'png') throw new Error('unexpected reply from the preview');
    const bytes = Buffer.from(reply.base64, 'base64');
    const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('the preview did not produce a PNG');
    return bytes;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.cursorTimer);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.webviewReady = new Promise((resolve) => (this.markReady = resolve));
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseFromWebview(raw);
        if (message) void this.onMessage(message);
      }),
      panel.onDidDispose(() => this.detach()),
      // A hidden webview is unloaded (no retainContextWhenHidden): wait for it to come back.
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.webviewReady = new Promise((resolve) => (this.markReady = resolve));
      }),
    );
  }

  private detach(): void {
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    this.panel = undefined;
    this.documentUri = undefined;
    this.last = undefined;
    this.failed = [];
    this.collapsedGroups.clear();
    for (const [id, reply] of this.pending) {
      clearTimeout(reply.timer);
      reply.reject(new Error('the preview was closed'));
      this.pending.delete(id);
    }
  }

  private html(webview: vscode.Webview): string {
    return buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: nonceFromBytes(randomBytes(16)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media', 'preview.css')).toString(),
    });
  }

  private isShown(uri: vscode.Uri): boolean {
    return this.panel !== undefined && uri.toString() === this.documentUri?.toString();
  }

  private showDocument(uri: vscode.Uri): void {
    const switched = uri.toString() !== this.documentUri?.toString();
    this.documentUri = uri;
    if (this.panel) this.panel.title = `Diagram: ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`;
    if (switched) {
      this.last = undefined;
      this.failed = [];
      this.collapsedGroups.clear();
      this.post({ type: 'whatIfCleared' });
    }
    this.scheduleRefresh(0);
  }

  private scheduleRefresh(delay: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const uri = this.documentUri;
    if (!this.panel || !uri) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      const client = await this.server.ensureStarted();
      // The scene shown gives its column order, so an edit moves only what it touched.
      const previousOrder = this.last ? sceneColumnOrder(this.last.scene) : undefined;
      const result = await requestDiagram(client, { uri: uri.toString(), collapsedGroups: [...this.collapsedGroups], previousOrder });
      // Drop answers for another document, or older than what is shown.
      if (uri.toString() !== this.documentUri?.toString()) return;
      if (this.last && result.version < this.last.version) return;
      this.last = result;
      this.sendScene();
      // A failed element stays failed while it is drawn, also when a collapsed group hides it.
      const drawn = new Set(result.scene.nodes.flatMap((n) => [n.id, ...(n.members ?? [])]));
      this.failed = this.failed.filter((f) => drawn.has(f.nodeId));
      await this.runWhatIf();
    } catch (error) {
      this.output.error(`Diagram of ${uri.toString()}: ${String(error)}`);
      this.post({ type: 'message', text: `The diagram is not available yet: ${errorText(error)}` });
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.scheduleRefresh(0);
      }
    }
  }

  private sendScene(): void {
    const uri = this.documentUri;
    if (!this.last || !uri) return;
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    this.post({ type: 'scene', uri: uri.toString(), version: this.last.version, fileName, scene: this.last.scene, availability: this.last.availability ?? null });
  }

  private scheduleCursor(position: vscode.Position): void {
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => void this.highlightAt(position), CURSOR_DELAY_MS);
  }

  private async highlightAt(position: vscode.Position): Promise<void> {
    const uri = this.documentUri;
    if (!uri || !this.panel) return;
    try {
      const client = await this.server.ensureStarted();
      const { nodeIds } = await requestNodeAt(client, { uri: uri.toString(), position: { line: position.line, character: position.character } });
      if (uri.toString() === this.documentUri?.toString()) this.post({ type: 'highlight', nodeIds });
    } catch (error) {
      this.output.error(`Node at cursor: ${String(error)}`);
    }
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The webview (re)loaded: give it the current state.
        this.markReady();
        if (this.last) this.sendScene();
        else this.scheduleRefresh(0);
        await this.runWhatIf();
        return;
      case 'reveal':
        return this.reveal(message.nodeId);
      case 'fail':
        return this.fail(message.nodeId);
      case 'blastRadius':
        return this.blastRadius(message.nodeId);
      case 'toggleGroup':
        if (!this.collapsedGroups.delete(message.group)) this.collapsedGroups.add(message.group);
        this.scheduleRefresh(0);
        return;
      case 'resetWhatIf':
        this.failed = [];
        return this.runWhatIf();
      case 'export':
        this.exportEmitter.fire(message.format);
        return;
      case 'theme':
      case 'png':
      case 'rasterizeFailed': {
        const reply = this.pending.get(message.requestId);
        if (!reply) return;
        clearTimeout(reply.timer);
        this.pending.delete(message.requestId);
        reply.resolve(message);
        return;
      }
    }
  }

  private node(nodeId: string): SceneNode | undefined {
    return this.last?.scene.nodes.find((n) => n.id === nodeId);
  }

  /** Moves the editor's cursor to the clicked node's source. */
  private async reveal(nodeId: string): Promise<void> {
    const node = this.node(nodeId);
    const uri = this.documentUri;
    if (!node || !uri) return;
    const range = new vscode.Range(node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * Fails the node's element. A ×N node fails one replica per press, the next one not failed
   * yet, so that pressing N times takes the whole workload down.
   */
  private async fail(nodeId: string): Promise<void> {
    const node = this.node(nodeId);
    if (!node?.fault) return;
    const faults = node.faults ?? [node.fault];
    const index = faults.findIndex((fault) => !this.failed.some((f) => sameFault(f.fault, fault)));
    if (index < 0) return;
    const label =
      node.replicas !== undefined ? `replica ${index + 1} of ${node.replicas} of ${node.label}` : `${node.kind === 'instance' ? 'instance of' : node.kind} ${node.label}`;
    this.failed.push({ nodeId, fault: faults[index], label });
    await this.runWhatIf();
  }

  /** What goes down when all of a node fails (every replica of a ×N node), for the focus view. */
  private async blastRadius(nodeId: string): Promise<void> {
    const node = this.node(nodeId);
    const uri = this.documentUri;
    if (!uri) return;
    const faults = node?.faults ?? (node?.fault ? [node.fault] : []);
    if (faults.length === 0) {
      this.post({ type: 'blastRadius', nodeId, nodeIds: [], components: [] });
      return;
    }
    try {
      const client = await this.server.ensureStarted();
      const result = await requestWhatIf(client, { uri: uri.toString(), failed: faults });
      if (uri.toString() === this.documentUri?.toString()) {
        this.post({ type: 'blastRadius', nodeId, nodeIds: result.downNodes, components: result.downComponents });
      }
    } catch (error) {
      this.output.error(`Blast radius: ${String(error)}`);
    }
  }

  private async runWhatIf(): Promise<void> {
    const uri = this.documentUri;
    if (!uri) return;
    if (this.failed.length === 0) {
      this.post({ type: 'whatIfCleared' });
      return;
    }
    const failed = [...this.failed];
    try {
      const client = await this.server.ensureStarted();
      const result = await requestWhatIf(client, { uri: uri.toString(), failed: failed.map((f) => f.fault) });
      if (uri.toString() !== this.documentUri?.toString()) return;
      this.post({ type: 'whatIf', failedNodeIds: failed.map((f) => f.nodeId), failedLabels: failed.map((f) => f.label), result });
    } catch (error) {
      this.output.error(`What-if: ${String(error)}`);
      void vscode.window.showErrorMessage(`Infra Review: the what-if query failed: ${errorText(error)}`);
    }
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Sends a request to the webview and waits for its reply (matched by request id). */
  private ask(build: (requestId: number) => ToWebview): Promise<FromWebview> {
    if (!this.panel) return Promise.reject(new Error('the preview is not open'));
    const requestId = this.nextRequestId++;
    return new Promise<FromWebview>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error('the preview did not answer'));
      }, WEBVIEW_REPLY_TIMEOUT_MS);
      this.pending.set(requestId, { resolve, reject, timer });
      void this.webviewReady.then(() => this.post(build(requestId)));
    });
  }
}

/** Two fault elements are the same element (compared by their own node ids, one per instance). */
function sameFault(a: FaultElement, b: FaultElement): boolean {
  return faultNodeId(a) === faultNodeId(b);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
