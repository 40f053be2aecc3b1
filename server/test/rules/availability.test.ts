import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../../../test/support/check';

describe('rules: availability', () => {
  describe('below-slo', () => {
    it('reports a design whose availability is below its slo, at the slo value, with A, downtime, target and top share', () => {
      const text = yaml(
        'version: 1',
        'name: t',
        'hosts:',
        '  web-1: { availability: 0.99 }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], availability: 0.999 }',
        'slo: 0.999',
      );
      const [f, ...rest] = findingsOf(text, 'below-slo');
      assert.equal(rest.length, 0);
      // A = 0.99 × 0.999 = 0.98901: 96 hours down a year; the host holds 0.01 / 0.01099 of it.
      assert.equal(
        f.message,
        "The design's availability is 98.90 % (96 h down a year), below its SLO of 99.9 %; the largest share of the downtime is host web-1 (91 %)",
      );
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.range, { start: { line: 6, character: 5 }, end: { line: 6, character: 10 } });
    });

    it('stays exact on a long dependency chain', () => {
      const lines = ['version: 1', 'name: t', 'components:'];
      for (let k = 0; k < 30; k++) lines.push(`  c${k}: { type: service, availability: 0.99${k < 29 ? `, dependsOn: [c${k + 1}]` : ''} }`);
      lines.push('slo: 0.9');
      const [f] = findingsOf(yaml(...lines), 'below-slo');
      // 0.99^30 = 0.7397: exact on a chain, whatever its length.
      assert.match(f.message, /^The design's availability is 73\.97 % \(/);
    });

    it('does not report a design that meets its slo, one without slo, or an invalid slo', () => {
      const good = (slo: string) =>
        yaml(
          'version: 1',
          'name: t',
          'hosts:',
          '  web-1: {}',
          '  web-2: {}',
          'components:',
          '  web: { type: web-server, runsOn: [web-1, web-2] }',
          ...(slo ? [`slo: ${slo}`] : []),
        );
      assert.deepEqual(findingsOf(good('0.999'), 'below-slo'), []);
      assert.deepEqual(findingsOf(good(''), 'below-slo'), []);
      assert.deepEqual(findingsOf(good('99.9'), 'below-slo'), []);
    });
  });
});
