// The preview's availability header and heat map in headless Chromium: the real HTML, CSP
// and dist/webview.js, fed the scene and availability the server computes for a sample.
// Leaves a screenshot of the heat map in e2e/screenshots/availability-preview/.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { analyze } from '../../server/src/analysis/engine';
import { buildScene } from '../../server/src/diagram';
import { previewAvailability, whatIfNodes } from '../../server/src/language/preview-links';
import { launchBrowser, type BrowserSession } from '../lib/browser';
import { startStaticServer, type StaticServer } from '../lib/hostile-server';
import { detections, installTraps, NOTHING_DETECTED, readTraps, watchPage } from '../lib/hostile-traps';
import { SAMPLES_DIR, SCREENSHOTS_DIR } from '../lib/paths';
import { postToWebview, servePreview } from '../lib/preview-page';
import { waitFor } from '../lib/wait';

const SAMPLE = '2-three-servers.infra.yaml';
const WAIT_MS = 15_000;

describe('preview: availability header and heat map (headless Chromium)', function () {
  this.timeout(120_000);
  let browser: BrowserSession;
  let server: StaticServer;
  let context: BrowserContext;

  before(async () => {
    server = await startStaticServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows A against the SLO, colours nodes by their share of the downtime, and A given a failure', async () => {
    const text = fs.readFileSync(path.join(SAMPLES_DIR, SAMPLE), 'utf8');
    const result = analyze(text);
    const scene = await buildScene(result);
    const availability = previewAvailability(result);
    assert.ok(availability);

    const { url } = servePreview(server);

    context = await browser.browser.newContext({ viewport: { width: 1200, height: 800 } });
    await installTraps(context, { vscodeApi: true });
    const page = await context.newPage();
    const events = watchPage(page);
    await page.goto(url);
    await waitFor(async () => ((await readTraps(page))[0]?.posted ?? []).some((m) => (m as { type?: string }).type === 'ready') || undefined, {
      timeoutMs: WAIT_MS,
      what: 'the preview script to say ready',
    });
    await postToWebview(page, { type: 'scene', uri: `file:///work/${SAMPLE}`, version: 1, fileName: SAMPLE, scene, availability });
    await page.locator('svg#ir-diagram[data-version="1"]').waitFor({ state: 'attached', timeout: WAIT_MS });

    const header = page.locator('#ir-availability');
    assert.equal(await header.textContent(), 'Availability 99.70 % · 26 h down a year');
    assert.equal(await header.getAttribute('class'), 'ir-availability-none');

    await page.locator('#ir-heat').click();
    assert.equal(await page.locator('#ir-heat').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#ir-heat-legend').isVisible(), true);
    // lb-1 and web-1 hold a third of the downtime each (≥ 25 %); web-2 a tenth of a per cent.
    assert.equal(await page.locator('[data-node-id="host:lb-1"]').getAttribute('data-heat'), '5');
    assert.equal(await page.locator('[data-node-id="host:web-1"]').getAttribute('data-heat'), '5');
    assert.equal(await page.locator('[data-node-id="host:web-2"]').getAttribute('data-heat'), '1');
    const fill = await page.locator('[data-node-id="host:lb-1"] > .ir-box').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill);
    assert.equal(fill, 'rgb(103, 0, 13)', 'the darkest red of the legend');

    const dir = path.join(SCREENSHOTS_DIR, 'availability-preview');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'heat-map.png') });

    // Without web-2, web-1 carries every tier alone: 0.999² × 0.9995⁴ = 99.60 %.
    const failed = [{ kind: 'host' as const, id: 'web-2' }];
    await postToWebview(page, { type: 'whatIf', failedNodeIds: ['host:web-2'], failedLabels: ['host web-2'], result: whatIfNodes(result, failed) });
    await page.locator('#ir-banner:not([hidden])').waitFor({ timeout: WAIT_MS });
    assert.match((await header.textContent()) ?? '', /^Availability with this failure: 99\.60 % /);
    await page.screenshot({ path: path.join(dir, 'heat-map-fail-web-2.png') });
    await postToWebview(page, { type: 'whatIfCleared' });
    await page.locator('#ir-banner[hidden]').waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await header.textContent(), 'Availability 99.70 % · 26 h down a year');
    assert.deepEqual(await detections(page, events), NOTHING_DETECTED, 'nothing executed and no CSP violation');
  });
});
