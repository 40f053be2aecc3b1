// Detectors for content that executes: an init script that records every call to alert and
// its kin and to network APIs, and every CSP violation, in every document and frame
// (HTML and SVG alike); plus the page's dialogs, console CSP messages, errors and requests.
// (`eval` is not trapped: Playwright evaluates string expressions through it.)
// In-page code is plain JavaScript source: tsx would add `__name` helpers to a compiled
// function, and the page has none.

import type { BrowserContext, Page } from 'playwright-core';

export interface TrapCall {
  kind: string;
  detail: string;
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

/** What the init script recorded in one frame. */
export interface FrameTraps {
  url: string;
  installed: boolean;
  calls: TrapCall[];
  violations: CspViolation[];
  /** Messages the page sent through the stubbed `acquireVsCodeApi().postMessage`. */
  posted: unknown[];
}

const TRAP_SCRIPT = String.raw`(() => {
  if (window.__hostileLog) return;
  const log = { installed: true, calls: [], violations: [], posted: [] };
  Object.defineProperty(window, '__hostileLog', { value: log });
  const note = (kind, args) => {
    let detail = '';
    try { detail = Array.prototype.map.call(args, (a) => String(a)).join(' ').slice(0, 300); } catch (e) { detail = '(unprintable)'; }
    log.calls.push({ kind, detail });
  };
  // Recorded, then passed on (so that a dialog also opens: a second detector).
  const passOn = (owner, name) => {
    const original = owner && owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) { note(name, args); return original.apply(this, args); };
  };
  // Recorded only: these would leave the page.
  const swallow = (owner, name) => {
    if (!owner || typeof owner[name] !== 'function') return;
    owner[name] = function (...args) { note(name, args); return undefined; };
  };
  passOn(window, 'alert');
  passOn(window, 'confirm');
  passOn(window, 'prompt');
  passOn(window, 'fetch');
  swallow(window, 'open');
  swallow(window, 'print');
  if (typeof XMLHttpRequest === 'function') passOn(XMLHttpRequest.prototype, 'open');
  if (typeof navigator !== 'undefined') swallow(navigator, 'sendBeacon');
  if (typeof document !== 'undefined') { passOn(document, 'write'); passOn(document, 'writeln'); }
  if (typeof WebSocket === 'function') {
    const OriginalWebSocket = WebSocket;
    window.WebSocket = function (...args) { note('WebSocket', args); return new OriginalWebSocket(...args); };
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    log.violations.push({ directive: e.violatedDirective || e.effectiveDirective || '', blocked: String(e.blockedURI || ''), sample: String(e.sample || '') });
  }, true);
})();`;

/**
 * VS Code's webview API as the preview script sees it: `postMessage` is recorded,
 * state is kept in memory. Only in the top frame, like VS Code's own.
 */
const VSCODE_API_STUB = String.raw`(() => {
  if (window !== window.top) return;
  let state;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => window.__hostileLog.posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => state,
      setState: (next) => { state = next; return next; },
    });
  };
})();`;

export async function installTraps(context: BrowserContext, options: { vscodeApi?: boolean } = {}): Promise<void> {
  await context.addInitScript({ content: TRAP_SCRIPT });
  if (options.vscodeApi) await context.addInitScript({ content: VSCODE_API_STUB });
}

/** What the browser reported about a page from outside it. */
export interface PageEvents {
  dialogs: string[];
  cspConsole: string[];
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

export function watchPage(page: Page): PageEvents {
  const events: PageEvents = { dialogs: [], cspConsole: [], consoleErrors: [], pageErrors: [], requests: [] };
  page.on('dialog', (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content.Security.Policy/i.test(text)) events.cspConsole.push(text);
    if (message.type() === 'error') events.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => events.pageErrors.push(error.message));
  page.on('request', (request) => events.requests.push(request.url()));
  return events;
}

/** The traps of every frame of the page (an SVG or HTML document, and any iframe in it). */
export async function readTraps(page: Page): Promise<FrameTraps[]> {
  const all: FrameTraps[] = [];
  for (const frame of page.frames()) {
    const log = (await frame.evaluate('window.__hostileLog ? JSON.parse(JSON.stringify(window.__hostileLog)) : null')) as Omit<
      FrameTraps,
      'url'
    > | null;
    all.push(log ? { url: frame.url(), ...log } : { url: frame.url(), installed: false, calls: [], violations: [], posted: [] });
  }
  return all;
}

/** Every detector's findings, in one object that reads well in an assertion message. */
export interface Detections {
  uninstalled: string[];
  calls: TrapCall[];
  violations: CspViolation[];
  dialogs: string[];
  cspConsole: string[];
  pageErrors: string[];
}

export async function detections(page: Page, events: PageEvents): Promise<Detections> {
  const traps = await readTraps(page);
  return {
    uninstalled: traps.filter((t) => !t.installed).map((t) => t.url),
    calls: traps.flatMap((t) => t.calls),
    violations: traps.flatMap((t) => t.violations),
    dialogs: [...events.dialogs],
    cspConsole: [...events.cspConsole],
    pageErrors: [...events.pageErrors],
  };
}

/** Nothing ran and nothing was blocked, in frames where the traps were in place. */
export const NOTHING_DETECTED: Detections = { uninstalled: [], calls: [], violations: [], dialogs: [], cspConsole: [], pageErrors: [] };
