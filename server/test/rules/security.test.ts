import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';
import { expectMarked } from '../../../test/support/markers';

describe('rules: security', () => {
  describe('no-tls', () => {
    it('reports entries without TLS, at the key or at tls: false', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: web }',
        '  - { name: api, type: A, target: api }',
        'components:',
        '  web: { type: web-server, replicas: 2 }',
        '# ^^^ no-tls',
        '  api:',
        '    type: service',
        '    replicas: 2',
        '    tls: false',
        '#        ^^^^^ no-tls',
      );
      const findings = expectMarked(text);
      assert.equal(findings[0].message, 'Web server web receives user traffic without TLS: passwords and cookies cross the internet in clear text');
      assert.deepEqual(findings[0].target, { kind: 'component', id: 'web' });
      assert.deepEqual(findings[0].fixes, [{ title: 'Set tls: true on web', preferred: true, safe: true, changes: [{ op: 'set', path: ['components', 'web'], key: 'tls', value: true }] }]);
      assert.deepEqual(findings[1].fixes?.[0].changes, [{ op: 'replace-value', path: ['components', 'api', 'tls'], value: true }]);
    });

    it('does not report an entry with TLS or components behind it', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(text, 'no-tls'), []);
    });
  });

  describe('plaintext-internal', () => {
    it('reports an HTTP backend of a TLS-terminating load balancer, once', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, dependsOn: [web, db] }',
        '  lb2: { type: load-balancer, replicas: 2, tls: true, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2 }',
        '# ^^^ plaintext-internal',
        '  db: { type: database, replicas: 2 }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Load balancer lb ends TLS and forwards to web in plain HTTP: traffic inside the network can be read');
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
      assert.deepEqual(f.related?.map((r) => [r.message, r.range.start.line]), [['TLS ends at lb', 3]]);
      assert.deepEqual(f.fixes, [{ title: 'Set tls: true on web', preferred: true, safe: true, changes: [{ op: 'set', path: ['components', 'web'], key: 'tls', value: true }] }]);
      assert.equal(f.severity, 'info');
    });

    it('does not report re-encrypted backends, or a balancer without TLS', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'components:',
        '  lb: { type: load-balancer, replicas: 2, tls: true, dependsOn: [web] }',
        '  web: { type: web-server, replicas: 2, tls: true, dependsOn: [inner] }',
        '  inner: { type: load-balancer, replicas: 2, dependsOn: [app] }',
        '  app: { type: app-server, replicas: 2 }',
      );
      assert.deepEqual(findingsOf(text, 'plaintext-internal'), []);
    });
  });

  describe('no-firewall', () => {
    it('reports public hosts, DNS-targeted hosts and hosts running an entry', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'domain: shop.example',
        'dns:',
        '  - { name: www, type: A, target: 203.0.113.5 }',
        'hosts:',
        '  edge-1: { ip: 203.0.113.5 }',
        '# ^^^^^^ no-firewall',
        '  bastion: { public: true, firewall: false }',
        '#                                    ^^^^^ no-firewall',
        '  app-1: {}',
        '  app-2: { firewall: { allow: [8080] } }',
        'components:',
        '  web: { type: web-server, runsOn: [edge-1], dependsOn: [app] }',
        '  app: { type: app-server, runsOn: [app-1, app-2] }',
        '  ssh: { type: service, runsOn: [bastion] }',
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => f.message), [
        'Host edge-1 is reachable from the internet without a firewall: every port it listens on is open to anyone',
        'Host bastion is reachable from the internet without a firewall: every port it listens on is open to anyone',
      ]);
      assert.deepEqual(findings[0].fixes, [{ title: 'Set firewall: true on edge-1', preferred: true, safe: true, changes: [{ op: 'set', path: ['hosts', 'edge-1'], key: 'firewall', value: true }] }]);
      assert.deepEqual(findings[1].fixes?.[0].changes, [{ op: 'replace-value', path: ['hosts', 'bastion', 'firewall'], value: true }]);
    });

    it('reports a private host that runs an entry', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: {}',
        '# ^^^^^ no-firewall',
        'components:',
        '  web: { type: web-server, runsOn: [web-1] }',
      );
      const [f] = expectMarked(text);
      assert.equal(f.message, 'Host web-1 runs web, which users reach, without a firewall: every port it listens on is open to anyone');
    });
  });

  describe('database-exposed', () => {
    it('reports a database targeted by DNS, one that is an entry, and one on an open public host', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'dns:',
        '  - { name: db.shop.example, type: A, target: main }',
        '  - { name: www.shop.example, type: A, target: web }',
        'hosts:',
        '  pub-1: { public: true }',
        'components:',
        '  web: { type: web-server, replicas: 2, dependsOn: [main, side] }',
        '  main: { type: database, replicas: 2 }',
        '# ^^^^ database-exposed',
        '  side: { type: database, runsOn: [pub-1] }',
        '# ^^^^ database-exposed',
      );
      const findings = expectMarked(text);
      assert.deepEqual(findings.map((f) => f.message), [
        'Database main is reachable from the internet: DNS record db.shop.example points at it',
        'Database side is reachable from the internet: it runs on pub-1, a public host without a firewall',
      ]);
      const entry = yaml('version: 1', 'name: t', 'components:', '  db: { type: database, replicas: 2 }');
      assert.deepEqual(findingsOf(entry, 'database-exposed').map((f) => f.message), [
        'Database db is reachable from the internet: it receives user traffic directly (nothing in the design depends on it)',
      ]);
      assert.equal(findings[0].fixes, undefined);
    });

    it('does not report a database behind the app tier on firewalled or private hosts', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  db-1: { public: true, firewall: true }',
        '  db-2: {}',
        'components:',
        '  app: { type: app-server, replicas: 2, dependsOn: [db] }',
        '  db: { type: database, runsOn: [db-1, db-2] }',
      );
      assert.deepEqual(findingsOf(text, 'database-exposed'), []);
    });
  });
});
