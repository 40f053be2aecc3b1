// A generated Kubernetes manifest of 100 workloads in 5 namespaces (test/support/workload-design.ts)
// in a real VS Code: the preview draws the namespaces as groups and each workload once with its
// ×N badge, search finds a workload, and collapsing a namespace goes through the extension and
// the server and back (and the SVG export keeps it collapsed). What is drawn is compared with what the engine reads from the same file.
// The screenshots (e2e/screenshots/kubernetes-preview/) are the picture of a 100-workload preview.
import * as assert from 'assert';
import { analyze } from '../../server/src/analysis/engine';
import { formatOptionsFor } from '../../server/src/formats';
import { workloadManifest } from '../../test/support/workload-design';
import { openPreview, parseSvgInBrowser } from '../lib/preview';
import { stepwiseSession } from '../lib/stepwise-session';
import { waitFor } from '../lib/wait';

const SAMPLE = 'workloads.yaml';
const EXPORTED = 'workloads.svg';
const MANIFEST = workloadManifest(100, 5);

describe('a 100-workload Kubernetes manifest in the code-server preview', function () {
  const stepwise = stepwiseSession({ name: 'kubernetes-preview', files: { [SAMPLE]: MANIFEST }, previewTimeoutMs: 60_000 });
  const result = analyze(MANIFEST, formatOptionsFor(SAMPLE, undefined, MANIFEST));
  const components = [...result.design.components.entries()];
  const namespaces = [...new Set(components.map(([, c]) => c.group))].sort();

  /** Every workload of the namespace is drawn, inside the namespace's box. */
  async function membersInsideTheirGroup(group: string): Promise<void> {
    const outer = await stepwise.preview.node(`group:${group}`).locator(':scope > rect.ir-box').boundingBox();
    assert.ok(outer, `group:${group} has a box`);
    const members = components.filter(([, c]) => c.group === group).map(([id]) => id);
    assert.ok(members.length > 0);
    for (const id of members) {
      const box = await stepwise.preview.frame.locator(`[data-target-kind="component"][data-target-id="${id}"] > rect.ir-box`).boundingBox();
      assert.ok(box, `${id} is drawn`);
      const inside = box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;
      assert.ok(inside, `${id} is inside group:${group}: ${JSON.stringify({ box, outer })}`);
    }
  }

  it('1. the preview draws the 5 namespaces as groups and each of the 100 workloads once', async function () {
    const { workbench, steps } = stepwise.session;
    assert.strictEqual(components.length, 100, 'the engine reads 100 workloads');
    assert.deepStrictEqual(namespaces, ['accounts', 'catalog', 'checkout', 'platform', 'storefront']);
    await steps.step('open the manifest', () => workbench.openFile(SAMPLE));
    const nodes = await steps.step('open the diagram preview', () =>
      openPreview(workbench, stepwise.preview, (drawn) => drawn.filter((n) => n.targetKind === 'component').length >= components.length, `nodes for the ${components.length} workloads`, 90_000),
    );
    assert.deepStrictEqual(
      nodes.filter((n) => n.kind === 'group').map((n) => n.id).sort(),
      namespaces.map((g) => `group:${g}`),
      'a group per namespace',
    );
    for (const [id, component] of components) {
      const drawn = nodes.filter((n) => n.targetKind === 'component' && n.targetId === id).map((n) => n.id);
      // Replicas on nodes the manifest does not model: one box, with a ×N badge when N > 1.
      assert.deepStrictEqual(drawn, [(component.replicas ?? 1) > 1 ? `workload:${id}` : `instance:${id}#0`], `${id} is drawn once`);
    }
    const svc = components.find(([, c]) => c.replicas === 3)?.[0];
    assert.ok(svc, 'a workload with 3 replicas');
    assert.strictEqual(await stepwise.preview.node(`workload:${svc}`).locator('.ir-badge-replicas').textContent(), '×3');
    await membersInsideTheirGroup('checkout');
  });

  it('2. in a large window, fitted: the picture of 100 workloads', async function () {
    const { workbench, steps } = stepwise.session;
    // A bigger window rather than workbench commands, whose palette a focused webview may swallow.
    await steps.step('a 2560×1440 window, the diagram fitted', async () => {
      await workbench.page.setViewportSize({ width: 2560, height: 1440 });
      await stepwise.preview.button('ir-zoom-fit').click();
    });
    const view = await stepwise.session.browser.page.frameLocator('iframe.webview.ready').locator('iframe#active-frame').boundingBox();
    assert.ok(view && view.width > 1000, `the preview fills the window: ${JSON.stringify(view)}`);
  });

  it('3. search finds a workload by name and brings it into view', async function () {
    const { steps } = stepwise.session;
    const frame = stepwise.preview.frame;
    const target = 'checkout/checkout-db';
    const node = await steps.step('type "checkout-db" in the search box', async () => {
      await frame.locator('#ir-search').click();
      await frame.locator('#ir-search').pressSequentially('checkout-db');
      const found = frame.locator(`[data-node-id="workload:${target}"].ir-match-current.ir-selected`);
      await found.waitFor({ timeout: 30_000 });
      return found;
    });
    assert.strictEqual(await frame.locator('#ir-search-count').textContent(), '1 of 1');
    const box = await node.locator(':scope > .ir-box').boundingBox();
    const view = await stepwise.session.browser.page.frameLocator('iframe.webview.ready').locator('iframe#active-frame').boundingBox();
    assert.ok(box && view, 'the match and the preview have boxes');
    assert.ok(
      box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height,
      `the match is in view: ${JSON.stringify({ box, view })}`,
    );
    await steps.step('clear the search', async () => {
      await frame.locator('#ir-search').press('Escape');
      await waitFor(async () => ((await frame.locator('.ir-match').count()) === 0 ? true : undefined), { timeoutMs: 30_000, what: 'no match marked' });
    });
  });

  it('4. collapsing a namespace redraws it as one node, through the extension and the server', async function () {
    const { steps } = stepwise.session;
    const frame = stepwise.preview.frame;
    await steps.step('collapse the catalog namespace', async () => {
      // By keyboard, as a user would reach a toggle outside the zoomed view.
      await frame.locator('[data-toggle-group="catalog"]').focus();
      await frame.locator('[data-toggle-group="catalog"]').press('Enter');
      await frame.locator('[data-node-id="group:catalog"][data-collapsed="true"]').waitFor({ timeout: 60_000 });
      await stepwise.preview.button('ir-zoom-fit').click();
    });
    assert.strictEqual(await frame.locator('[data-node-id^="workload:catalog/"], [data-node-id^="instance:catalog/"]').count(), 0, 'its workloads are not drawn');
    assert.ok((await frame.locator('.ir-edge[data-to="group:catalog"]').count()) > 0, 'the calls into catalog end at its node');
    assert.strictEqual(await frame.locator('[data-toggle-group="catalog"]').getAttribute('aria-label'), 'Expand group catalog');
    const svg = await steps.step('export SVG with catalog collapsed', async () => {
      await stepwise.preview.button('ir-export-svg').click();
      await stepwise.session.workbench.waitForSaveDialog(EXPORTED);
      await stepwise.session.browser.page.keyboard.press('Enter');
      await stepwise.session.workbench.notification(/diagram exported to/).waitFor({ state: 'visible', timeout: 30_000 });
      return stepwise.session.workspace.read(EXPORTED);
    });
    const exported = (await parseSvgInBrowser(stepwise.session.browser.page, svg)).nodeIds;
    assert.ok(exported.includes('group:catalog'), 'the export has the collapsed group');
    assert.deepStrictEqual(exported.filter((id) => /^(workload|instance):catalog\//.test(id)), [], 'and none of its workloads, as the preview');
    assert.ok(exported.some((id) => id.startsWith('workload:checkout/')), 'the open namespaces keep theirs');
    await steps.step('expand it again', async () => {
      await frame.locator('[data-toggle-group="catalog"]').focus();
      await frame.locator('[data-toggle-group="catalog"]').press('Enter');
      await frame.locator('[data-node-id="group:catalog"]:not([data-collapsed="true"])').waitFor({ timeout: 60_000 });
    });
    await membersInsideTheirGroup('catalog');
  });
});
