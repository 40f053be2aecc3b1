// The times that unit tests used to bound with wall-clock assertions (which fail on a loaded
// machine for no fault of the code). The tests keep what the answers must be; this measures how
// long they take, each against the bound the test used to assert, and validation's scaling
// as a ratio of two sizes measured side by side.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../server/src/analysis/engine';
import { buildFailureModel } from '../server/src/analysis/failure-model';
import { findSpofs } from '../server/src/analysis/spof';
import { closest } from '../server/src/model/did-you-mean';
import { validateSchema } from '../server/src/model/validate';
import { aliasKeyBomb, blockSeqNest, compactSeqNest, fixedInputs, flowMapNest, flowSeqNest, hugeFile, loadSamples, openFlowNest } from '../test/support/fuzz-inputs';
import { checkEngine } from '../test/support/fuzz-oracle';
import { LspClient, ROOT } from '../test/support/lsp-client';
import { chainDesign, ringDesignYaml, schemaScaleDesign } from '../test/support/scale-designs';
import { median, round } from './types';
import type { BenchRow } from './types';

const RUNS = 5;

/** The median time of `runs` calls of `fn`, in ms. */
function timed(fn: () => unknown, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function timedAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function under(name: string, ms: number, boundMs: number): BenchRow {
  return { name, value: round(ms), unit: 'ms', target: `< ${boundMs} ms`, ok: ms < boundMs };
}

export async function benchLimits(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const valid = schemaScaleDesign(10_000, false);
  const broken10k = schemaScaleDesign(10_000, true);
  const broken20k = schemaScaleDesign(20_000, true);
  validateSchema(valid); // compiles the validator
  const validMs = timed(() => validateSchema(valid));
  const brokenMs = timed(() => validateSchema(broken10k));
  const broken20kMs = timed(() => validateSchema(broken20k));
  rows.push(under('schema: validate 10k valid components', validMs, 1000));
  rows.push(under('schema: validate 10k broken components', brokenMs, 3000));
  const scaling = broken20kMs / brokenMs;
  rows.push({ name: 'schema: broken 20k / 10k (2× the input)', value: round(scaling, 2), unit: '×', target: '≤ 2.5×', ok: scaling <= 2.5 });

  const ids = Array.from({ length: 40_000 }, (_, i) => `host-${i}`);
  rows.push(under('did you mean: two look-ups among 40k ids', timed(() => [closest('hots-12345', ids), closest('completely-different-name', ids)]), 500));

  const chain = chainDesign(30_000);
  rows.push(under('30,000-deep chain: failure model, SPOFs, what-if', timed(() => {
    const model = buildFailureModel(chain);
    findSpofs(model);
    model.whatIf([{ kind: 'instance', component: 'c29999', index: 0 }]);
  }, 1), 20_000));

  const huge = hugeFile(20 * 1024 * 1024);
  rows.push(under('engine: refuse a 20 MiB text', timed(() => analyze(huge)), 1000));
  const nests = [flowSeqNest(20_000), flowMapNest(20_000), openFlowNest(20_000), compactSeqNest(20_000), blockSeqNest(2000)];
  rows.push(under('engine: refuse 20k-deep nesting (slowest of 5 shapes)', Math.max(...nests.map((text) => timed(() => analyze(text), 3))), 5000));
  // The set server/test/hostile/engine.test.ts runs (its scale), each through the fuzz oracle.
  const monsters = fixedInputs(loadSamples(), { deep: 5000, keys: 5000, chain: 2000, huge: 17 * 1024 * 1024 });
  const slowest = monsters.map((m) => ({ name: m.name, ms: checkEngine(m.text).ms })).reduce((a, b) => (b.ms > a.ms ? b : a));
  rows.push(under(`engine: npm test's fixed monsters through the fuzz oracle (slowest of ${monsters.length}: ${slowest.name})`, slowest.ms, 8000));
  const bomb = aliasKeyBomb();
  rows.push(under('engine: 2,000 merges of one anchor', timed(() => analyze(bomb), 3), 8000));

  rows.push(under('CLI: refuse a 20 MiB file (process start to exit)', await cliRefusesHugeFile(), 5000));
  rows.push(under('LSP: shut down while validating 3,000 components', await lspShutdownMidValidation(), 30_000));
  return rows;
}

async function cliRefusesHugeFile(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-bench-'));
  try {
    fs.writeFileSync(path.join(dir, 'huge.infra.yaml'), hugeFile(20 * 1024 * 1024));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await timedAsync(() => new Promise((resolve) => spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', 'huge.infra.yaml'], { cwd: dir, stdio: 'ignore' }).on('close', resolve))));
    }
    return median(times);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function lspShutdownMidValidation(): Promise<number> {
  const client = await LspClient.start({ infraReview: { rules: {} } });
  try {
    await client.initialize();
    const uri = 'file:///bench/big.infra.yaml';
    const text = ringDesignYaml(3000);
    await client.open(uri, text);
    await client.change(uri, [{ text: text + '# one more line\n' }]);
    return await timedAsync(() => client.shutdown());
  } finally {
    client.kill();
  }
}

if (require.main === module) {
  void benchLimits().then((rows) => console.table(rows));
}
