import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../src/analysis/engine';
import { buildScene, isSafeColour, renderDiagramSvg, renderSceneSvg, resolveTheme, visibleText } from '../../src/diagram';
import { anyOfLabelPoint } from '../../src/diagram/metrics';
import { escapeXml, truncate } from '../../src/diagram/text';
import {
  HOSTILE,
  HOSTILE_COMPONENT,
  HOSTILE_HOST,
  HOSTILE_ZONE,
  ONE_SERVER,
  SMALL,
  ZONES,
} from '../../../test/support/diagram-designs';

const GOLDEN_DIR = path.join(__dirname, 'golden');
const GOLDENS: [string, string][] = [
  ['small', SMALL],
  ['one-server', ONE_SERVER],
  ['zones-and-replicas', ZONES],
  ['hostile-names', HOSTILE],
];

/** Elements and attributes the renderer may write; anything else is a failure. */
const ELEMENTS = new Set(['svg', 'g', 'title', 'rect', 'text', 'path', 'polygon']);
const ATTRIBUTE = /^(xmlns|width|height|viewBox|font-family|font-size|font-weight|role|aria-label|x|y|rx|fill|stroke|stroke-width|stroke-dasharray|d|points|transform|text-anchor|class|data-[a-z-]+)$/;

interface Tag {
  name: string;
  attributes: [string, string][];
}

/**
 * A strict reading of the renderer's output: every `<` opens a well-formed tag with quoted
 * attributes, and what lies between tags is text in which `&` only starts an entity.
 */
