import * as net from 'net';
import { waitFor } from './wait';

/** A port that was free a moment ago: the kernel picks it, we release it at once. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(
  port: number,
  options: { timeoutMs: number; host?: string; abortIf?: () => string | undefined },
): Promise<void> {
  const host = options.host ?? '127.0.0.1';
  await waitFor(async () => ((await isPortOpen(port, host)) ? true : undefined), {
    timeoutMs: options.timeoutMs,
    abortIf: options.abortIf,
    what: `${host}:${port} to accept connections`,
  });
}
