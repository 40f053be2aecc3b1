import { parseText } from '../server/src/model/parse';
import { analyze } from '../server/src/analysis/engine';
import { ChunkCache } from '../server/src/model/chunked-parse';
import { generateLargeDesignYaml } from '../test/fixtures/random-design';
const comps = Number(process.argv[2] ?? 2222);
const text = generateLargeDesignYaml(comps, 1);
const lines = text.split('\n');
const mid = lines.indexOf('    software: gunicorn', Math.floor(lines.length / 2));
const variants = [text, [...lines.slice(0, mid), '    sofware: gunicorn', ...lines.slice(mid + 1)].join('\n')];
console.log('lines', lines.length);
const t = (f: () => void) => { const s = performance.now(); f(); return performance.now() - s; };
const cache = new ChunkCache();
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
const full: number[] = [], warm: number[] = [], fullA: number[] = [], warmA: number[] = [];
console.log('cold chunked', t(() => parseText(text, undefined, { chunkCache: cache })).toFixed(1), 'cold full', t(() => parseText(text)).toFixed(1));
for (let i = 0; i < 20; i++) {
  const v = variants[i % 2];
  full.push(t(() => parseText(v)));
  warm.push(t(() => parseText(v, undefined, { chunkCache: cache })));
  fullA.push(t(() => analyze(v)));
  warmA.push(t(() => analyze(v, { chunkCache: cache })));
}
console.log('parse full', med(full).toFixed(1), 'warm chunked', med(warm).toFixed(1));
console.log('analyze full', med(fullA).toFixed(1), 'warm chunked', med(warmA).toFixed(1));
