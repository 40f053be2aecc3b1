// One build command: esbuild bundles the four programs into dist/.
//   dist/cli.js       the command line, which is also the language server (`lsp --stdio`)
//   dist/analysis-worker.js  the language server's analysis threads (lsp/analysis-workers.ts)
//   dist/extension.js the VS Code client (when client/src/extension.ts exists)
//   dist/webview.js   the preview's script, for the browser (when client/media/preview.ts exists)
// Usage: node scripts/build.mjs [--minify]

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const nodeProgram = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

const targets = [
  { entry: 'server/src/cli.ts', out: 'dist/cli.js', options: nodeProgram },
  { entry: 'server/src/lsp/analysis-worker.ts', out: 'dist/analysis-worker.js', options: nodeProgram },
  { entry: 'client/src/extension.ts', out: 'dist/extension.js', options: { ...nodeProgram, external: ['vscode'] }, optional: true },
  {
    entry: 'client/media/preview.ts',
    out: 'dist/webview.js',
    options: { ...common, platform: 'browser', format: 'iife', target: 'es2022' },
    optional: true,
  },
];

/**
 * Writes a bundle so that a program starting at that moment (a test's or the bench's server,
 * while another run builds) reads the old file or the new one, never half of one: a changed
 * file is written beside it and renamed over it; an unchanged one is left alone.
 */
function replaceAtomically(path, contents) {
  if (existsSync(path) && Buffer.from(contents).equals(readFileSync(path))) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

const started = performance.now();
let failed = false;
await Promise.all(
  targets.map(async (t) => {
    if (!existsSync(join(root, t.entry))) {
      if (t.optional) return;
      throw new Error(`missing entry point ${t.entry}`);
    }
    let result;
    try {
      result = await build({ ...t.options, entryPoints: [t.entry], outfile: t.out, write: false });
    } catch {
      failed = true; // esbuild has already printed the errors.
      return;
    }
    for (const file of result.outputFiles) replaceAtomically(file.path, file.contents);
  }),
);
if (failed) {
  console.error('build failed');
  process.exit(1);
}

for (const t of targets) {
  const out = join(root, t.out);
  if (!existsSync(join(root, t.entry)) || !existsSync(out)) {
    console.log(`  ${t.out.padEnd(24)} skipped (${t.entry} does not exist yet)`);
    continue;
  }
  console.log(`  ${relative(root, out).padEnd(24)} ${(statSync(out).size / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`built in ${Math.round(performance.now() - started)} ms`);
