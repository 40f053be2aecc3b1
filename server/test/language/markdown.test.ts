// Markdown escaping of text from the file: rendered by a real GFM renderer (marked, which
// VS Code's hovers use) it reads as written, and raw (a plain-text client) it carries a
// backslash only where Markdown needs one.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { marked } from 'marked';
import { tableCell, text } from '../../src/language/markdown';

/** The text a renderer shows for `md` placed inside a line: HTML tags dropped, entities decoded. */
function rendered(md: string): string {
  const html = marked.parseInline(`x ${md} x`, { gfm: true, async: false }) as string;
  assert.doesNotMatch(html, /<(?!\/?(p)\b)[a-z]/i, `no markup in ${html}`);
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .slice(2, -2);
}

describe('markdown text from the file', () => {
  it('leaves names, addresses and punctuation alone where Markdown reads them as text', () => {
    for (const s of ['server-1', '8.8.8.8', 'us-east-1a', 'db_primary', 'a.b:c (x) #1 +2 !', 'x|y', 'C:\\dir']) assert.equal(text(s), s);
  });

  it('escapes what would become markup there', () => {
    assert.equal(text('*web*'), '\\*web\\*');
    assert.equal(text('_web_'), '\\_web\\_');
    assert.equal(text('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)>');
    assert.equal(text('[a](b)'), '\\[a\\](b)');
    assert.equal(text('`x`'), '\\`x\\`');
    assert.equal(text('~~x~~'), '\\~\\~x\\~\\~');
    assert.equal(text('&amp;'), '\\&amp;');
    assert.equal(text('www.example.com'), 'www\\.example.com');
    assert.equal(text('https://example.com'), 'https\\://example.com');
    assert.equal(text('ops@example.com'), 'ops\\@example.com');
    assert.equal(text('a\\*'), 'a\\\\\\*');
    assert.equal(tableCell('a|b'), 'a\\|b');
  });

  it('property: rendered, any text reads as written (one line), with no element and no link', () => {
    const alphabet = fc.constantFrom(...'ab1 _*`[]()<>!&#;~\\|@.:/-wW'.split(''), 'www.', 'http://', '&amp;', '&#65;');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join('')), (s) => {
        const shown = rendered(text(s));
        assert.equal(shown, s, `${JSON.stringify(s)} → ${JSON.stringify(text(s))}`);
      }),
      { numRuns: 2000 },
    );
  });
});
