// The architecture invariant (ARCHITECTURE.md): the engine — model, analysis, language,
// diagram — imports no fs, path, child_process, process, os, vscode or
// vscode-languageserver, and does not touch the `process` global. Two guards: the ESLint
// rule that `npm run lint` runs (checked here on a fixture, so that a config change cannot
// silently switch it off), and an independent scan of the sources.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');
const PURE_FOLDERS = ['server/src/model', 'server/src/formats', 'server/src/analysis', 'server/src/language', 'server/src/diagram'];
const FORBIDDEN = ['fs', 'path', 'child_process', 'process', 'os', 'vscode', 'vscode-languageserver'];

const VIOLATIONS = [
  "import * as fs from 'node:fs';",
  "import { join } from 'path';",
  "import type { Connection } from 'vscode-languageserver/node';",
  "import * as vscode from 'vscode';",
  'export const home = process.env.HOME;',
  "export const later = import('child_process');",
  "export const os = require('os');",
  'export const uses = [fs, join, vscode] as unknown as Connection;',
  '',
].join('\n');

describe('architecture: the engine is pure', () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  async function restrictedMessages(relativeFile: string): Promise<{ line: number; ruleId: string | null }[]> {
    const [result] = await eslint.lintText(VIOLATIONS, { filePath: path.join(ROOT, relativeFile) });
    const restricted = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);
    return result.messages.filter((m) => m.ruleId !== null && restricted.has(m.ruleId)).map((m) => ({ line: m.line, ruleId: m.ruleId }));
  }

  for (const folder of PURE_FOLDERS) {
    it(`lint reports every forbidden import and the process global in ${folder}`, async () => {
      const messages = await restrictedMessages(`${folder}/architecture-fixture.ts`);
      assert.deepEqual(messages, [
        { line: 1, ruleId: '@typescript-eslint/no-restricted-imports' },
        { line: 2, ruleId: '@typescript-eslint/no-restricted-imports' },
        { line: 3, ruleId: '@typescript-eslint/no-restricted-imports' },
        { line: 4, ruleId: '@typescript-eslint/no-restricted-imports' },
        { line: 5, ruleId: 'no-restricted-globals' },
        { line: 6, ruleId: 'no-restricted-syntax' },
        { line: 7, ruleId: 'no-restricted-syntax' },
      ]);
    });
  }

  it('lint allows the same imports in the front ends (cli, server)', async () => {
    assert.deepEqual(await restrictedMessages('server/src/cli/architecture-fixture.ts'), []);
    assert.deepEqual(await restrictedMessages('server/src/architecture-fixture.ts'), []);
  });

  it('lint keeps the engine\'s folders in one direction: each imports only the folders below it', async () => {
    const imports = (specifiers: string[]) => specifiers.map((s, i) => `import type * as m${i} from '${s}';`).join('\n') + '\n';
    const directionErrors = async (file: string, specifiers: string[]) => {
      const [result] = await eslint.lintText(imports(specifiers), { filePath: path.join(ROOT, file) });
      return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line);
    };
    assert.deepEqual(await directionErrors('server/src/model/fixture.ts', ['../analysis/engine', '../formats/detect', '../../language/hover', './types', '../lsp/convert']), [1, 2, 3, 5]);
    assert.deepEqual(await directionErrors('server/src/formats/compose/fixture.ts', ['../../model/types', '../../analysis/engine', '../front-end']), [2]);
    assert.deepEqual(await directionErrors('server/src/analysis/rules/fixture.ts', ['../../model/types', '../../formats', '../../language/hover', '../../diagram/scene', '../rule']), [3, 4]);
    assert.deepEqual(await directionErrors('server/src/diagram/fixture.ts', ['../analysis/engine', '../language/hover', '../server']), [2, 3]);
    assert.deepEqual(await directionErrors('server/src/language/fixture.ts', ['../analysis/engine', '../diagram/scene', '../formats', '../model/types', '../cli/io']), [5]);
  });

  it('the source scan finds the violations of the fixture', () => {
    assert.deepEqual(forbiddenUses(VIOLATIONS), ['node:fs', 'path', 'vscode-languageserver/node', 'vscode', 'process global', 'child_process', 'os']);
    assert.deepEqual(forbiddenUses("import { x } from 'vscode-languageserver-textdocument';\n// process.env in a comment\n"), []);
  });

  it('no file of the engine imports a forbidden module or uses process', () => {
    const offences: string[] = [];
    let scanned = 0;
    for (const folder of PURE_FOLDERS) {
      for (const file of typeScriptFiles(path.join(ROOT, folder))) {
        scanned++;
        for (const use of forbiddenUses(fs.readFileSync(file, 'utf8'))) offences.push(`${path.relative(ROOT, file)}: ${use}`);
      }
    }
    assert.ok(scanned > 0, 'the scan found no engine sources');
    assert.deepEqual(offences, []);
  });
});

/** The forbidden modules a source imports (static, dynamic, require), and `process` uses. */
function forbiddenUses(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)(['"])([^'"]+)\1/gm;
  const uses: { at: number; what: string }[] = [];
  for (const m of code.matchAll(specifiers)) {
    const bare = m[2].replace(/^node:/, '').split('/')[0];
    if (FORBIDDEN.includes(bare)) uses.push({ at: m.index ?? 0, what: m[2] });
  }
  for (const m of code.matchAll(/(?<![\w.$'"])process\s*\./g)) uses.push({ at: m.index ?? 0, what: 'process global' });
  return uses.sort((a, b) => a.at - b.at).map((u) => u.what);
}

function typeScriptFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...typeScriptFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}
