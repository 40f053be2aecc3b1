import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOGUE } from '../src/analysis/catalogue';
import { renderRulesDoc } from '../src/analysis/rules-doc';
import { findingsOf } from '../../test/support/check';

/** DESIGN.md §4, except below-slo (which comes later). */
const DESIGN_RULES = [
  'yaml-syntax', 'schema', 'unknown-reference', 'duplicate-id', 'dependency-cycle', 'unused', 'spof',
  'colocated-replicas', 'single-zone', 'manual-failover', 'no-health-check', 'dns-bypasses-load-balancer',
  'capacity-exceeded', 'no-failover-headroom', 'deploy-downtime', 'mixed-role-host', 'no-tls',
  'plaintext-internal', 'no-firewall', 'database-exposed', 'no-monitoring', 'no-backup', 'backup-not-offsite',
];

describe('rule catalogue and docs/rules.md', () => {
  it('docs/rules.md is generated from the current catalogue (run `npm run docs` when this fails)', () => {
    const file = readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    assert.equal(file, renderRulesDoc(CATALOGUE));
  });

  it('holds every rule of DESIGN §4, sorted by id, each once', () => {
    const ids = CATALOGUE.map((m) => m.id);
    for (const id of DESIGN_RULES) assert.ok(ids.includes(id), `missing rule ${id}`);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('gives every DESIGN §4 rule a complete entry', () => {
    for (const id of DESIGN_RULES) {
      const meta = CATALOGUE.find((m) => m.id === id)!;
      assert.ok(meta.title.length > 0 && meta.explanation.length > 80, `${id}: title and explanation`);
      assert.ok(meta.fix && meta.fix.length > 0, `${id}: fix`);
      assert.ok(meta.examples, `${id}: examples`);
      for (const ref of meta.references ?? []) assert.match(ref.url, /^https:\/\//, `${id}: ${ref.url}`);
    }
  });

  it('gives each rule a section whose anchor is its id', () => {
    const doc = renderRulesDoc(CATALOGUE);
    for (const meta of CATALOGUE) {
      assert.ok(doc.includes(`\n## ${meta.id}\n`), `section for ${meta.id}`);
      assert.ok(doc.includes(`](#${meta.id})`), `table link to ${meta.id}`);
    }
  });

  for (const meta of CATALOGUE) {
    if (!meta.examples) continue;
    const { bad, good, format } = meta.examples;
    it(`${meta.id}: the bad example triggers it and the good example does not`, () => {
      assert.ok(findingsOf(bad, meta.id, { format }).length > 0, `bad example of ${meta.id} reports nothing`);
      assert.deepEqual(findingsOf(good, meta.id, { format }).map((f) => f.message), [], `good example of ${meta.id}`);
    });
  }
});
