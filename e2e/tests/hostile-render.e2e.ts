// File content never executes: a design whose names carry markup, script URLs, CSS,
// `</script>`, template syntax, a direction override and very long names is drawn as text,
// both in the exported SVG (CLI and server export, opened as a file, over HTTP, in <img> and
// <iframe>) and in the preview webview (its real HTML, CSP and dist/webview.js). Every check
// runs in headless Chromium with traps on alert and its kin, network APIs and CSP violations;
// the negative controls at the end show that those detectors do fire on unsafe pages.
// No code-server is needed: the pages are loaded straight into Chromium.

import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { BrowserContext, Page } from 'playwright-core';
import { analyze, type AnalysisResult } from '../../server/src/analysis/engine';
import { buildScene, DARK_THEME, renderDiagramSvg, visibleText, type Scene } from '../../server/src/diagram';
import { launchBrowser, type BrowserSession } from '../lib/browser';
import { checkFile } from '../lib/cli';
import { activeAttributes, inspect, unexpectedElements, type Inspection } from '../lib/hostile-inspect';
import { startStaticServer, type StaticServer } from '../lib/hostile-server';
import { BIDI_CONTROL, HOSTILE_DESIGN_FILE, HOSTILE_PAYLOADS, readHostileDesign, RLO, UNSAFE_MARKUP } from '../lib/hostile-strings';
import { detections, installTraps, NOTHING_DETECTED, readTraps, watchPage, type PageEvents } from '../lib/hostile-traps';
import { REPO_ROOT } from '../lib/paths';
import { postToWebview, servePreview } from '../lib/preview-page';
import { waitFor } from '../lib/wait';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const WAIT_MS = 10_000;

/** What the SVG export is made of (server/src/diagram/svg.ts), and nothing else. */
const SVG_ELEMENTS = new Map(['svg', 'title', 'rect', 'text', 'g', 'path', 'polygon'].map((name) => [name, SVG_NS]));

/** The preview's shell (client/src/preview/html.ts) plus what its renderer draws. */
const WEBVIEW_ELEMENTS = new Map([
  ...['html', 'head', 'meta', 'link', 'title', 'body', 'div', 'button', 'input', 'span', 'script'].map((name): [string, string] => [name, XHTML_NS]),
  ...['svg', 'g', 'rect', 'text', 'path'].map((name): [string, string] => [name, SVG_NS]),
]);
// `title` is in both namespaces: the document's title (XHTML) and the nodes' tooltips (SVG).
const isAllowedWebviewElement = (el: { name: string; ns: string | null }): boolean =>
  WEBVIEW_ELEMENTS.get(el.name) === el.ns || (el.name === 'title' && el.ns === SVG_NS);

interface Opened {
  context: BrowserContext;
  page: Page;
  events: PageEvents;
}

