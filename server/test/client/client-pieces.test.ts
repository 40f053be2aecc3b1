import { strict as assert } from 'node:assert';
import { isInfraDocument, isInfraFileName } from '../../../client/src/infra-files';
import { deferSyntaxErrorsToPeer, ruleOf, withoutPeerDuplicates } from '../../../client/src/peer-yaml';
import { DEFAULT_PREVIEW_SETTINGS, readPreviewSettings } from '../../../client/src/settings';

describe('client: infra files, settings, Red Hat YAML', () => {
  it('recognises infra.yaml and *.infra.yaml only, by the engine\'s one detection', () => {
    for (const name of ['/w/infra.yaml', '/w/shop.infra.yaml', 'C:\\w\\a.infra.yaml', 'infra.yaml']) assert.ok(isInfraFileName(name), name);
    for (const name of ['/w/infra.yml', '/w/my-infra.yaml', '/w/infra.yaml.bak', '/w/.infra.yaml', '/infra.yaml/x.yaml', '/w/notes.yaml']) assert.ok(!isInfraFileName(name), name);
    assert.ok(isInfraFileName('/w/Infra.yaml'), 'letter case is ignored, as the server and the CLI ignore it');
    assert.ok(isInfraDocument({ languageId: 'yaml', uri: { scheme: 'file', path: '/w/infra.yaml' } }));
    assert.ok(!isInfraDocument({ languageId: 'plaintext', uri: { scheme: 'file', path: '/w/infra.yaml' } }));
    assert.ok(!isInfraDocument({ languageId: 'yaml', uri: { scheme: 'git', path: '/w/infra.yaml' } }));
  });

  it('reads the preview settings, falling back to the defaults for odd values', () => {
    assert.deepEqual(readPreviewSettings(() => undefined), DEFAULT_PREVIEW_SETTINGS);
    const values: Record<string, unknown> = { 'preview.autoOpen': true, 'preview.followCursor': 'yes', 'preview.debounceMs': 99999, 'export.theme': 'light' };
    assert.deepEqual(readPreviewSettings((k) => values[k]), { autoOpen: true, followCursor: true, debounceMs: 5000, exportTheme: 'light' });
    assert.equal(readPreviewSettings((k) => (k === 'preview.debounceMs' ? -5 : undefined)).debounceMs, 0);
    assert.equal(readPreviewSettings((k) => (k === 'export.theme' ? 'dark' : undefined)).exportTheme, 'current');
  });

  it('leaves YAML syntax errors to the Red Hat extension only while it validates', () => {
    const diagnostics = [{ code: 'yaml-syntax' }, { code: { value: 'yaml-syntax' } }, { code: 'schema' }, { code: 'spof' }, {}];
    assert.deepEqual(withoutPeerDuplicates(diagnostics, { installed: true, validates: true }), [{ code: 'schema' }, { code: 'spof' }, {}]);
    assert.equal(withoutPeerDuplicates(diagnostics, { installed: true, validates: false }).length, 5);
    assert.equal(withoutPeerDuplicates(diagnostics, { installed: false, validates: true }).length, 5);
    assert.ok(!deferSyntaxErrorsToPeer({ installed: false, validates: true }));
    assert.equal(ruleOf({ value: 7 }), '7');
  });
});
