import * as path from 'path';

/** Where the end-to-end harness finds what `e2e/setup.sh` prepared. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const E2E_ROOT = path.join(REPO_ROOT, 'e2e');
export const CACHE_DIR = path.join(E2E_ROOT, '.cache');
export const CODE_SERVER_ENTRY = path.join(
  CACHE_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js',
);
/** Extensions installed by setup.sh (the project's .vsix); copied per run, never used in place. */
export const CACHED_EXTENSIONS_DIR = path.join(CACHE_DIR, 'extensions');
export const SCREENSHOTS_DIR = path.join(E2E_ROOT, 'screenshots');
export const SAMPLES_DIR = path.join(REPO_ROOT, 'samples');
export const CHROMIUM_PATH = '/usr/bin/chromium';
