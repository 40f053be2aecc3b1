// The preview's page outside VS Code, for headless Chromium: the HTML the extension builds
// (with its CSP and a fresh nonce), dist/webview.js and preview.css, served by a static
// server; messages reach it as VS Code sends them, as `message` events on its window.
import { randomBytes } from 'crypto';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { buildPreviewHtml, nonceFromBytes } from '../../client/src/preview/html';
import type { ToWebview } from '../../client/src/preview/messages';
import type { StaticServer } from './hostile-server';
import { REPO_ROOT } from './paths';

export interface ServedPreview {
  url: string;
  scriptUri: string;
  nonce: string;
}

/** Serves the preview's page, its script and stylesheet; the page's address. */
export function servePreview(server: StaticServer): ServedPreview {
  const nonce = nonceFromBytes(randomBytes(16));
  const scriptUri = `${server.origin}/extension/dist/webview.js`;
  const styleUri = `${server.origin}/extension/client/media/preview.css`;
  server.route('/webview/index.html', { type: 'text/html', body: buildPreviewHtml({ cspSource: server.origin, nonce, scriptUri, styleUri }) });
  server.route('/extension/dist/webview.js', { type: 'text/javascript', file: path.join(REPO_ROOT, 'dist', 'webview.js') });
  server.route('/extension/client/media/preview.css', { type: 'text/css', file: path.join(REPO_ROOT, 'client', 'media', 'preview.css') });
  return { url: `${server.origin}/webview/index.html`, scriptUri, nonce };
}

export async function postToWebview(page: Page, message: ToWebview): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
}
