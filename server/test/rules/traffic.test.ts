import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: traffic', () => {
  describe('no-health-check', () => {
    it('reports a load balancer without healthCheck and adds /health', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, dependsOn: [web] }',
        '# ^^ no-health-check',
        '  web: { type: web-server, replicas: 2 }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Load balancer lb has no healthCheck: it keeps sending requests to backends that have failed');
      assert.deepEqual(f.target, { kind: 'component', id: 'lb' });
      assert.deepEqual(f.fixes, [{ title: 'Add healthCheck: /health to lb', preferred: true, safe: true, changes: [{ op: 'set', path: ['components', 'lb'], key: 'healthCheck', value: '/health' }] }]);
    });

    it('does not report a load balancer with a health check in either form, or other components', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  a: { type: load-balancer, replicas: 2, healthCheck: /health, dependsOn: [web] }',
        '  b: { type: load-balancer, replicas: 2, healthCheck: { path: /ready, interval: 5s }, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(text, 'no-health-check'), []);
    });
  });

  describe('dns-bypasses-load-balancer', () => {
    const components = [
      'components:',
      '  lb: { type: load-balancer, runsOn: [lb-1], healthCheck: /health, dependsOn: [web] }',
      '  edge: { type: load-balancer, replicas: 2, healthCheck: /health, dependsOn: [web] }',
      '  web: { type: web-server, runsOn: [web-1, web-2] }',
    ];

    it('reports records that target a backend, directly, by host or by IP, and retargets them', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: web }',
        '#                                 ^^^ dns-bypasses-load-balancer',
        '  - { name: api, type: A, target: web-1 }',
        '#                                 ^^^^^ dns-bypasses-load-balancer',
        '  - { name: old, type: A, target: 198.51.100.2 }',
        '#                                 ^^^^^^^^^^^^ dns-bypasses-load-balancer',
        '  - { name: "@", type: A, target: lb-1 }',
        'hosts:',
        '  lb-1: {}',
        '  web-1: {}',
        '  web-2: { ip: 198.51.100.2 }',
        ...components,
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => f.message), [
        'DNS record www points at web server web, bypassing load balancer lb: its users get no health checks and no failover',
        'DNS record api points at host web-1, which runs web, bypassing load balancer lb: its users get no health checks and no failover',
        'DNS record old points at host web-2, which runs web, bypassing load balancer lb: its users get no health checks and no failover',
      ]);
      assert.deepEqual(findings[0].target, { kind: 'dns', id: 'www' });
      assert.deepEqual(findings[0].fixes, [
        { title: 'Point www at load balancer lb', preferred: true, changes: [{ op: 'replace-value', path: ['dns', 0, 'target'], value: 'lb' }] },
        { title: 'Point www at load balancer edge', preferred: false, changes: [{ op: 'replace-value', path: ['dns', 0, 'target'], value: 'edge' }] },
      ]);
    });

    it('does not report records that reach the balancer, a host running one, or a component without one', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: lb }',
        '  - { name: "@", type: A, target: lb-1 }',
        '  - { name: static, type: CNAME, target: www }',
        '  - { name: admin, type: A, target: admin }',
        'hosts:',
        '  lb-1: {}',
        '  web-1: {}',
        '  web-2: {}',
        ...components,
        '  admin: { type: service, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(text, 'dns-bypasses-load-balancer'), []);
    });

    // A host reached by DNS serves what nothing else on it calls: the entry there, not the
    // backends it calls (directly, or through their balancer).
    const oneServer = (record: string, web: string) => yaml(
      'version: 1',
      'name: t',
      'domain: shop.example',
      'dns:',
      record,
      'hosts:',
      '  server-1: { ip: 192.0.2.1 }',
      '  app-lb-1: {}',
      '  server-2: {}',
      'components:',
      web,
      '  app-lb: { type: load-balancer, runsOn: [app-lb-1], healthCheck: /health, dependsOn: [app] }',
      '  app: { type: app-server, runsOn: [server-1, server-2], dependsOn: [db] }',
      '  db: { type: database, runsOn: [server-1] }',
    );

    it('does not report a host whose entry calls the balanced backend next to it', () => {
      const text = oneServer('  - { name: "@", type: A, target: 192.0.2.1 }', '  web: { type: web-server, runsOn: [server-1], dependsOn: [app-lb] }');
      assert.deepEqual(findingsOf(text, 'dns-bypasses-load-balancer'), []);
    });

    it('reports a host where a balanced backend is what the record reaches', () => {
      // web runs elsewhere: on server-1, app is what nothing on the host calls.
      const text = oneServer(
        '  - { name: "@", type: A, target: 192.0.2.1 }\n#                                 ^^^^^^^^^ dns-bypasses-load-balancer',
        '  web: { type: web-server, replicas: 2, dependsOn: [app-lb] }',
      );
      const [f] = expectMarked(text, ['dns-bypasses-load-balancer']);
      assert.equal(f.message, 'DNS record @ points at host server-1, which runs app, bypassing load balancer app-lb: its users get no health checks and no failover');
    });
  });
});
