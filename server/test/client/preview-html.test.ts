import { strict as assert } from 'node:assert';
import { buildPreviewHtml, contentSecurityPolicy, nonceFromBytes } from '../../../client/src/preview/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const SCRIPT = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js';
const STYLE = 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/preview.css';
const NONCE = nonceFromBytes(new Uint8Array(16).map((_, i) => i * 17));

function html(): string {
  return buildPreviewHtml({ cspSource: CSP_SOURCE, nonce: NONCE, scriptUri: SCRIPT, styleUri: STYLE });
}

describe('client: preview HTML and CSP', () => {
  it('declares the strict policy, with the nonce as the only way to run a script', () => {
    const page = html();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
    assert.ok(meta, 'CSP meta tag');
    const policy = meta[1];
    assert.equal(policy, contentSecurityPolicy(CSP_SOURCE, NONCE));
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${NONCE}'`]);
    assert.deepEqual(directives.get('style-src'), [CSP_SOURCE]);
    assert.deepEqual(directives.get('img-src'), [CSP_SOURCE, 'data:']);
    assert.ok(!policy.includes('unsafe'), 'no unsafe-inline / unsafe-eval');
  });

  it('has exactly one script element, external and carrying the nonce', () => {
    const scripts = html().match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${NONCE}" src="${SCRIPT}">`]);
    assert.match(html(), /<script[^>]*><\/script>/, 'no inline script body');
  });

  it('loads nothing but the given script and stylesheet, and holds no inline style or handler', () => {
    const page = html();
    const urls = [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls.sort(), [SCRIPT, STYLE].sort());
    assert.ok(!/<style\b/i.test(page), 'no <style> element');
    assert.ok(!/\sstyle=/i.test(page), 'no style attribute');
    assert.ok(!/\son[a-z]+=/i.test(page), 'no inline event handler');
    assert.ok(!/(?:https?:)?\/\/(?!file\+\.vscode-resource)[a-z]/i.test(page.replace(/xmlns="[^"]*"/g, '')), 'no remote resource');
  });

  it('gives the controls the ids the end-to-end tests use', () => {
    const page = html();
    for (const id of ['ir-zoom-in', 'ir-zoom-out', 'ir-zoom-fit', 'ir-fail', 'ir-reset', 'ir-export-svg', 'ir-export-png', 'ir-diagram', 'ir-viewport', 'ir-legend', 'ir-banner']) {
      assert.ok(page.includes(`id="${id}"`), id);
    }
  });

  it('escapes attribute values and refuses a nonce that is not hex', () => {
    const page = buildPreviewHtml({ cspSource: CSP_SOURCE, nonce: NONCE, scriptUri: 'x" onload="alert(1)', styleUri: STYLE });
    assert.ok(page.includes('src="x&quot; onload=&quot;alert(1)"'));
    assert.throws(() => buildPreviewHtml({ cspSource: CSP_SOURCE, nonce: "abc' 'unsafe-inline", scriptUri: SCRIPT, styleUri: STYLE }));
    assert.throws(() => nonceFromBytes(new Uint8Array(8)));
    assert.match(NONCE, /^[0-9a-f]{32}$/);
  });
});
