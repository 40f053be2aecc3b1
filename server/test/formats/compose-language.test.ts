// Editor features on a Compose file, through the same language/ functions as infra.yaml:
// hover, definition, references, the outline, the preview's cursor link, and quick fixes
// written as Compose edits.

import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis/engine';
import type { AnalysisResult } from '../../src/analysis/engine';
import { codeActions } from '../../src/language/code-actions';
import { completions } from '../../src/language/completion';
import { hover } from '../../src/language/hover';
import { definitions, documentSymbols, references } from '../../src/language/navigation';
import { nodeIdsAt } from '../../src/language/preview-links';
import type { Finding } from '../../src/model/findings';
import type { Position } from '../../src/model/types';
import { toDiagnostic } from '../../src/lsp/convert';
import { applyEdits } from '../../../test/support/apply-edits';

const URI = 'file:///work/compose.yaml';

const COMPOSE = `# the shop
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]   # the way in
    depends_on: [api]
  api:
    image: acme/api
    environment:
      DATABASE_URL: postgres://db:5432/shop
  db:
    image: postgres:16
    deploy: { replicas: 2 }
`;

function read(text: string, swarm = false): AnalysisResult {
  return analyze(text, { format: 'compose', frontEnd: { swarm } });
}

/** The position of the `delta`-th character of the first `needle`. */
function at(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function fix(text: string, pick: (f: Finding) => boolean, title: RegExp, swarm = false): string {
  const result = read(text, swarm);
  const finding = result.findings.find(pick);
  assert.ok(finding, `no such finding among ${result.findings.map((f) => f.rule).join(', ')}`);
  const diagnostic = toDiagnostic(finding, URI);
  const actions = codeActions(result, { textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  return applyEdits(text, action.edit.changes[URI]);
}

describe('Compose in the editor', () => {
  const result = read(COMPOSE);

  it('hover on a service: what it is, its instances, what depends on it, and what was not checked', () => {
    const h = hover(result, at(COMPOSE, '  db:', 3));
    assert.ok(h);
    assert.match(h.markdown, /\*\*db\*\* · component · database · postgres:16/);
    assert.match(h.markdown, /\*\*Instances:\*\* 2, primary-replica, failover manual/);
    assert.match(h.markdown, /\*\*Used by:\*\* api/);
    assert.match(h.markdown, /\*\*Not checked\*\* .*: TLS, monitoring, backup/);
  });

  it('hover on a global service says how its instances were counted', () => {
    const cases: [string, boolean, RegExp][] = [
      ['    deploy: { mode: global }', true, /\*\*Instances:\*\* 2, active-active — one task on every node \(`deploy.mode: global`\); nodes are not modelled, so it counts as 2, each on a node of its own\n/],
      ['    deploy: { mode: global, placement: { constraints: ["node.hostname == edge-1"] } }', true, /\*\*Instances:\*\* 1 — one task \(`deploy.mode: global`\) on the one node its placement constraint allows\n/],
      ['    deploy: { mode: global }', false, /\*\*Instances:\*\* 1 — one container \(`deploy.mode: global`\): the one Docker engine is the one node\n/],
      ['    deploy: { replicas: 2 }', true, /\*\*Instances:\*\* 2, active-active\n/],
    ];
    for (const [deploy, swarm, instances] of cases) {
      const text = `services:\n  agent:\n    image: acme/agent\n${deploy}\n`;
      const h = hover(read(text, swarm), at(text, 'agent:', 2));
      assert.match(h?.markdown ?? '', instances, `${deploy} (swarm: ${String(swarm)})`);
    }
  });

  it('hover on an inferred dependency says it was inferred', () => {
    const h = hover(result, at(COMPOSE, 'postgres://db', 12));
    assert.ok(h);
    assert.match(h.markdown, /\*\*inferred\*\*/);
    assert.match(h.markdown, /\*\*db\*\* · component/);
  });

  it('hover on `services:` describes the Docker engine, a host', () => {
    const h = hover(result, at(COMPOSE, 'services:', 2));
    assert.match(h?.markdown ?? '', /\*\*docker-engine\*\* · host/);
  });

  it('definition from a depends_on entry and from an environment value', () => {
    assert.deepEqual(definitions(result, at(COMPOSE, 'depends_on: [api', 14))[0]?.start, at(COMPOSE, '  api:', 2));
    assert.deepEqual(definitions(result, at(COMPOSE, 'postgres://db', 3))[0]?.start, at(COMPOSE, '  db:', 2));
  });

  it('references of a service: its key and each dependency on it', () => {
    const refs = references(result, at(COMPOSE, '  api:', 3), true);
    assert.deepEqual(refs.map((r) => r.start.line), [6, 5].sort((a, b) => a - b));
  });

  for (const [form, text] of [
    ['a flow list', 'services:\n  api:\n    image: a\n    depends_on: [|]\n  db: { image: postgres }\n  cache: { image: redis }\n'],
    ['a block list', 'services:\n  api:\n    image: a\n    depends_on:\n      - |\n  db: { image: postgres }\n  cache: { image: redis }\n'],
    ['links', 'services:\n  api:\n    image: a\n    links: [|]\n  db: { image: postgres }\n  cache: { image: redis }\n'],
  ] as const) {
    it(`completes service names in ${form}, not the service itself`, () => {
      const clean = text.replace('|', '');
      const items = completions(clean, at(text, '|'), read(clean));
      assert.deepEqual(items.map((i) => i.label).sort(), ['cache', 'db']);
    });
  }

  describe('an anyOf entry of x-infra-review.dependsOn', () => {
    const BLUE_GREEN = `services:
  web:
    image: nginx
    ports: ["80:80"]
    x-infra-review:
      dependsOn: [{ anyOf: [blue, green] }]
  blue: { image: acme/app }
  green: { image: acme/app }
  other: { image: acme/app }
`;
    const r = read(BLUE_GREEN);

    it('hover on an alternative: the group, then that service alone', () => {
      const h = hover(r, at(BLUE_GREEN, 'green]', 2));
      assert.match(h?.markdown ?? '', /^\*\*web\*\* → any of \*\*blue\*\*, \*\*green\*\*; met while one of them is up/);
      assert.match(h?.markdown ?? '', /\*\*green\*\* · component/);
      assert.doesNotMatch(h?.markdown ?? '', /\*\*blue\*\* · component/);
      assert.deepEqual(h?.range, { start: at(BLUE_GREEN, 'green]'), end: at(BLUE_GREEN, 'green]', 5) });
    });

    it('definition from each alternative goes to its service', () => {
      assert.deepEqual(definitions(r, at(BLUE_GREEN, '[blue', 2)).map((d) => d.start), [at(BLUE_GREEN, '  blue:', 2)]);
      assert.deepEqual(definitions(r, at(BLUE_GREEN, 'green]', 2)).map((d) => d.start), [at(BLUE_GREEN, '  green:', 2)]);
    });

    it('references of a service include the alternative that names it, at its own name', () => {
      assert.deepEqual(references(r, at(BLUE_GREEN, '  green:', 3), true).map((x) => x.start), [at(BLUE_GREEN, 'green]'), at(BLUE_GREEN, '  green:', 2)]);
      assert.deepEqual(references(r, at(BLUE_GREEN, '[blue', 2), false).map((x) => x.start), [at(BLUE_GREEN, '[blue', 1)]);
    });

    it('completes the other service names inside anyOf, not the ones listed nor the service itself', () => {
      const marked = BLUE_GREEN.replace('anyOf: [blue, green]', 'anyOf: [blue, |]');
      const clean = marked.replace('|', '');
      assert.deepEqual(completions(clean, at(marked, '|'), read(clean)).map((i) => i.label).sort(), ['green', 'other']);
    });

    it('a misspelled alternative: unknown-reference there, and the fix renames it', () => {
      const text = BLUE_GREEN.replace('green]', 'gren]');
      assert.equal(fix(text, (f) => f.rule === 'unknown-reference', /green/), BLUE_GREEN);
    });
  });

  it('the outline lists the services, once', () => {
    const symbols = documentSymbols(result);
    assert.deepEqual(symbols.map((s) => s.name), ['services']);
    assert.deepEqual(symbols[0].children?.map((c) => c.name), ['web', 'api', 'db']);
  });

  it('the cursor in a service highlights its instances in the preview', () => {
    assert.deepEqual(nodeIdsAt(result, at(COMPOSE, 'acme/api', 2)).length, 1);
  });

  describe('quick fixes are Compose edits that keep comments', () => {
    it('manual failover → x-infra-review: failover automatic', () => {
      const out = fix(COMPOSE, (f) => f.rule === 'manual-failover', /failover/i);
      assert.match(out, /deploy: \{ replicas: 2 \}\n {4}x-infra-review: \{ failover: automatic \}\n/);
      assert.ok(out.includes('# the way in') && out.includes('# the shop'));
      assert.ok(!read(out).findings.some((f) => f.rule === 'manual-failover'));
    });

    it('a load balancer without a healthcheck → a healthcheck skeleton', () => {
      const text = 'services:\n  lb:\n    image: haproxy   # the balancer\n    ports: ["443:443"]\n';
      const out = fix(text, (f) => f.rule === 'no-health-check', /health/i);
      assert.match(out, /healthcheck:\n {6}test:/);
      assert.ok(out.includes('# the balancer'));
      assert.ok(!read(out).findings.some((f) => f.rule === 'no-health-check'));
    });

    it('in a Swarm stack, a single instance → deploy.replicas', () => {
      const text = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
      const out = fix(text, (f) => f.rule === 'deploy-downtime', /./, true);
      assert.match(out, /\n {4}deploy: \{ replicas: 2 \}\n/);
      assert.ok(!read(out, true).findings.some((f) => f.rule === 'deploy-downtime'));
    });

    it('a global service is not given a count: its tasks follow the nodes, and `deploy.replicas` next to global is refused', () => {
      const text = (deploy: string) => `x-infra-review: { load: { peak: 3000 } }\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    deploy: ${deploy}\n    x-infra-review: { capacity: 1000 }\n`;
      const titles = (t: string) => {
        const result = read(t, true);
        const finding = result.findings.find((f) => f.rule === 'capacity-exceeded');
        assert.ok(finding, result.findings.map((f) => f.rule).join(', '));
        const diagnostic = toDiagnostic(finding, URI);
        return codeActions(result, { textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }).map((a) => a.title);
      };
      assert.ok(titles(text('{ replicas: 2 }')).some((t) => /Raise the replicas of web to 4/.test(t)), 'the replicated service is offered more replicas');
      assert.deepEqual(titles(text('{ mode: global }')).filter((t) => /replicas/i.test(t)), []);
    });

    // The scalar keeps its style: quoted stays quoted, in the same quotes.
    for (const [port, bound] of [
      ['"5432:5432"', '"127.0.0.1:5432:5432"'],
      ["'5432:5432'", "'127.0.0.1:5432:5432'"],
      ['5432:5432', '127.0.0.1:5432:5432'],
      ['"0.0.0.0:5432:5432/tcp"', '"127.0.0.1:5432:5432/tcp"'],
      ['"[::]:5432:5432"', '"127.0.0.1:5432:5432"'],
    ]) {
      it(`a database port published publicly (${port}) → bound to 127.0.0.1`, () => {
        const text = `services:\n  app: { image: acme/app, depends_on: [db] }\n  db:\n    image: postgres   # data\n    ports:\n      - ${port}\n`;
        const out = fix(text, (f) => f.rule === 'database-exposed', /127\.0\.0\.1/);
        assert.equal(out, text.replace(port, bound));
        assert.ok(!read(out).findings.some((f) => f.rule === 'database-exposed'));
      });
    }

    it('a quoted port in a flow list stays quoted', () => {
      const text = 'services:\n  app: { image: acme/app, depends_on: [db] }\n  db: { image: postgres, ports: ["3306:3306", \'80:80\'] }\n';
      const out = fix(text, (f) => f.rule === 'database-exposed', /127\.0\.0\.1/);
      assert.equal(out, text.replace('"3306:3306"', '"127.0.0.1:3306:3306"'));
    });

    it('the long form of a port gets host_ip', () => {
      const text = 'services:\n  app: { image: acme/app, depends_on: [db] }\n  db:\n    image: postgres\n    ports:\n      - target: 5432\n        published: 5432\n';
      const out = fix(text, (f) => f.rule === 'database-exposed', /127\.0\.0\.1/);
      assert.match(out, /published: 5432\n\s+host_ip: 127\.0\.0\.1\n/);
      assert.ok(!read(out).findings.some((f) => f.rule === 'database-exposed'));
    });

    it('on a single Docker engine, the SPOF says that more replicas do not help, and what does', () => {
      const spof = read(COMPOSE).findings.find((f) => f.rule === 'spof' && f.target.id === 'docker-engine');
      assert.match(spof?.message ?? '', /More replicas on one Docker engine do not remove it: run the services on several nodes \(Docker Swarm or Kubernetes\), or put a second host behind a load balancer/);
    });

    it('a fix Compose cannot express (a new host) is not offered', () => {
      const r = read(COMPOSE);
      const spof = r.findings.find((f) => f.rule === 'spof' && f.target.id === 'docker-engine')!;
      const diagnostic = toDiagnostic(spof, URI);
      const titles = codeActions(r, { textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }).map((a) => a.title);
      assert.deepEqual(titles, ['Ignore spof here (with a reason)']);
    });

    it('ignore with a reason: a comment above the service', () => {
      const out = fix(COMPOSE, (f) => f.rule === 'spof' && f.target.id === 'web', /Ignore/);
      assert.match(out, /\n {2}# infra-review-ignore spof: reason\n {2}web:\n/);
    });

    for (const [form, dependsOn, declared] of [
      ['no depends_on yet', '', /\n {4}depends_on:\n {6}- db\n|depends_on: \[ db \]|depends_on: \[db\]/],
      ['a depends_on list', '    depends_on: [cache]\n', /depends_on: \[cache, db\]/],
      ['a depends_on map', '    depends_on:\n      cache: { condition: service_started }\n', /db: \{ condition: service_started \}|db:\n\s+condition: service_started/],
    ] as const) {
      it(`an inferred dependency is declared in depends_on (${form})`, () => {
        const text = `services:\n  api:\n    image: acme/api\n${dependsOn}    environment:\n      DB_URL: postgres://db:5432/app   # the database\n  db: { image: postgres }\n  cache: { image: redis }\n`;
        const r = read(text);
        const actions = codeActions(r, { textDocument: { uri: URI }, range: { start: at(text, 'postgres://db', 12), end: at(text, 'postgres://db', 12) }, context: { diagnostics: [] } });
        const declare = actions.find((a) => /^Declare the dependency of api on db$/.test(a.title));
        assert.ok(declare, actions.map((a) => a.title).join(' | '));
        const out = applyEdits(text, declare.edit.changes[URI]);
        assert.match(out, declared);
        assert.ok(out.includes('# the database'));
        const db = read(out).design.components.get('api')!.dependsOn.find((d) => d.component === 'db');
        assert.equal(db?.inferred, undefined, 'now declared');
      });
    }

    it('a misspelled x-infra-review key → renamed', () => {
      const text = 'services:\n  web:\n    image: nginx\n    x-infra-review: { tsl: true }\n';
      assert.equal(fix(text, (f) => f.rule === 'schema', /Rename to tls/), text.replace('tsl', 'tls'));
    });
  });
});
