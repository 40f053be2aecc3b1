import fc from 'fast-check';
import { hostileTextArb, loadSamples, fixedInputs } from './inputs';
import { checkEngine, preview } from './oracle';
const samples = loadSamples();
const mode = process.argv[2];
if (mode === 'fixed') {
  for (const i of fixedInputs(samples, { deep: 20000, keys: 100000, chain: 30000, huge: 20_000_000 })) {
    try { const c = checkEngine(i.text); console.log(i.name, c.findings, c.ms.toFixed(0)); } catch (e) { console.log('FAIL', i.name, (e as Error).stack?.split('\n').slice(0,6).join('\n')); }
  }
} else {
  const errors = new Map<string, string>();
  let n = 0;
  fc.assert(fc.property(hostileTextArb(samples), (t) => { n++; try { checkEngine(t); } catch (e) { const k = (e as Error).message.slice(0, 100); if (!errors.has(k)) { errors.set(k, preview(t, 400) + '\n' + (e as Error).stack?.split('\n').slice(0, 8).join('\n')); } } }), { numRuns: +mode, seed: 42 });
  console.log('tried', n); for (const [k, v] of errors) console.log('=====', k, '\n', v);
}
