// Writes docs/rules.md from the rule catalogue. `--check` writes nothing and exits 1 when
// the file is stale (CI runs it; so does server/test/rules-doc.test.ts).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOGUE } from '../server/src/analysis/catalogue';
import { renderRulesDoc } from '../server/src/analysis/rules-doc';

const target = path.join(__dirname, '..', 'docs', 'rules.md');
const text = renderRulesDoc(CATALOGUE);

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('docs/rules.md is stale: run `npm run docs` and commit the result');
    process.exit(1);
  }
  console.log('docs/rules.md is up to date');
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote docs/rules.md (${CATALOGUE.length} rules)`);
}