describe('hostile names render as text (SVG export and preview webview)', function () {
  this.timeout(60_000);

  let browser: BrowserSession;
  let server: StaticServer;
  let tmp: string;
  let result: AnalysisResult;
  let scene: Scene;
  const contexts: BrowserContext[] = [];

  before(async function () {
    this.timeout(120_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-hostile-'));
    result = analyze(readHostileDesign());
    scene = await buildScene(result);
    server = await startStaticServer();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(options: { vscodeApi?: boolean } = {}): Promise<Opened> {
    const context = await browser.browser.newContext({ viewport: { width: 1200, height: 800 } });
    contexts.push(context);
    await installTraps(context, options);
    const page = await context.newPage();
    return { context, page, events: watchPage(page) };
  }

  function exportWithCli(): string {
    const out = path.join(tmp, 'hostile.svg');
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'diagram', HOSTILE_DESIGN_FILE, '-o', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, `infra-review diagram failed: ${run.stderr}`);
    return out;
  }

  /** Every node drawn as in the scene; every payload present as text; nothing active. */
  function assertSafeSvg(seen: Inspection, where: string): void {
    assert.equal(seen.contentType, 'image/svg+xml', `${where}: parsed as SVG`);
    assert.deepEqual(unexpectedElements(seen.elements, SVG_ELEMENTS), [], `${where}: only the export's own SVG elements`);
    assert.deepEqual(activeAttributes(seen.elements), [], `${where}: no handler, link, style or url() attribute`);
    assert.ok(seen.diagramVisible, `${where}: the diagram is displayed`);
    // The export writes every string from the file made visible (server/src/diagram/text.ts).
    assertNodesAsText(seen, where, visibleText);
  }

  /**
   * Each scene node is drawn once, its label and detail as the scene's display text, its
   * tooltip holding the full name; all payloads appear as text and no direction override
   * reaches the screen or a screen reader. `spelt` is how the page writes a node id (the
   * export makes ids visible too).
   */
  function assertNodesAsText(seen: Inspection, where: string, spelt: (text: string) => string): void {
    const drawn = new Map(seen.nodes.map((n) => [n.id, n]));
    assert.deepEqual([...drawn.keys()].sort(), scene.nodes.map((n) => spelt(n.id)).sort(), `${where}: the scene's node ids`);
    for (const node of scene.nodes) {
      const got = drawn.get(spelt(node.id));
      const expected = [node.displayLabel ?? node.label, ...(node.displayDetail ?? node.detail ? [node.displayDetail ?? node.detail ?? ''] : [])];
      assert.deepEqual(got?.texts, expected, `${where}: ${node.id} shows its label and detail as text`);
      assert.ok(got?.title?.includes(visibleText(node.label)), `${where}: ${node.id}'s tooltip holds the full name, made visible`);
    }
    const allText = [...seen.texts, ...seen.titles].join('\n');
    for (const payload of HOSTILE_PAYLOADS) {
      assert.ok(allText.includes(visibleText(payload)), `${where}: ${JSON.stringify(payload)} is shown as text`);
    }
    assert.ok(seen.texts.some((t) => t.includes(`[U+202E]gnp.exe`)), `${where}: the direction override is shown as [U+202E]`);
    const overridden = [...seen.texts, ...seen.titles].filter((t) => BIDI_CONTROL.test(t));
    assert.deepEqual(overridden, [], `${where}: no raw direction control in any text or tooltip`);
    const spokenOverrides = seen.elements.flatMap((el) => el.attributes).filter(([name, value]) => name === 'aria-label' && BIDI_CONTROL.test(value));
    assert.deepEqual(spokenOverrides, [], `${where}: no raw direction control in an aria-label`);
    const longest = scene.nodes.reduce((a, b) => (b.label.length > a.label.length ? b : a));
    assert.ok(longest.label.length > 200, 'the design has a very long name');
    assert.ok(
      seen.texts.every((t) => Array.from(t).length <= 30 || t === visibleText(scene.title ?? '')),
      `${where}: long names are shortened on screen`,
    );
  }

  async function assertNothingRan(opened: Opened, where: string): Promise<void> {
    assert.deepEqual(await detections(opened.page, opened.events), NOTHING_DETECTED, `${where}: nothing executed and no CSP violation`);
  }

  it('the hostile design is valid and every payload reaches the scene', () => {
    const rules = new Set(checkFile(HOSTILE_DESIGN_FILE).map((f) => f.rule));
    assert.ok(!rules.has('schema') && !rules.has('yaml-syntax'), `no schema or YAML error, got ${[...rules].join(', ')}`);
    const sceneText = [scene.title ?? '', ...scene.nodes.flatMap((n) => [n.label, n.detail ?? ''])];
    for (const payload of HOSTILE_PAYLOADS) {
      assert.ok(sceneText.some((t) => t.includes(payload)), `${JSON.stringify(payload)} is in the scene`);
    }
    // Ids as hostile as the id pattern allows, named like Object.prototype's members.
    for (const id of ['zone:prototype', 'host:toString', 'host:valueOf', 'instance:constructor#0', 'instance:hasOwnProperty#0']) {
      assert.ok(scene.nodes.some((n) => n.id === id), `${id} is drawn`);
    }
    assert.ok(scene.nodes.some((n) => n.label.includes(RLO)), 'a name with a direction override is drawn');
  });

  it('the CLI export, opened as a file:// document, shows the payloads as text and runs nothing', async () => {
    const file = exportWithCli();
    const opened = await open();
    const url = pathToFileURL(file).href;
    await opened.page.goto(url);
    assertSafeSvg(await inspect(opened.page), 'file://');
    await assertNothingRan(opened, 'file://');
    assert.deepEqual(opened.events.requests, [url], 'the SVG loads nothing else');
  });

  it('the CLI export, served under `default-src \'none\'`, as a document, in <img> and in <iframe>', async () => {
    const svg = fs.readFileSync(exportWithCli(), 'utf8');
    const strict = { 'content-security-policy': "default-src 'none'" };
    server.route('/cli.svg', { type: 'image/svg+xml', body: svg, headers: strict });
    server.route('/embed.html', {
      type: 'text/html',
      headers: { 'content-security-policy': "default-src 'none'; img-src 'self'; frame-src 'self'" },
      body: '<!DOCTYPE html><title>embed</title><img id="as-image" src="/cli.svg"><iframe id="as-frame" src="/cli.svg" width="1100" height="800"></iframe>',
    });

    const top = await open();
    await top.page.goto(`${server.origin}/cli.svg`);
    assertSafeSvg(await inspect(top.page), 'top-level over HTTP');
    await assertNothingRan(top, 'top-level over HTTP');

    const embed = await open();
    await embed.page.goto(`${server.origin}/embed.html`);
    const frame = await waitFor(() => embed.page.frames().find((f) => f.url().endsWith('/cli.svg')), { timeoutMs: WAIT_MS, what: 'the SVG in the iframe' });
    await frame.waitForLoadState('load');
    await embed.page.waitForLoadState('load');
    const imageSize = (await embed.page.evaluate('[document.getElementById("as-image").naturalWidth, document.getElementById("as-image").naturalHeight]')) as number[];
    assert.ok(imageSize[0] > 0 && imageSize[1] > 0, `the SVG decodes as an image (${imageSize.join('×')})`);
    assertSafeSvg(await inspect(frame), 'in an iframe');
    const traps = await readTraps(embed.page);
    assert.equal(traps.length, 2, 'the page and the SVG frame');
    assert.ok(traps.every((t) => t.installed), 'the traps run in the SVG frame too');
    await assertNothingRan(embed, 'embedded');
    assert.deepEqual(
      embed.events.requests.map((r) => new URL(r).pathname).sort(),
      ['/cli.svg', '/cli.svg', '/embed.html'],
      'the SVG loads nothing else',
    );
  });

  it('the server export (dark theme, hostile theme values) is safe as well', async () => {
    const theme = {
      ...DARK_THEME,
      background: 'url(javascript:alert(1))',
      foreground: '"><script>alert(1)</script>',
      edge: 'red;}</style><style>*{display:none}</style>',
    };
    const svg = await renderDiagramSvg(result, { theme });
    assert.ok(svg.includes(`fill="${DARK_THEME.instanceFill}"`), 'the dark theme is applied');
    server.route('/dark.svg', { type: 'image/svg+xml', body: svg, headers: { 'content-security-policy': "default-src 'none'" } });
    const opened = await open();
    await opened.page.goto(`${server.origin}/dark.svg`);
    assertSafeSvg(await inspect(opened.page), 'dark export');
    await assertNothingRan(opened, 'dark export');
  });

  async function openPreview(): Promise<Opened & { nonce: string; scriptUri: string }> {
    const preview = servePreview(server);
    const opened = await open({ vscodeApi: true });
    await opened.page.goto(preview.url);
    await waitFor(async () => ((await readTraps(opened.page))[0]?.posted ?? []).some((m) => (m as { type?: string }).type === 'ready') || undefined, {
      timeoutMs: WAIT_MS,
      what: 'the preview script to say ready',
      describe: () => opened.events.pageErrors.join('; '),
    });
    const fileName = '<img src=x onerror=alert(1)>.infra.yaml';
    await postToWebview(opened.page, { type: 'scene', uri: `file:///work/${encodeURIComponent(fileName)}`, version: 1, fileName, scene });
    await opened.page.locator('svg#ir-diagram[data-version="1"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    return { ...opened, ...preview };
  }

  it('the preview webview draws the hostile scene as text, with no CSP violation', async () => {
    const opened = await openPreview();
    const { page } = opened;

    // Text from the file in the other sinks: the title bar, the what-if banner, the message box.
    await postToWebview(page, {
      type: 'whatIf',
      failedNodeIds: ['host:toString'],
      failedLabels: [...HOSTILE_PAYLOADS],
      result: { downNodes: ['instance:constructor#0'], degradedNodes: [], downComponents: [...HOSTILE_PAYLOADS], serviceDown: true },
    });
    await page.locator('#ir-banner:not([hidden])').waitFor({ timeout: WAIT_MS });
    const bannerText = (await page.locator('#ir-banner').textContent()) ?? '';
    for (const payload of HOSTILE_PAYLOADS) assert.ok(bannerText.includes(payload), `the banner shows ${JSON.stringify(payload)} as text`);
    assert.equal(await page.locator('#ir-title').textContent(), `${visibleText(scene.title ?? '')} — <img src=x onerror=alert(1)>.infra.yaml`);
    assert.ok(scene.title?.includes(RLO), 'the title bar shows a name with a direction override, made visible');

    // A click on a node with a hostile id reports that id, unchanged.
    const dnsId = 'dns:<img src=x onerror=alert(2)>.evil.example';
    await page.locator(`[data-node-id="${dnsId.replace(/["\\]/g, '\\$&')}"]`).press('Enter', { timeout: WAIT_MS });
    await waitFor(async () => ((await readTraps(page))[0]?.posted ?? []).some((m) => JSON.stringify(m) === JSON.stringify({ type: 'reveal', nodeId: dnsId })) || undefined, {
      timeoutMs: WAIT_MS,
      what: 'the reveal message for the clicked DNS node',
    });

    const seen = await inspect(page);
    assert.equal(seen.contentType, 'text/html');
    assert.deepEqual(
      seen.elements.filter((el) => !isAllowedWebviewElement(el)).map((el) => `<${el.name}> in ${el.ns}`),
      [],
      'only the shell and the renderer\'s elements',
    );
    assert.deepEqual(seen.scripts, [{ src: opened.scriptUri, nonce: opened.nonce }], 'one script: the nonce\'d webview.js');
    assert.deepEqual(
      activeAttributes(seen.elements, (el, name) => (el.name === 'script' && name === 'src') || (el.name === 'link' && name === 'href') || (el.name === 'meta' && name === 'content')),
      [],
      'no handler, link, style or url() attribute from the content',
    );
    assert.ok(seen.diagramVisible, 'the diagram is displayed (no injected style hid it)');
    assertNodesAsText(seen, 'webview', (id) => id);

    await assertNothingRan(opened, 'webview');
    const posted = (await readTraps(page))[0].posted.map((m) => (m as { type: string }).type);
    assert.deepEqual(posted, ['ready', 'reveal'], 'the webview sent only its own messages');
    const served = opened.events.requests.map((r) => new URL(r).pathname);
    assert.deepEqual(served.sort(), ['/extension/client/media/preview.css', '/extension/dist/webview.js', '/webview/index.html'], 'the page loads only its script and stylesheet');
  });

  describe('negative controls: the detectors fire on unsafe pages', () => {
    it('markup set with innerHTML on a page without CSP trips the alert trap, the dialog and the request log', async () => {
      server.route('/unsafe.html', {
        type: 'text/html',
        body: `<!DOCTYPE html><title>unsafe</title><div id="out"></div><script>document.getElementById('out').innerHTML = ${JSON.stringify(UNSAFE_MARKUP)};</script>`,
      });
      const opened = await open();
      await opened.page.goto(`${server.origin}/unsafe.html`);
      const found = await waitFor(
        async () => {
          const d = await detections(opened.page, opened.events);
          return d.calls.some((c) => c.kind === 'alert') && d.dialogs.length > 0 ? d : undefined;
        },
        { timeoutMs: WAIT_MS, what: 'the alert trap and a dialog' },
      );
      assert.ok(found.calls.some((c) => c.detail === 'img'), 'the img onerror handler ran');
      assert.ok(opened.events.requests.some((r) => new URL(r).pathname === '/x'), 'the injected image was requested');
      assert.ok((await inspect(opened.page)).elements.some((el) => el.name === 'style'), 'the style element was injected');
    });

    it('the same markup injected into the preview page is blocked and reported by its CSP', async () => {
      const opened = await openPreview();
      await opened.page.evaluate(`document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(UNSAFE_MARKUP.replace('src="x"', 'src="data:,"'))})`);
      const found = await waitFor(
        async () => {
          const d = await detections(opened.page, opened.events);
          return d.violations.length >= 2 && d.cspConsole.length > 0 ? d : undefined;
        },
        { timeoutMs: WAIT_MS, what: 'CSP violations from the injected handler and style' },
      );
      const directives = found.violations.map((v) => v.directive).join(', ');
      assert.ok(/script-src/.test(directives) && /style-src/.test(directives), `script and style blocked (${directives})`);
      assert.deepEqual(found.calls, [], 'the CSP kept the handlers from running');
      assert.deepEqual(found.dialogs, []);
    });

    it('a script in an SVG opened as a file:// document trips the alert trap', async () => {
      const file = path.join(tmp, 'unsafe.svg');
      fs.writeFileSync(file, `<svg xmlns="${SVG_NS}" width="10" height="10"><script>alert('svg script')</script><text>x</text></svg>`);
      const opened = await open();
      await opened.page.goto(pathToFileURL(file).href);
      const found = await waitFor(
        async () => {
          const d = await detections(opened.page, opened.events);
          return d.calls.length > 0 && d.dialogs.length > 0 ? d : undefined;
        },
        { timeoutMs: WAIT_MS, what: 'the alert trap in an SVG document' },
      );
      assert.deepEqual(found.calls, [{ kind: 'alert', detail: 'svg script' }]);
      assert.deepEqual(unexpectedElements((await inspect(opened.page)).elements, SVG_ELEMENTS), ['<script> in http://www.w3.org/2000/svg']);
    });
  });
});
