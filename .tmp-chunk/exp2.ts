import { isPair, isScalar, isMap, isSeq } from 'yaml';
import { parseText } from '../server/src/model/parse';
import { ChunkCache, splitSections } from '../server/src/model/chunked-parse';
import { generateLargeDesignYaml } from '../test/fixtures/random-design';
import * as fs from 'node:fs';

function diff(a: any, b: any, path: string, withComments: boolean): string | null {
  if (isPair(a) || isPair(b)) {
    if (!isPair(a) || !isPair(b)) return `${path}: pair vs non-pair`;
    return diff(a.key, b.key, path + '.key', withComments) ?? diff(a.value, b.value, path + '.value', withComments);
  }
  if (a === null || b === null) return a === b ? null : `${path}: null vs ${a} ${b}`;
  if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
  const props = ['range', 'type', 'flow', 'tag', 'anchor', 'source', 'format', ...(withComments ? ['comment', 'commentBefore', 'spaceBefore'] : [])];
  for (const p of props) if (JSON.stringify(a[p]) !== JSON.stringify(b[p])) return `${path}.${p}: ${JSON.stringify(a[p])} vs ${JSON.stringify(b[p])}`;
  if (isScalar(a)) return Object.is(a.value, (b as any).value) || JSON.stringify(a.value) === JSON.stringify(b.value) ? null : `${path}.value`;
  if (isMap(a) || isSeq(a)) {
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} vs ${b.items.length} items`;
    for (let i = 0; i < a.items.length; i++) { const d = diff(a.items[i], b.items[i], `${path}[${i}]`, withComments); if (d) return d; }
  }
  return null;
}
const texts: [string, string][] = [['large', generateLargeDesignYaml(300, 3)]];
for (const f of fs.readdirSync('samples').filter((f) => f.endsWith('.yaml'))) texts.push([f, fs.readFileSync('samples/' + f, 'utf8')]);
texts.push(['comments', "# head\n\nversion: 1\n# top comment\ncomponents:\n  # c1\n  a:\n    type: x\n\n  # before b\n  b: { type: y }\n# col0 comment\n  c:\n    type: |+\n      hi\n\n# trailing\n\nload:\n  peak: 3\n  # end\n\n# very end\n"]);
texts.push(['seqend', "version: 1\ndns:\n  - name: a\n    type: A\n  # x\n  - { name: b }\n\n# tail\n"]);
for (const [name, text] of texts) {
  const full = parseText(text);
  const cache = new ChunkCache(0);
  const chunked = parseText(text, undefined, { chunkCache: cache });
  const secs = splitSections(text);
  console.log(name, 'sections', secs?.map((s) => s.kind + ':' + s.entries.length).join(' '), 'cache', cache.size);
  console.log('  nc', diff(full.doc.contents, chunked.doc.contents, '$', false), '| c', diff(full.doc.contents, chunked.doc.contents, '$', true));
  console.log('  docrange', JSON.stringify(full.doc.range), JSON.stringify(chunked.doc.range), 'lines', JSON.stringify(full.lineCounter.lineStarts) === JSON.stringify(chunked.lineCounter.lineStarts));
  console.log('  data', JSON.stringify(full.data) === JSON.stringify(chunked.data), 'problems', JSON.stringify(full.problems) === JSON.stringify(chunked.problems));
}
