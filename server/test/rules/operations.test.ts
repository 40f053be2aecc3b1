import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: operations', () => {
  describe('no-monitoring', () => {
    it('reports hosts without an agent, proposing the agent the design uses most', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: { monitoring: datadog }',
        '  web-2: { monitoring: datadog }',
        '  web-3: {}',
        '# ^^^^^ no-monitoring',
        '  spare: {}',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2, web-3] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Host web-3 reports to no monitoring: when it fails or fills up, nobody is told');
      assert.deepEqual(f.target, { kind: 'host', id: 'web-3' });
      assert.deepEqual(f.fixes, [{ title: 'Set monitoring: datadog on web-3', preferred: true, safe: true, changes: [{ op: 'set', path: ['hosts', 'web-3'], key: 'monitoring', value: 'datadog' }] }]);
    });

    it('proposes prometheus when no host names an agent', () => {
      const text = yaml('version: 1', 'name: t', 'hosts:', '  h: {}', 'components:', '  web: { type: web-server, runsOn: [h] }');
      assert.equal(findingsOf(text, 'no-monitoring')[0].fixes?.[0].title, 'Set monitoring: prometheus on h');
    });

    it('reports components on unmodelled hosts when the design has no monitoring component', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web:',
        '    type: web-server',
        '    replicas: 2',
        '#   ^^^^^^^^ no-monitoring',
        '    dependsOn: [api]',
        '  api: { type: service }',
        '# ^^^ no-monitoring',
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => f.message), [
        'Web server web runs on hosts the design does not model, and no monitoring component watches it: when it fails, nobody is told',
        'Service api runs on hosts the design does not model, and no monitoring component watches it: when it fails, nobody is told',
      ]);
      assert.equal(findings[0].fixes, undefined);
    });

    it('counts replicas components as monitored when the design has a monitoring component, or when suppressed', () => {
      const withMonitoring = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  web: { type: web-server, replicas: 2 }',
        '  metrics: { type: monitoring, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(withMonitoring, 'no-monitoring'), []);
      const suppressed = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  cache: { type: cache, replicas: 2 }',
        'suppress:',
        '  - { rule: no-monitoring, target: cache, reason: managed service }',
      );
      assert.deepEqual(findingsOf(suppressed, 'no-monitoring'), []);
    });
  });

  describe('no-backup', () => {
    it('reports databases and storage without backup', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app: { type: app-server, replicas: 2, dependsOn: [db, files, cache] }',
        '  db: { type: database, replicas: 2 }',
        '# ^^ no-backup',
        '  files: { type: storage, replicas: 2 }',
        '# ^^^^^ no-backup',
        '  cache: { type: cache, replicas: 2 }',
      );
      const findings = expectMarked(text);
      assert.equal(findings[0].message, 'Database db has no backup: a deletion or corruption reaches every replica, and the data is gone');
      assert.deepEqual(findings[0].fixes, [{
        title: 'Add a daily offsite backup to db',
        preferred: true,
        changes: [{ op: 'set', path: ['components', 'db'], key: 'backup', value: { schedule: 'daily', offsite: true } }],
      }]);
    });
  });

  describe('backup-not-offsite', () => {
    it('reports backups kept on site, at the backup key or at offsite: false', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app: { type: app-server, replicas: 2, dependsOn: [a, b] }',
        '  a:',
        '    type: database',
        '    replicas: 2',
        '    backup: { schedule: hourly }',
        '#   ^^^^^^ backup-not-offsite',
        '  b:',
        '    type: storage',
        '    replicas: 2',
        '    backup: { schedule: weekly, offsite: false }',
        '#                                        ^^^^^ backup-not-offsite',
      );
      const findings = expectMarked(text);
      assert.equal(findings[0].message, 'The backup of a is kept on site: a disaster or a compromise that destroys a can destroy its backup too');
      assert.deepEqual(findings[0].fixes?.[0].changes, [{ op: 'set', path: ['components', 'a', 'backup'], key: 'offsite', value: true }]);
      assert.deepEqual(findings[1].fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'b', 'backup', 'offsite'], value: true }]);
    });

    it('does not report an offsite backup or a missing one (no-backup covers it)', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app: { type: app-server, replicas: 2, dependsOn: [a, b] }',
        '  a: { type: database, replicas: 2, backup: { schedule: daily, offsite: true } }',
        '  b: { type: database, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(text, 'backup-not-offsite'), []);
    });
  });
});
