import assert from 'node:assert/strict';
import { hover } from '../../src/language/hover';
import { at, yaml } from '../../../test/support/cursor';
import { DESIGN, mark } from '../../../test/support/feature-design';

function hoverAt(marked: string) {
  const { position, result } = at(marked);
  return hover(result, position);
}

function markdownAt(marked: string): string {
  const h = hoverAt(marked);
  assert.ok(h, 'expected a hover');
  return h.markdown;
}

const ONE_SERVER = yaml(
  'version: 1',
  'name: foobar',
  'domain: foobar.com',
  'dns:',
  '  - name: www',
  '    type: A',
  '    target: server-1',
  'hosts:',
  '  server-1: { ip: 8.8.8.8, firewall: true, monitoring: datadog }',
  'components:',
  '  web: { type: web-server, software: nginx, runsOn: [server-1], dependsOn: [app], tls: true }',
  '  app: { type: app-server, software: php-fpm, runsOn: [server-1], dependsOn: [db] }',
  '  db: { type: database, software: mysql, runsOn: [server-1], backup: { schedule: daily, offsite: true } }',
);

describe('hover', () => {
  describe('on ids', () => {
    it('describes a component at its key: type, software, instances with host and zone, mode, failover, links', () => {
      const md = markdownAt(mark(DESIGN, '  db:\n', 3));
      assert.match(md, /\*\*db\*\* · component · database · mysql/);
      assert.match(md, /\*\*Instances:\*\* 2, primary-replica, failover automatic/);
      assert.match(md, /#1 on db-1, zone us-east-1a \(primary\)/);
      assert.match(md, /#2 on db-2, zone us-east-1b \(replica\)/);
      assert.match(md, /\*\*Depends on:\*\* nothing/);
      assert.match(md, /\*\*Used by:\*\* app/);
      assert.match(md, /\*\*If all its instances fail:\*\* app, lb and web go down with it; \*\*the service is down\*\*/);
    });

    it('lists optional dependencies and what is degraded', () => {
      const md = markdownAt(mark(DESIGN, '  cache:\n', 3));
      assert.match(md, /#1 on a host of its own, zone us-east-1a/);
      assert.match(md, /\*\*Used by:\*\* app/);
      assert.match(md, /nothing else goes down; app is degraded; the service stays up/);
      const app = markdownAt(mark(DESIGN, '  app:\n', 3));
      assert.match(app, /\*\*Depends on:\*\* db, cache \(optional\)/);
    });

    it('describes a host at a reference in runsOn, with what goes down when it fails', () => {
      const md = markdownAt(mark(ONE_SERVER, 'runsOn: [server-1], dependsOn: [db]', 11));
      assert.match(md, /\*\*server-1\*\* · host/);
      assert.match(md, /IP 8\.8\.8\.8 · public · firewall · monitored by datadog/);
      assert.match(md, /\*\*Runs:\*\* web #1, app #1, db #1/);
      assert.match(md, /\*\*If it fails:\*\* app, db and web go down; \*\*the service is down\*\*/);
    });

    it('says nothing goes down when a redundant host fails', () => {
      const md = markdownAt(mark(DESIGN, 'web-2:  {', 2));
      assert.match(md, /\*\*If it fails:\*\* nothing goes down; the service stays up\./);
    });

    it('describes a zone at a reference, with its hosts and replicas', () => {
      const md = markdownAt(mark(DESIGN, 'zones: [us-east-1a', 10));
      assert.match(md, /\*\*us-east-1a\*\* · zone · region us-east-1/);
      assert.match(md, /\*\*Hosts:\*\* lb-1, web-1 and db-1/);
      assert.match(md, /\*\*Replicas here:\*\* cache #1/);
      assert.match(md, /nothing goes down/);
    });

    it('describes the element a DNS target and a dependsOn item name', () => {
      assert.match(markdownAt(mark(DESIGN, 'target: lb', 9)), /\*\*lb\*\* · component · load-balancer · haproxy/);
      assert.match(markdownAt(mark(DESIGN, 'dependsOn: [app]', 13)), /\*\*app\*\* · component/);
      assert.match(markdownAt(mark(DESIGN, '{ component: cache', 14)), /\*\*cache\*\* · component/);
    });

    it('ranges over the id itself', () => {
      const h = hoverAt(mark(DESIGN, 'runsOn: [web-1, web-2]', 17));
      const { position } = at(mark(DESIGN, 'runsOn: [web-1, web-2]', 16));
      assert.deepEqual(h?.range, { start: position, end: { line: position.line, character: position.character + 5 } });
    });

    it('escapes Markdown in ids from the file', () => {
      const text = yaml('version: 1', 'name: x', 'hosts:', '  "<img src=x onerror=alert(1)>": {}', 'components:', '  "*web*": { runsOn: ["<img src=x onerror=alert(1)>"] }');
      const md = markdownAt(mark(text, '*web*', 1));
      assert.ok(md.includes('\\*web\\*'), md);
      assert.doesNotMatch(md, /(^|[^\\])</, 'every < is escaped');
      assert.ok(md.includes('\\<img src=x onerror=alert(1)>'), md);
    });
  });

  describe('on keys and values', () => {
    it('shows the schema description of a key', () => {
      const md = markdownAt(mark(DESIGN, 'failover: automatic\n    healthCheck', 2));
      assert.match(md, /\*\*Failover\*\*/i);
      const h = hoverAt(mark(DESIGN, 'failover: automatic\n    healthCheck', 2))!;
      assert.equal(h.range.end.character - h.range.start.character, 'failover'.length);
    });

    it('explains an enum value', () => {
      assert.match(markdownAt(mark(DESIGN, 'mode: active-passive', 8)), /`active-passive`: The \*\*first\*\* instance serves/);
      assert.match(markdownAt(mark(DESIGN, 'mode: primary-replica', 8)), /`primary-replica`: .*primary/);
      assert.match(markdownAt(mark(DESIGN, 'type: CNAME', 7)), /`CNAME`/);
    });

    it('says nothing on free text', () => {
      assert.equal(hoverAt(mark(DESIGN, 'software: nginx', 12)), undefined);
    });
  });

  describe('on findings', () => {
    it('gives the title, explanation and fix of every rule whose finding covers the cursor', () => {
      const h = hoverAt(mark(ONE_SERVER, '  server-1:', 4))!;
      assert.ok(h);
      // The host's own description first, then each finding's rule.
      assert.match(h.markdown, /^\*\*server-1\*\* · host/);
      assert.match(h.markdown, /\*\*Single point of failure\*\* · `spof` · error/);
      assert.match(h.markdown, /\*\*How to fix:\*\*/);
      assert.match(h.markdown, /docs\/rules\.md#spof/);
    });

    it('shows a finding on a line that has nothing else to describe', () => {
      const text = yaml('version: 1', 'name: x', 'components:', '  web: { runsOn: [nowhere] }');
      const md = markdownAt(mark(text, 'nowhere', 3));
      assert.match(md, /`unknown-reference`/);
    });

    it('shows each rule once when several findings of it cover the cursor', () => {
      const text = yaml('version: 1', 'name: x', 'components:', '  web: { type: wat, runsOn: 3 }');
      const md = markdownAt(mark(text, 'wat', 1));
      assert.equal(md.match(/`schema`/g)?.length, 1);
    });
  });

  describe('availability', () => {
    const WITH_SLO = `${ONE_SERVER}slo: 0.999\n`;

    it('on slo: A, the downtime, the target met or missed, and where the downtime comes from', () => {
      const md = markdownAt(mark(WITH_SLO, 'slo:', 1));
      // A = 0.999 × 0.9995³ = 0.997502: the host holds 0.001 / 0.002498 of the downtime.
      assert.match(md, /\*\*Availability:\*\* 99\.75 %, 22 h down a year; SLO 99\.9 %: \*\*missed\*\*\./);
      assert.match(md, /\*\*Where the downtime comes from:\*\* host server-1 40 %, web #1 20 %/);
    });

    it('on name: the pairs that must not fail together, most probable first', () => {
      const md = markdownAt(mark(DESIGN, 'name:', 1));
      assert.match(md, /\*\*Pairs that must not fail together\*\* \(\d+, most probable first\): /);
    });

    it('on a host and on a component: the share of the downtime and A while it is down', () => {
      assert.match(markdownAt(mark(WITH_SLO, '  server-1:', 3)), /\*\*Availability:\*\* 40 % of the downtime; while it is down, the service is available 0\.00 %\./);
      assert.match(markdownAt(mark(WITH_SLO, '  web:', 3)), /\*\*Availability:\*\* web #1: 20 % of the downtime; while it is down, the service is available 0\.00 %\./);
    });
  });
});
