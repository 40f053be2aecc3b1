import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/analysis/catalogue';
import { configurationProperties, ruleEntriesFromManifest } from '../../../client/src/manifest';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: Record<string, string>;
  main: string;
  icon: string;
  activationEvents: string[];
  devDependencies: Record<string, string>;
  contributes: Record<string, unknown> & {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
};

describe('client: extension manifest (package.json)', () => {
  it('targets the VS Code the end-to-end tests run, with matching API types', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.match(manifest.devDependencies['@types/vscode'], /^\^?1\.100\./);
    assert.equal(manifest.main, './dist/extension.js');
    assert.match(manifest.icon, /\.png$/);
  });

  it('activates on infra and Compose files and on YAML', () => {
    assert.deepEqual(
      manifest.activationEvents.filter((e) => !e.startsWith('onWebviewPanel:')),
      [
        'workspaceContains:**/infra.yaml',
        'workspaceContains:**/*.infra.yaml',
        'workspaceContains:**/compose.yaml',
        'workspaceContains:**/compose.yml',
        'workspaceContains:**/docker-compose.yaml',
        'workspaceContains:**/docker-compose.yml',
        'workspaceContains:**/docker-stack.yml',
        'onLanguage:yaml',
      ],
    );
  });

  it('contributes the four commands under the Infra Review category, each registered in extension.ts', () => {
    const source = readFileSync(join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    const ids = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['infraReview.openPreview', 'infraReview.exportDiagram', 'infraReview.showRuleDocumentation', 'infraReview.restartServer']) assert.ok(ids.includes(id), id);
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Infra Review', command.command);
      assert.ok(command.title.length > 0);
      assert.ok(source.includes(`'${command.command}'`) || command.command === 'infraReview.showOutput', `${command.command} is registered`);
    }
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(ids.includes(item.command), `${menu}: ${item.command}`);
    }
  });

  it('describes every setting', () => {
    const properties = configurationProperties(manifest);
    for (const key of ['infraReview.rules', 'infraReview.trace.server', 'infraReview.preview.autoOpen', 'infraReview.preview.followCursor', 'infraReview.preview.debounceMs', 'infraReview.export.theme']) {
      assert.ok(key in properties, key);
    }
    for (const [key, schema] of Object.entries(properties)) {
      const s = schema as { description?: string; markdownDescription?: string };
      assert.ok(s.description && s.markdownDescription, `${key} has description and markdownDescription`);
    }
    assert.equal((properties['infraReview.preview.debounceMs'] as { default: number }).default, 300);
  });

  it('lists exactly the catalogue rules, with their titles, in the rules setting', () => {
    const entries = ruleEntriesFromManifest(manifest);
    assert.deepEqual(
      entries.map((e) => e.id),
      CATALOGUE.map((m) => m.id),
      'package.json contributes.configuration infraReview.rules.properties is out of date with the catalogue',
    );
    for (const meta of CATALOGUE) assert.equal(entries.find((e) => e.id === meta.id)?.title, meta.title, meta.id);
  });

  it('does not hand our schema to the Red Hat YAML extension (schema problems would show twice)', () => {
    assert.equal(manifest.contributes.yamlValidation, undefined);
    assert.equal(manifest.contributes.jsonValidation, undefined);
  });
});
