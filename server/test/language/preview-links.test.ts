import assert from 'node:assert/strict';
import { analyze } from '../../src/analysis/engine';
import { explainRule } from '../../src/language/markdown';
import { nodeIdsAt, previewAvailability, whatIfNodes } from '../../src/language/preview-links';
import { at, yaml } from '../../../test/support/cursor';
import { DESIGN, mark } from '../../../test/support/feature-design';

describe('preview links', () => {
  const result = analyze(DESIGN);

  it('fails a zone: its hosts, the instances there, and what goes down with them', () => {
    const w = whatIfNodes(result, [{ kind: 'zone', id: 'us-east-1a' }]);
    assert.deepEqual(w.downComponents, []);
    assert.equal(w.serviceDown, false);
    assert.deepEqual(w.downNodes, [
      'host:db-1', 'host:lb-1', 'host:web-1',
      'instance:app#0', 'instance:cache#0', 'instance:db#0', 'instance:lb#0', 'instance:web#0',
      'zone:us-east-1a',
    ]);
    assert.deepEqual(w.degradedNodes, []);
  });

  it('fails every db instance: db and its dependents go down, instances and all', () => {
    const w = whatIfNodes(result, [{ kind: 'instance', component: 'db', index: 0 }, { kind: 'instance', component: 'db', index: 1 }]);
    assert.deepEqual(w.downComponents, ['app', 'db', 'lb', 'web']);
    assert.equal(w.serviceDown, true);
    assert.ok(w.downNodes.includes('instance:lb#1') && w.downNodes.includes('instance:db#1'));
    assert.ok(!w.downNodes.some((n) => n.startsWith('instance:cache')));
    const downNames = w.downNodes.filter((n) => n.startsWith('dns:'));
    assert.ok(downNames.length > 0, 'the DNS names that go down are greyed out too');
    assert.deepEqual(whatIfNodes(result, [{ kind: 'zone', id: 'us-east-1a' }]).downNodes.filter((n) => n.startsWith('dns:')), []);
  });

  it('marks the instances of a component that lost an optional dependency as degraded', () => {
    const w = whatIfNodes(result, [{ kind: 'instance', component: 'cache', index: 0 }, { kind: 'instance', component: 'cache', index: 1 }]);
    assert.deepEqual(w.downComponents, ['cache']);
    assert.deepEqual(w.degradedNodes, ['instance:app#0', 'instance:app#1']);
  });

  it('finds the node under the cursor: a component, one of its runsOn items, a host, a zone, a DNS record', () => {
    const ids = (needle: string, delta: number) => {
      const { result: r, position } = at(mark(DESIGN, needle, delta));
      return nodeIdsAt(r, position);
    };
    assert.deepEqual(ids('software: nginx', 0), ['instance:web#0', 'instance:web#1']);
    assert.deepEqual(ids('runsOn: [web-1, web-2]', 17), ['instance:web#1']);
    assert.deepEqual(ids('  lb-2:', 3), ['host:lb-2']);
    assert.deepEqual(ids('  us-east-1b: {', 3), ['zone:us-east-1b']);
    assert.deepEqual(ids('target: lb', 9), ['dns:foobar.com']);
    assert.deepEqual(ids('slo: 0.999', 6), []);
  });
});

describe('rule explanations', () => {
  it('renders a catalogue entry as Markdown with its documentation link', () => {
    const md = explainRule('spof');
    assert.ok(md);
    assert.match(md, /^### Single point of failure/);
    assert.match(md, /\*\*How to fix:\*\*/);
    assert.match(md, /\(https:\/\/github\.com\/infra-review\/infra-review\/blob\/main\/docs\/rules\.md#spof\)/);
  });

  it('answers null for an unknown rule', () => {
    assert.equal(explainRule('no-such-rule'), null);
  });

  describe('availability', () => {
    const ONE = yaml('version: 1', 'name: t', 'hosts:', '  h-1: {}', '  h-2: {}', 'components:', '  web: { type: web-server, runsOn: [h-1, h-2] }', 'slo: 0.9999');

    it('the header gives A, the downtime and the SLO, and its status against the SLO; shares by scene node id', () => {
      const p = previewAvailability(analyze(ONE));
      assert.ok(p);
      // Each instance is up with 0.999 × 0.9995 = 0.9985005; the service while either is.
      assert.equal(p.text, 'Availability 99.9998 % · 1.2 min down a year · SLO 99.99 %');
      assert.equal(p.status, 'met');
      assert.deepEqual(Object.keys(p.shares).sort(), ['host:h-1', 'host:h-2', 'instance:web#0', 'instance:web#1']);
      assert.ok(Math.abs(p.shares['host:h-1'] - 0.001 / 0.0014995) < 1e-9);
      assert.equal(previewAvailability(analyze('- not a design\n')), null);
    });

    it('while elements are failed, the header shows the availability given that failure', () => {
      const w = whatIfNodes(analyze(ONE), [{ kind: 'host', id: 'h-1' }]);
      assert.deepEqual(w.availability, {
        text: 'Availability with this failure: 99.85 % (13 h down a year at this rate) · SLO 99.99 %',
        status: 'missed',
      });
      assert.equal(whatIfNodes(analyze(ONE), []).availability, null);
    });
  });
});
