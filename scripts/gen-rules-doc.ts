// Writes what is generated from the rule catalogue: docs/rules.md, and the per-rule
// properties of the `infraReview.rules` setting in package.json (a VS Code manifest is
// static JSON). `--check` writes nothing and exits 1 when either is stale (tests do the same).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOGUE } from '../server/src/analysis/catalogue';
import { renderRulesDoc, renderRuleSettings } from '../server/src/analysis/rules-doc';

const root = path.join(__dirname, '..');
const docPath = path.join(root, 'docs', 'rules.md');
const manifestPath = path.join(root, 'package.json');

const docText = renderRulesDoc(CATALOGUE);
const manifestText = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(manifestText) as {
  contributes: { configuration: { properties: Record<string, { properties?: unknown }> } };
};
manifest.contributes.configuration.properties['infraReview.rules'].properties = renderRuleSettings(CATALOGUE);
const newManifestText = `${JSON.stringify(manifest, null, 2)}\n`;

const stale: string[] = [];
if ((existsSync(docPath) ? readFileSync(docPath, 'utf8') : '') !== docText) stale.push('docs/rules.md');
if (manifestText !== newManifestText) stale.push('package.json (infraReview.rules)');

if (process.argv.includes('--check')) {
  if (stale.length) {
    console.error(`stale: ${stale.join(', ')}; run \`npm run docs\` and commit the result`);
    process.exit(1);
  }
  console.log('docs/rules.md and package.json are up to date');
} else {
  mkdirSync(path.dirname(docPath), { recursive: true });
  writeFileSync(docPath, docText);
  writeFileSync(manifestPath, newManifestText);
  console.log(`wrote ${stale.length ? stale.join(', ') : 'nothing new'} (${CATALOGUE.length} rules)`);
}
