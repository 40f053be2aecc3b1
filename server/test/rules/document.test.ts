import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: document', () => {
  describe('yaml-syntax', () => {
    it('forwards duplicate keys at the repeated key', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        '  web-1: {}',
        '# ^^^^^ yaml-syntax',
        'components:',
        '  web: { type: web-server, runsOn: [web-1] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Duplicate key "web-1": only its first value is used');
      assert.deepEqual(f.target, { kind: 'document', id: '' });
      assert.equal(f.severity, 'error');
    });

    it('reports a YAML error where it is, and the rest of the file is still analysed', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, runsOn: [web-1 }',
        '  db: { type: database, replicas: 2 }',
      );
      const [first] = findingsOf(text, 'yaml-syntax');
      assert.deepEqual(first.range.start, { line: 3, character: 42 });
      assert.deepEqual(findingsOf(text, 'no-backup').map((f) => f.target.id), ['db']);
    });

    it('does not report valid YAML', () => {
      assert.deepEqual(findingsOf(yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server }'), 'yaml-syntax'), []);
    });
  });

  describe('schema', () => {
    it('forwards schema problems with their range and their did-you-mean fix', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web:',
        '    type: web-server',
        '    replica: 2',
        '#   ^^^^^^^ schema',
      );
      const [f] = expectMarked(text);
      assert.match(f.message, /replica/);
      assert.deepEqual(f.fixes?.[0].changes, [{ op: 'rename-key', path: ['components', 'web', 'replica'], key: 'replicas' }]);
    });

    it('does not report a valid design', () => {
      assert.deepEqual(findingsOf(yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server, replicas: 2 }'), 'schema'), []);
    });
  });
});
