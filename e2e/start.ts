// `npm start`: infra-review in a real VS Code (code-server) on a copy of samples/, for
// anyone without a desktop VS Code. PORT chooses the port (default 8080), HOST the address
// (default 127.0.0.1). Ctrl-C stops every process it started. On an address other than
// loopback, code-server asks for a password: PASSWORD if set (12 characters or more), else
// one generated and printed here (e2e/lib/exposure.ts).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { disposeAll, setSignalExitCode, stoppingOnSignal } from './lib/cleanup';
import { startCodeServer } from './lib/code-server';
import { codeServerAuth } from './lib/exposure';
import { installedExtension } from './lib/extension';
import { E2E_ROOT, SAMPLES_DIR } from './lib/paths';
import { createWorkspace } from './lib/workspace';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const host = process.env.HOST ?? '127.0.0.1';
  // Before anything starts: an unsafe setting is refused with one line.
  const auth = codeServerAuth(host, process.env);

  const setup = spawnSync('bash', [path.join(E2E_ROOT, 'setup.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error(`e2e/setup.sh failed (exit ${setup.status ?? setup.signal})`);
  const extension = installedExtension();
  if (!extension) console.warn('warning: the infra-review extension is not installed; code-server starts without it');

  setSignalExitCode(0);
  const workspace = createWorkspace({ from: SAMPLES_DIR });
  console.log(`Starting code-server with ${extension ?? 'no extension'} on a copy of samples/ ...`);
  const server = await startCodeServer({ workspace: workspace.dir, host, port, startTimeoutMs: 120_000, password: auth.kind === 'password' ? auth.password : undefined });
  console.log('');
  console.log(`  infra-review is running in VS Code at:  ${server.url}`);
  console.log(`  workspace (a copy of samples/):          ${workspace.dir}`);
  console.log(`  code-server log:                         ${server.logFile}`);
  if (auth.kind === 'password') {
    const shown = process.env.PASSWORD ? '(the PASSWORD you set)' : auth.password;
    console.log(`${`  password (${host} is not loopback):`.padEnd(42)}${shown}`);
  }
  console.log('');
  console.log('  Open the URL in a browser, then open an .infra.yaml file. Press Ctrl-C to stop.');
  const reason = await server.exited;
  if (stoppingOnSignal()) {
    console.log('\nStopped.');
    return; // the signal handler finishes the cleanup and exits
  }
  throw new Error(reason);
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await disposeAll().catch(() => undefined);
  process.exit(1);
});
