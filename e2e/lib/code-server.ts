import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { register } from './cleanup';
import { CACHED_EXTENSIONS_DIR, CODE_SERVER_ENTRY } from './paths';
import { freePort, isPortOpen, waitForPort } from './ports';
import { isAlive, killTree, signalTree } from './processes';
import { CLEAN_USER_SETTINGS } from './settings';
import { waitFor } from './wait';

export interface CodeServerOptions {
  /** The folder to open as the workspace. */
  workspace: string;
  /** Defaults to a free port. */
  port?: number;
  host?: string;
  /** Merged over CLEAN_USER_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extensions to start with; copied, so the run cannot alter the cache. */
  extensionsFrom?: string;
  startTimeoutMs?: number;
  /** Ask for this password (code-server reads it from its environment, never its command line); none: `--auth none`. */
  password?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  /** Temporary folder with the user-data dir, the extensions dir and code-server's log. */
  runDir: string;
  logFile: string;
  /** Settles with a description when code-server exits, for whatever reason. */
  exited: Promise<string>;
  /** Ends code-server, its watcher and extension host, and removes `runDir`. Idempotent. */
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_ENTRY}: run \`bash e2e/setup.sh\` first`);
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  if (options.port !== undefined && (await isPortOpen(port, host))) {
    throw new Error(`${host}:${port} is already in use: choose another port`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-code-server-'));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const logFile = path.join(runDir, 'code-server.log');

  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...CLEAN_USER_SETTINGS, ...options.settings }, null, 2),
  );
  const extensionsFrom = options.extensionsFrom ?? CACHED_EXTENSIONS_DIR;
  if (fs.existsSync(extensionsFrom)) fs.cpSync(extensionsFrom, extensionsDir, { recursive: true });
  else fs.mkdirSync(extensionsDir);

  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--auth', options.password === undefined ? 'none' : 'password',
      '--bind-addr', `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      options.workspace,
    ],
    // Its own process group, so that stop() can end the watcher and extension host with it.
    { detached: true, stdio: ['ignore', log, log], env: childEnv(options.password) },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  let exited: string | undefined;
  const exitedPromise = new Promise<string>((resolve) => {
    child.once('exit', (code, sig) => {
      exited = `code-server exited (code ${code}, signal ${sig}); see ${logFile}`;
      resolve(exited);
    });
  });

  let stopped = false;
  const removeRunDir = (): void => fs.rmSync(runDir, { recursive: true, force: true });
  const unregister = register({
    name: `code-server ${port}`,
    dispose: async () => {
      if (stopped) return;
      stopped = true;
      await killTree(pid);
      removeRunDir();
    },
    disposeNow: () => {
      if (stopped) return;
      stopped = true;
      signalTree(pid, 'SIGKILL');
      removeRunDir();
    },
  });
  const server: CodeServer = {
    url: `http://${host}:${port}/`,
    port,
    pid,
    runDir,
    logFile,
    exited: exitedPromise,
    stop: unregister,
  };

  try {
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const abortIf = (): string | undefined => exited;
    await waitForPort(port, { timeoutMs, host, abortIf });
    await waitFor(() => healthy(host, port), {
      timeoutMs,
      abortIf,
      what: `code-server on ${host}:${port} to report healthy`,
    });
  } catch (err) {
    const tail = readTail(logFile);
    await server.stop();
    throw new Error(`${(err as Error).message}\n--- code-server log ---\n${tail}`);
  }
  if (!isAlive(pid)) throw new Error(exited ?? 'code-server died after start');
  return server;
}

/** Our own Node options (tsx loaders, inspectors) must not leak into code-server. */
function childEnv(password: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  if (password !== undefined) env.PASSWORD = password;
  return env;
}

function healthy(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ host, port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? true : undefined);
    });
    request.once('error', () => resolve(undefined));
    request.once('timeout', () => request.destroy());
  });
}

function readTail(file: string, maxChars = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-maxChars);
  } catch {
    return '(no log)';
  }
}
