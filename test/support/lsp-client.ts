// A JSON-RPC client for the real server: starts `node dist/cli.js lsp --stdio` (mocha builds
// it once per run, test/support/fresh-build.ts; the bench builds first) and talks LSP over
// its stdin/stdout.
// Tests wait on what the server sends (promises resolved by notifications), never on time.

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type {
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * How to start the server: the built CLI (what editors run); SERVER_FROM_SOURCE=1 runs the
 * sources through tsx. A missing build is an error, never a silent switch to the sources.
 */
export function serverCommand(): { command: string; args: string[] } {
  if (process.env.SERVER_FROM_SOURCE === '1') {
    const main = "require('./server/src/server').startServer()";
    return { command: process.execPath, args: ['--require', 'tsx/cjs', '-e', main, '--', '--stdio'] };
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (mocha builds it itself)`);
  return { command: process.execPath, args: [CLI, 'lsp', '--stdio'] };
}

export interface Published extends PublishDiagnosticsParams {
  /** Order of arrival, over all documents. */
  seq: number;
}

type Waiter = { match: (p: Published) => boolean; resolve: (p: Published) => void };

export class LspClient {
  readonly published: Published[] = [];
  /** What the client answers to workspace/configuration, by section. */
  settings: Record<string, unknown> = {};
  readonly registrations: string[] = [];
  /** What the server logged (window/logMessage), in order. */
  readonly logMessages: string[] = [];
  private readonly waiters: Waiter[] = [];
  private stderr = '';
  private versions = new Map<string, number>();
  private nextSeq = 0;
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const published: Published = { ...p, seq: this.nextSeq++ };
      this.published.push(published);
      for (const w of [...this.waiters]) {
        if (w.match(published)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(published);
        }
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section ? this.settings[item.section] ?? null : this.settings)));
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) this.registrations.push(r.method);
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.logMessages.push(p.message);
    });
  }

  static async start(settings: Record<string, unknown> = {}): Promise<LspClient> {
    const { command, args } = serverCommand();
    const client = LspClient.spawn(command, args);
    client.settings = settings;
    return client;
  }

  /** Any LSP server on stdio (the benchmark drives yaml-language-server with this too). */
  static spawn(command: string, args: string[]): LspClient {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    return new LspClient(child, connection);
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true }, completionList: { itemDefaults: ['editRange', 'insertTextFormat', 'insertTextMode'] } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Sends one change (the whole text, or ranged edits); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The first diagnostics for `uri` published after the `after`-th notification that satisfy `match`. */
  diagnostics(uri: string, match: (p: Published) => boolean = () => true, after = -1): Promise<Published> {
    const ok = (p: Published) => p.uri === uri && p.seq > after && match(p);
    const already = this.published.find(ok);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.waiters.push({ match: ok, resolve }));
  }

  /** The sequence number of the last notification so far (to wait for newer ones). */
  mark(): number {
    return this.nextSeq - 1;
  }

  /** Drops the notifications received so far (a long run would otherwise keep every one). */
  forgetPublished(): void {
    this.published.length = 0;
  }

  get log(): string {
    return this.stderr;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return this.exited;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** The line and character of `needle`'s first occurrence in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** A started, initialised server with `text` open at `uri`, and the diagnostics it first published. */
export async function openedWithDiagnostics(uri: string, text: string): Promise<{ client: LspClient; diagnostics: Diagnostic[] }> {
  const client = await LspClient.start({ infraReview: { rules: {} } });
  await client.initialize();
  const start = client.mark();
  await client.open(uri, text);
  return { client, diagnostics: (await client.diagnostics(uri, () => true, start)).diagnostics };
}
