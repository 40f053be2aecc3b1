// Lint: typescript-eslint's recommended rules (syntax only, for speed), plus the
// architecture invariant of ARCHITECTURE.md: the engine (model, analysis, language,
// diagram) is pure. It imports no file system, process, OS or editor/protocol module and
// does not touch the `process` global, so it runs unchanged in the CLI, the server and tests.

import tseslint from 'typescript-eslint';

/** Folders of the pure engine. */
export const PURE_FOLDERS = ['server/src/model', 'server/src/analysis', 'server/src/language', 'server/src/diagram'];

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
  {
    files: PURE_FOLDERS.map((folder) => `${folder}/**/*.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: forbiddenPaths, patterns: [{ group: forbiddenSubpaths, message: PURITY }] },
      ],
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
