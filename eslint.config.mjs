// Lint: typescript-eslint's recommended rules (syntax only, for speed), plus the
// architecture invariants of ARCHITECTURE.md: the engine (model, formats, analysis,
// language, diagram) is pure. It imports no file system, process, OS or editor/protocol
// module and does not touch the `process` global, so it runs unchanged in the CLI, the
// server and tests. And its folders depend in one direction: each uses only the folders
// below it (ENGINE_LAYERS).

import tseslint from 'typescript-eslint';

/**
 * The engine's folders, lowest first, and the engine folders each may import. Nothing
 * imports a folder above it: model/ knows no format, formats/ no rule, analysis/ no editor.
 */
export const ENGINE_LAYERS = [
  { folder: 'model', mayUse: [] },
  { folder: 'formats', mayUse: ['model'] },
  { folder: 'analysis', mayUse: ['model', 'formats'] },
  { folder: 'diagram', mayUse: ['model', 'formats', 'analysis'] },
  { folder: 'language', mayUse: ['model', 'formats', 'analysis', 'diagram'] },
];

/** Folders of the pure engine. */
export const PURE_FOLDERS = ENGINE_LAYERS.map((layer) => `server/src/${layer.folder}`);

/** Modules the engine must not import (also as `node:` and as subpaths). */
export const FORBIDDEN_MODULES = ['fs', 'path', 'child_process', 'process', 'os', 'vscode', 'vscode-languageserver'];

const PURITY =
  'The engine (model, analysis, language, diagram) is pure: no file system, process, OS or editor/protocol imports. ' +
  'Do this in cli.ts or server.ts and pass the data in.';

const forbiddenPaths = FORBIDDEN_MODULES.flatMap((name) =>
  name.startsWith('vscode') ? [name] : [name, `node:${name}`],
).map((name) => ({ name, message: PURITY }));

const forbiddenSubpaths = FORBIDDEN_MODULES.flatMap((name) =>
  name.startsWith('vscode') ? [`${name}/*`] : [`${name}/*`, `node:${name}/*`],
);

// esquery's regex literals cannot hold a `/`, hence \x2F.
const forbiddenDynamicImport = `^(node:)?(${FORBIDDEN_MODULES.join('|')})(\\x2F|$)`;

/** A relative import that climbs into an engine folder this layer may not use, or out to the faces. */
function directionPatterns(layer) {
  const above = ENGINE_LAYERS.map((l) => l.folder).filter((f) => f !== layer.folder && !layer.mayUse.includes(f));
  const faces = ['lsp', 'cli', 'server', 'cli\\.ts', 'server\\.ts'];
  return [{
    regex: `^(\\.\\./)+(${[...above, ...faces].join('|')})(/|$)`,
    message: `${layer.folder}/ may import ${layer.mayUse.length ? `only ${layer.mayUse.map((f) => `${f}/`).join(', ')}` : 'no other engine folder'} (ARCHITECTURE.md, Folders): the engine's folders depend in one direction.`,
  }];
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'out/**', 'e2e/.cache/**', 'e2e/screenshots/**', '.e2e-cache/**', 'bench/results/**', '.tmp*/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...ENGINE_LAYERS.map((layer) => ({
    files: [`server/src/${layer.folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: forbiddenPaths, patterns: [{ group: forbiddenSubpaths, message: PURITY }, ...directionPatterns(layer)] },
      ],
    },
  })),
  {
    files: PURE_FOLDERS.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: PURITY },
        { name: '__dirname', message: PURITY },
        { name: '__filename', message: PURITY },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${forbiddenDynamicImport}/]`, message: PURITY },
        { selector: "CallExpression[callee.name='require']", message: PURITY },
      ],
    },
  },
);
