// The preview at 100 workloads in headless Chromium: the real HTML, CSP and dist/webview.js,
// fed the scene the server builds for a generated estate of 100 workloads in 5 groups (the
// groups set on the design, as the Kubernetes front end sets namespaces). Search, focus,
// collapsing a group, and failing replicas of a ×N node, by keyboard where a user would.
// Leaves screenshots in e2e/screenshots/preview-groups/.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { analyze } from '../../server/src/analysis/engine';
import { buildScene } from '../../server/src/diagram';
import { whatIfNodes } from '../../server/src/language/preview-links';
import type { FromWebview } from '../../client/src/preview/messages';
import { withGroups, workloadDesign } from '../../test/support/workload-design';
import { launchBrowser, type BrowserSession } from '../lib/browser';
import { startStaticServer, type StaticServer } from '../lib/hostile-server';
import { detections, installTraps, NOTHING_DETECTED, readTraps, watchPage } from '../lib/hostile-traps';
import { SCREENSHOTS_DIR } from '../lib/paths';
import { postToWebview, servePreview } from '../lib/preview-page';
import { waitFor } from '../lib/wait';

const WAIT_MS = 15_000;
const URI = 'file:///work/workloads.yaml';

describe('preview: 100 workloads in groups (headless Chromium)', function () {
  this.timeout(180_000);
  let browser: BrowserSession;
  let server: StaticServer;
  let context: BrowserContext;
  const design = workloadDesign(100, 5);
  const result = withGroups(analyze(design.text), design.groupOf);
  const dir = path.join(SCREENSHOTS_DIR, 'preview-groups');

  before(async () => {
    server = await startStaticServer();
    browser = await launchBrowser();
    fs.mkdirSync(dir, { recursive: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** What the webview has posted to the extension so far. */
  async function posted(page: Page): Promise<FromWebview[]> {
    return ((await readTraps(page))[0]?.posted ?? []) as FromWebview[];
  }

  async function waitForPosted(page: Page, what: string, match: (m: FromWebview) => boolean): Promise<FromWebview> {
    return waitFor(async () => (await posted(page)).find(match), { timeoutMs: WAIT_MS, what });
  }

  async function open(): Promise<Page> {
    const { url } = servePreview(server);
    context = await browser.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await installTraps(context, { vscodeApi: true });
    const page = await context.newPage();
    await page.goto(url);
    await waitForPosted(page, 'the preview script to say ready', (m) => m.type === 'ready');
    return page;
  }

  it('draws 100 workloads in 5 group boxes, each once with its ×N badge', async () => {
    const page = await open();
    const events = watchPage(page);
    const scene = await buildScene(result);
    await postToWebview(page, { type: 'scene', uri: URI, version: 1, fileName: 'workloads.yaml', scene });
    await page.locator('svg#ir-diagram[data-version="1"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await page.locator('.ir-node[data-kind="group"]').count(), 5);
    assert.equal(await page.locator('.ir-node[data-kind="workload"], .ir-node[data-kind="instance"]').count(), 100);
    assert.equal(await page.locator('[data-node-id="workload:checkout-svc-1"] .ir-badge-replicas').textContent(), '×3');
    await page.screenshot({ path: path.join(dir, '01-100-workloads.png') });

    // Search, by keyboard: "/" to the box, type, Enter for the next match.
    await page.locator('svg#ir-diagram').focus();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'ir-search');
    await page.keyboard.type('checkout-db');
    await page.locator('[data-node-id="workload:checkout-db"].ir-match-current').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('#ir-search-count').textContent(), '1 of 1');
    assert.ok(await page.locator('[data-node-id="workload:checkout-db"]').evaluate((el) => el.classList.contains('ir-selected')), 'the match is selected');
    const box = await page.locator('[data-node-id="workload:checkout-db"] > .ir-box').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1600 && box.y + box.height <= 1000, `scrolled into view: ${JSON.stringify(box)}`);
    assert.ok(box.width >= 80, `zoomed in to be read: ${box.width} px wide`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('svc-1');
    assert.match((await page.locator('#ir-search-count').textContent()) ?? '', /^1 of [1-9]\d+$/, 'svc-1 and svc-10… in every group');
    const first = await page.locator('.ir-match-current').getAttribute('data-node-id');
    await page.keyboard.press('Enter');
    const second = await page.locator('.ir-match-current').getAttribute('data-node-id');
    assert.notEqual(first, second, 'Enter moves to the next match');
    await page.keyboard.type('-no-such-thing');
    assert.equal(await page.locator('#ir-search-count').textContent(), 'No match');
    assert.equal(await page.locator('#ir-search').getAttribute('aria-invalid'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.ir-match').count(), 0, 'Escape clears the search');

    // Focus on checkout-db: the rest dims; the blast radius comes from the extension.
    await page.locator('#ir-search').fill('checkout-db');
    await page.locator('#ir-search').press('Enter');
    await page.locator('#ir-focus').click();
    const ask = await waitForPosted(page, 'the blast radius request', (m) => m.type === 'blastRadius');
    assert.deepEqual(ask, { type: 'blastRadius', nodeId: 'workload:checkout-db' });
    const node = scene.nodes.find((n) => n.id === 'workload:checkout-db');
    const blast = whatIfNodes(result, node?.faults ?? []);
    await postToWebview(page, { type: 'blastRadius', nodeId: 'workload:checkout-db', nodeIds: blast.downNodes, components: blast.downComponents });
    await page.locator('#ir-focus-bar:not([hidden])').waitFor({ timeout: WAIT_MS });
    assert.match((await page.locator('#ir-focus-text').textContent()) ?? '', /^Focus on checkout-db: 0 it depends on, \d+ depending on it; \d+ components go down with it\.$/);
    assert.ok(await page.locator('[data-node-id="workload:catalog-gateway"]').evaluate((el) => el.classList.contains('ir-dimmed')), 'another group is dimmed');
    assert.ok(!(await page.locator('[data-node-id="workload:checkout-gateway"]').evaluate((el) => el.classList.contains('ir-dimmed'))), 'its gateway is not');
    assert.ok(await page.locator('[data-node-id="workload:checkout-gateway"]').evaluate((el) => el.classList.contains('ir-blast')), 'and goes down with it');
    const opacity = await page.locator('[data-node-id="workload:catalog-gateway"]').evaluate((el) => Number((globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity));
    assert.ok(opacity < 0.5, `dimmed: opacity ${opacity}`);
    await page.screenshot({ path: path.join(dir, '02-focus-checkout-db.png') });
    await page.locator('svg#ir-diagram').focus();
    await page.keyboard.press('Escape');
    await page.locator('#ir-focus-bar[hidden]').waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await page.locator('.ir-dimmed').count(), 0, 'Escape shows everything again');

    // Collapse a group with its button, by keyboard: the webview asks; the extension re-sends.
    await page.locator('[data-toggle-group="catalog"]').focus();
    await page.keyboard.press('Enter');
    const toggle = await waitForPosted(page, 'the toggle request', (m) => m.type === 'toggleGroup');
    assert.deepEqual(toggle, { type: 'toggleGroup', group: 'catalog' });
    const collapsed = await buildScene(result, { collapsedGroups: new Set(['catalog']) });
    await postToWebview(page, { type: 'scene', uri: URI, version: 2, fileName: 'workloads.yaml', scene: collapsed });
    await page.locator('svg#ir-diagram[data-version="2"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await page.locator('[data-node-id="group:catalog"]').getAttribute('data-collapsed'), 'true');
    assert.equal(await page.locator('[data-node-id^="workload:catalog-"]').count(), 0);
    assert.equal(await page.locator('[data-toggle-group="catalog"]').getAttribute('aria-label'), 'Expand group catalog');
    assert.ok((await page.locator('.ir-edge[data-to="group:catalog"]').count()) > 0, 'the calls into the group end at its node');
    await page.screenshot({ path: path.join(dir, '03-catalog-collapsed.png') });

    // Fail one replica of a ×N node, then its other: up with a count, then down.
    await page.locator('#ir-search').fill('checkout-svc-3');
    await page.locator('[data-node-id="workload:checkout-svc-3"].ir-selected').waitFor({ timeout: WAIT_MS });
    await page.locator('#ir-fail').click();
    await waitForPosted(page, 'the fail request', (m) => m.type === 'fail');
    const one = [{ kind: 'instance' as const, component: 'checkout-svc-3', index: 0 }];
    await postToWebview(page, { type: 'whatIf', failedNodeIds: ['workload:checkout-svc-3'], failedLabels: ['replica 1 of 2 of checkout-svc-3'], result: whatIfNodes(result, one) });
    await page.locator('[data-node-id="workload:checkout-svc-3"].ir-partly-down').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('[data-node-id="workload:checkout-svc-3"] .ir-badge-replicas').textContent(), '×2 · 1 down');
    assert.equal(await page.locator('#ir-fail').isEnabled(), true, 'one replica left to fail');
    const both = [...one, { kind: 'instance' as const, component: 'checkout-svc-3', index: 1 }];
    await postToWebview(page, { type: 'whatIf', failedNodeIds: ['workload:checkout-svc-3', 'workload:checkout-svc-3'], failedLabels: ['replica 1', 'replica 2'], result: whatIfNodes(result, both) });
    await page.locator('[data-node-id="workload:checkout-svc-3"].ir-down').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('#ir-fail').isEnabled(), false, 'every replica failed');
    assert.deepEqual(await detections(page, events), NOTHING_DETECTED, 'nothing executed and no CSP violation');
  });
});
