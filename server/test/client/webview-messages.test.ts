import { strict as assert } from 'node:assert';
import { parseFromWebview } from '../../../client/src/preview/messages';
import { collectTheme, cssVariableFor, THEME_ROLES } from '../../../client/src/preview/theme';
import { fitView, isView, toTransform, zoomAt } from '../../../client/src/preview/view-transform';

describe('client: webview messages, theme and view maths', () => {
  it('accepts the known messages from the webview and nothing else', () => {
    assert.deepEqual(parseFromWebview({ type: 'reveal', nodeId: 'host:a' }), { type: 'reveal', nodeId: 'host:a' });
    assert.deepEqual(parseFromWebview({ type: 'export', format: 'png', extra: 1 }), { type: 'export', format: 'png' });
    assert.deepEqual(parseFromWebview({ type: 'theme', requestId: 3, theme: { background: '#fff' } }), { type: 'theme', requestId: 3, theme: { background: '#fff' } });
    for (const bad of [null, 'ready', [], { type: 'reveal' }, { type: 'reveal', nodeId: 3 }, { type: 'export', format: 'pdf' }, { type: 'theme', requestId: 1, theme: { a: 1 } }, { type: 'eval', code: 'x' }]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  it("reads the export's colour roles from the stylesheet's --ir-* variables", () => {
    assert.equal(cssVariableFor('zoneFill'), '--ir-zone-fill');
    const theme = collectTheme((name) => (name === '--ir-background' ? ' #1e1e1e ' : name === '--ir-badge-text' ? '#fff' : ''));
    assert.deepEqual(theme, { background: '#1e1e1e', badgeText: '#fff' });
    assert.ok(THEME_ROLES.length > 10);
  });

  it('fits, zooms about a point and rejects corrupt saved views', () => {
    const fit = fitView(1000, 500, 532, 282, 16);
    assert.equal(fit.k, 0.5);
    assert.deepEqual({ x: fit.x, y: fit.y }, { x: 16, y: 16 });
    const zoomed = zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50);
    assert.deepEqual(zoomed, { x: -100, y: -50, k: 2 });
    assert.equal(toTransform(zoomed), 'translate(-100 -50) scale(2)');
    assert.equal(zoomAt({ x: 0, y: 0, k: 8 }, 4, 0, 0).k, 8);
    assert.ok(isView({ x: 1, y: 2, k: 1 }));
    for (const bad of [null, { x: 1, y: 2 }, { x: 'a', y: 2, k: 1 }, { x: 1, y: 2, k: 0 }, { x: Infinity, y: 0, k: 1 }]) assert.ok(!isView(bad));
  });
});
