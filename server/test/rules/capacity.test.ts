import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: capacity', () => {
  describe('capacity-exceeded', () => {
    it('reports a required component whose instances cannot serve the peak, and adds instances up to N + 1', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: { monitoring: datadog }',
        '  web-2: { monitoring: datadog }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], capacity: 1000 }',
        '# ^^^ capacity-exceeded',
        'load: { peak: 2500 }',
      );
      const [f] = expectMarked(text, ['capacity-exceeded', 'no-failover-headroom']);
      assert.equal(f.message, 'Web server web serves at most 2000 requests/s (2 instances × 1000) but load.peak is 2500: it is overloaded at peak');
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
      assert.deepEqual(f.fixes, [{
        title: 'Run web on 2 new hosts (web-3 and web-4)',
        preferred: true, addsRedundancy: true,
        changes: [
          { op: 'set', path: ['hosts'], key: 'web-3', value: { firewall: true, monitoring: 'datadog' } },
          { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-3' },
          { op: 'set', path: ['hosts'], key: 'web-4', value: { firewall: true, monitoring: 'datadog' } },
          { op: 'append', path: ['components', 'web', 'runsOn'], value: 'web-4' },
        ],
      }]);
    });

    it('offers no fix that would add more than ten instances', () => {
      const text = yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server, replicas: 2, capacity: 10 }', 'load: { peak: 5000 }');
      const [f] = findingsOf(text, 'capacity-exceeded');
      assert.equal(f.fixes, undefined);
    });

    it('does not report enough capacity, a component the service does not need, or a design without load', () => {
      for (const text of [
        yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server, replicas: 3, capacity: 1000 }', 'load: { peak: 3000 }'),
        yaml(
          'version: 1',
          'name: t',
          'dns:',
          '  - { name: www.shop.example, type: A, target: web }',
          'components:',
          '  web: { type: web-server, replicas: 4, capacity: 1000 }',
          '  batch: { type: service, replicas: 1, capacity: 10 }',
          'load: { peak: 3000 }',
        ),
        yaml('version: 1', 'name: t', 'components:', '  web: { type: web-server, replicas: 1, capacity: 10 }'),
      ]) {
        assert.deepEqual(findingsOf(text, 'capacity-exceeded'), []);
      }
    });
  });

  describe('no-failover-headroom', () => {
    it('reports a component that needs every instance at peak', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  app: { type: app-server, replicas: 2, capacity: 1000 }',
        '# ^^^ no-failover-headroom',
        'load: { peak: 1500 }',
      );
      const [f] = expectMarked(text, ['capacity-exceeded', 'no-failover-headroom']);
      assert.equal(f.message, 'App server app needs all 2 instances at peak (load.peak 1500, 1000 requests/s each): losing one overloads the rest');
      assert.deepEqual(f.fixes, [{ title: 'Raise the replicas of app to 3', preferred: true, addsRedundancy: true, changes: [{ op: 'set', path: ['components', 'app'], key: 'replicas', value: 3 }] }]);
    });

    it('does not report N + 1 capacity, or a single instance (spof and deploy-downtime cover it)', () => {
      for (const text of [
        yaml('version: 1', 'name: t', 'components:', '  app: { type: app-server, replicas: 3, capacity: 1000 }', 'load: { peak: 2000 }'),
        yaml('version: 1', 'name: t', 'components:', '  app: { type: app-server, capacity: 1000 }', 'load: { peak: 500 }'),
      ]) {
        assert.deepEqual(findingsOf(text, 'no-failover-headroom'), []);
      }
    });
  });
});
