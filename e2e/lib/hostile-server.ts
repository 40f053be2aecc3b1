// A tiny HTTP server on 127.0.0.1 that serves a fixed set of paths (documents given as text,
// or local files such as dist/webview.js) and records every request it receives. Anything
// else is a 404, so that content which tries to load something shows up in `requests`.

import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { register } from './cleanup';

export interface Route {
  type: string;
  /** The body, or a local file to read on each request. */
  body?: string;
  file?: string;
  headers?: Record<string, string>;
}

export interface StaticServer {
  origin: string;
  /** Paths requested, in order (with their query strings). */
  requests: string[];
  route(pathname: string, route: Route): void;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const route = routes.get(url.split('?')[0]);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = route.file !== undefined ? fs.readFileSync(route.file) : Buffer.from(route.body ?? '', 'utf8');
      res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers }).end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = register({
    name: 'hostile static server',
    dispose: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    disposeNow: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    route: (pathname, route) => routes.set(pathname, route),
    close,
  };
}
