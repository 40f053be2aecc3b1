import * as fs from 'fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { register } from './cleanup';
import { CHROMIUM_PATH } from './paths';

/** Debian's Chromium, as root, on a closed network (see shared/E2E.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run \`bash e2e/setup.sh\` first`);
  }
  // Playwright gives each launch a fresh temporary --user-data-dir and removes it on close.
  // Signals are ours to handle (cleanup.ts), so that teardown runs in order.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  const close = register({
    name: 'chromium',
    dispose: async () => {
      if (closed) return;
      closed = true;
      await browser.close();
    },
    // On exit, Playwright's own 'exit' handler kills the browsers it launched.
    disposeNow: () => undefined,
  });
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    return { browser, context, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
