// Starts, restarts and stops the bundled language server (`node dist/cli.js lsp --stdio`)
// through vscode-languageclient, and reports its state. The server starts lazily, when
// the first infra document shows up, so a workspace of unrelated YAML costs nothing.

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { INFRA_DOCUMENT_SELECTOR } from './infra-files';

export type ServerState = 'stopped' | 'starting' | 'ready' | 'error';

export const CLIENT_ID = 'infraReview';
const CLIENT_NAME = 'Infra Review';

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/cli.js');
  // The client appends `--stdio` (and `--clientProcessId=<pid>`) for the stdio transport,
  // and runs the module with the editor's own Node (ELECTRON_RUN_AS_NODE), so no `node`
  // on PATH is needed.
  return {
    run: { module, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private stopping = false;
  private current: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<{ state: ServerState; detail?: string }>();
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly middleware: Middleware,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** The running client, starting the server first if needed. */
  ensureStarted(): Promise<LanguageClient> {
    if (this.client?.isRunning()) return Promise.resolve(this.client);
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async restart(): Promise<LanguageClient> {
    await this.stop();
    return this.ensureStarted();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      if (client.isRunning()) await client.stop(5000);
      await client.dispose(2000);
    } catch (error) {
      this.output.error(`Stopping the server: ${String(error)}`);
    } finally {
      this.stopping = false;
      this.setState('stopped');
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.stateEmitter.dispose();
  }

  private async start(): Promise<LanguageClient> {
    const clientOptions: LanguageClientOptions = {
      documentSelector: INFRA_DOCUMENT_SELECTOR,
      outputChannel: this.output,
      synchronize: { configurationSection: 'infraReview' },
      middleware: this.middleware,
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(this.context), clientOptions);
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) this.setState('starting');
      else if (newState === State.Running) this.setState('ready');
      else if (!this.stopping) this.setState('error', 'The server stopped. See the output for details.');
    });
    this.client = client;
    this.setState('starting');
    try {
      await client.start();
      this.setState('ready');
      return client;
    } catch (error) {
      this.output.error(`The Infra Review server did not start: ${String(error)}`);
      this.setState('error', String(error));
      if (this.client === client) this.client = undefined;
      throw error;
    }
  }

  private setState(state: ServerState, detail?: string): void {
    if (state === this.current && detail === undefined) return;
    this.current = state;
    this.stateEmitter.fire({ state, detail });
  }
}