function readSvg(svg: string): { tags: Tag[]; text: string } {
  const body = svg.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const tags: Tag[] = [];
  let text = '';
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    if (body[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(body);
      assert.ok(m, `malformed markup at ${i}: ${body.slice(i, i + 60)}`);
      const attributes = [...m[3].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a): [string, string] => [a[1], a[2]]);
      tags.push({ name: m[2], attributes });
      i = tag.lastIndex;
    } else {
      const next = body.indexOf('<', i);
      const chunk = body.slice(i, next === -1 ? body.length : next);
      assert.doesNotMatch(chunk, /&(?!(amp|lt|gt|quot|#39);)/, 'a bare & in text');
      text += chunk;
      i = next === -1 ? body.length : next;
    }
  }
  return { tags, text };
}

function assertHarmless(svg: string): void {
  const { tags } = readSvg(svg);
  for (const t of tags) {
    assert.ok(ELEMENTS.has(t.name), `element <${t.name}>`);
    for (const [name, value] of t.attributes) {
      assert.match(name, ATTRIBUTE, `attribute ${name} on <${t.name}>`);
      if (!name.startsWith('data-') && name !== 'aria-label') {
        assert.doesNotMatch(value, /url\(|javascript:|&/i, `${name}="${value}"`);
      }
    }
  }
  assert.doesNotMatch(svg, /<script|<foreignObject|href=|<!DOCTYPE|<!ENTITY|<!--|<!\[CDATA\[/i);
  assert.doesNotMatch(svg, /[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'a raw control or bidi character');
}

describe('diagram SVG', () => {
  for (const [name, design] of GOLDENS) {
    it(`matches the golden ${name}.svg`, async () => {
      const svg = await renderDiagramSvg(analyze(design));
      const file = path.join(GOLDEN_DIR, `${name}.svg`);
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(file, svg);
      }
      assert.ok(fs.existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1`);
      assert.strictEqual(svg, fs.readFileSync(file, 'utf8'), `${name}.svg differs (UPDATE_GOLDEN=1 regenerates it)`);
      assertHarmless(svg);
    });
  }

  it('renders hostile names as text, never as markup', async () => {
    const svg = await renderDiagramSvg(analyze(HOSTILE));
    assertHarmless(svg);
    const { tags, text } = readSvg(svg);
    const decode = (s: string): string =>
      s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const shown = decode(text);
    for (const name of [HOSTILE_COMPONENT, HOSTILE_HOST.slice(0, 20), HOSTILE_ZONE, '<svg onload=alert(1)> & "quotes" \'too\'']) {
      assert.ok(shown.includes(name), `${name} shown as text`);
    }
    assert.ok(shown.includes('[U+202E]gnp.exe'), 'the direction override is shown, not obeyed');
    assert.ok(shown.includes('bell\u2407 tab\u2409 nul\u2400 end'), 'controls shown as control pictures');
    const ids = tags.flatMap((t) => t.attributes.filter(([a]) => a === 'data-node-id').map(([, v]) => decode(v)));
    assert.ok(ids.includes(`instance:${HOSTILE_COMPONENT}#0`));
    assert.ok(ids.includes(`host:${HOSTILE_HOST}`));
  });

  it('gives every node a <g> with data attributes and a tooltip', async () => {
    const result = analyze(ONE_SERVER);
    const scene = await buildScene(result);
    const svg = renderSceneSvg(scene);
    for (const n of scene.nodes) {
      const open = `<g data-node-id="${n.id}" data-kind="${n.kind}" data-status="${n.status}"`;
      const at = svg.indexOf(open);
      assert.ok(at >= 0, `group of ${n.id}`);
      assert.ok(svg.startsWith('<title>', svg.indexOf('>', at) + 1), `tooltip of ${n.id}`);
    }
    assert.match(svg, /<g data-node-id="host:server-1" data-kind="host" data-status="spof" data-spof="true"><title>host server-1\n8\.8\.8\.8\nSingle point of failure/);
    const spofBadges = svg.match(/<g class="badge-spof">/g) ?? [];
    assert.strictEqual(spofBadges.length, scene.nodes.filter((n) => n.spof).length);
    const counted = scene.nodes.filter((n) => n.findings.error + n.findings.warning + n.findings.info > 0).length;
    assert.strictEqual((svg.match(/<g class="badge-findings">/g) ?? []).length, counted);
    for (const status of ['ok', 'spof', 'error', 'warning', 'info', 'down', 'degraded']) assert.ok(svg.includes(`data-legend="${status}"`));
  });

  it('labels each edge of an any-of dependency "any of N", with its alternatives in the tooltip, and no other edge', async () => {
    const design = [
      'version: 1',
      'name: bg',
      'components:',
      '  front: { type: web-server, replicas: 2, dependsOn: [{ anyOf: [blue, green] }, db] }',
      '  blue: { type: app-server }',
      '  green: { type: app-server }',
      '  db: { type: database }',
      '',
    ].join('\n');
    const scene = await buildScene(analyze(design));
    const grouped = scene.edges.filter((e) => e.anyOf);
    assert.deepStrictEqual(grouped.map((e) => e.id).sort(), ['depends:front->blue', 'depends:front->green']);
    const svg = renderSceneSvg(scene);
    const labels = svg.match(/<text class="edge-any-of"[^>]*><title>any of blue, green: met while one of them is up<\/title>any of 2<\/text>/g) ?? [];
    assert.strictEqual(labels.length, 2);
    assertHarmless(svg);
  });

  it('sits the "any of N" label at the middle of its edge, never at an end under a node', () => {
    const cases: [Parameters<typeof anyOfLabelPoint>[0], { x: number; y: number }][] = [
      [{ points: [{ x: 0, y: 0 }, { x: 100, y: 40 }] }, { x: 50, y: 17 }],
      [{ points: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 80 }] }, { x: 50, y: -3 }],
      [{ points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }, { x: 90, y: 0 }] }, { x: 15, y: -3 }],
      [{ curve: 'bezier', points: [{ x: 0, y: 0 }, { x: 0, y: 40 }, { x: 80, y: 40 }, { x: 80, y: 80 }] }, { x: 40, y: 37 }],
      [{ curve: 'bezier', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 30, y: 30 }, { x: 31, y: 31 }, { x: 32, y: 32 }, { x: 60, y: 60 }] }, { x: 30, y: 27 }],
      [{ points: [{ x: 7, y: 9 }] }, { x: 7, y: 6 }],
    ];
    for (const [edge, expected] of cases) assert.deepStrictEqual(anyOfLabelPoint(edge), expected, JSON.stringify(edge));
  });

  it('puts the full text of a truncated label in the tooltip', async () => {
    const name = `service-${'x'.repeat(50)}`;
    const svg = await renderDiagramSvg(analyze(`version: 1\nname: t\ncomponents:\n  ${name}: { type: service }\n`));
    assert.ok(svg.includes(`<title>component ${name}\nservice`));
    assert.ok(svg.includes(`>service-${'x'.repeat(19)}…</text>`));
  });

  it('uses the theme colours it is given, and only colours', async () => {
    const result = analyze(ONE_SERVER);
    const svg = await renderDiagramSvg(result, {
      theme: { background: '#101010', spof: 'rgb(255, 0, 0)', edge: 'url(http://evil.example/x)', foreground: '"/><script>' },
      title: 'Exported',
    });
    assert.ok(svg.includes('<rect width="') && svg.includes('fill="#101010"'));
    assert.ok(svg.includes('fill="rgb(255, 0, 0)"'));
    assert.ok(!svg.includes('evil.example'));
    assert.ok(svg.includes('<title>Exported</title>'));
    assertHarmless(svg);
    assert.strictEqual(isSafeColour('var(--x)'), false);
    assert.strictEqual(isSafeColour('#abc'), true);
    assert.strictEqual(resolveTheme({ ok: 'expression(alert(1))' }).ok, resolveTheme().ok);
  });
});

describe('diagram text', () => {
  it('makes bidi overrides and controls visible', () => {
    assert.strictEqual(visibleText('a\u202Eb\u2066c'), 'a[U+202E]b[U+2066]c');
    assert.strictEqual(visibleText('a\u0000b\u001Fc\u007F'), 'a\u2400b\u241Fc\u2421');
    assert.strictEqual(visibleText('\u0085'), '[U+0085]');
    assert.strictEqual(visibleText('x\uD800y'), 'x\uFFFDy');
    assert.strictEqual(visibleText('日本 😀'), '日本 😀');
  });

  it('escapes markup characters', () => {
    assert.strictEqual(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('truncates by code points', () => {
    assert.strictEqual(truncate('abcdef', 4), 'abc…');
    assert.strictEqual(truncate('😀😀😀😀😀', 3), '😀😀…');
    assert.strictEqual(truncate('abc', 3), 'abc');
  });
});
