// The Compose mapping of docs/formats.md, rule by rule, as tables: a Compose text in, the
// part of the Design (or the findings) it must give out.

import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis/engine';
import type { AnalysisResult } from '../../src/analysis/engine';
import type { FrontEndOptions } from '../../src/formats';
import type { Component } from '../../src/model/types';

function read(text: string, frontEnd: FrontEndOptions = {}): AnalysisResult {
  return analyze(text, { format: 'compose', frontEnd });
}

function component(result: AnalysisResult, id: string): Component {
  const c = result.design.components.get(id);
  assert.ok(c, `no component ${id}; have ${[...result.design.components.keys()].join(', ')}`);
  return c;
}

/** Dependencies as `name`, `name?` (optional) and `~name` (inferred). */
function deps(result: AnalysisResult, id: string): string[] {
  return component(result, id).dependsOn.map((d) => `${d.inferred ? '~' : ''}${d.anyOf ? d.anyOf.join('|') : d.component}${d.optional ? '?' : ''}`);
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('Compose front end: the mapping', () => {
  describe('services of the active profiles', () => {
    const text = lines('services:', '  web: { image: nginx }', '  debug: { image: busybox, profiles: [debug] }', '  tools: { image: busybox, profiles: [tools, debug] }');
    const cases: [string[] | undefined, string[]][] = [
      [undefined, ['web']],
      [['debug'], ['web', 'debug', 'tools']],
      [['tools'], ['web', 'tools']],
      [['other'], ['web']],
    ];
    for (const [profiles, expected] of cases) {
      it(`profiles ${JSON.stringify(profiles ?? [])} → ${expected.join(', ')}`, () => {
        assert.deepEqual([...read(text, { profiles }).design.components.keys()], expected);
      });
    }

    it('a dependency on a service of an inactive profile is not one; a name of no service is (unknown-reference reports it)', () => {
      const r = read(lines('services:', '  web: { image: nginx, depends_on: [debug, ghost] }', '  debug: { image: busybox, profiles: [debug] }'));
      assert.deepEqual(deps(r, 'web'), ['ghost']);
      assert.ok(r.findings.some((f) => f.rule === 'unknown-reference' && f.range.start.line === 1));
    });
  });

  describe('type: x-infra-review.type, else the image, else service', () => {
    const cases: [string, string][] = [
      ['{ image: postgres:16 }', 'database'],
      ['{ image: bitnami/redis }', 'cache'],
      ['{ image: rabbitmq:3-management }', 'queue'],
      ['{ image: traefik }', 'load-balancer'],
      ['{ image: caddy }', 'web-server'],
      ['{ image: minio/minio }', 'storage'],
      ['{ image: grafana/grafana }', 'monitoring'],
      ['{ image: acme/api }', 'service'],
      ['{ build: . }', 'service'],
      ['{ image: acme/api, x-infra-review: { type: app-server } }', 'app-server'],
      ['{ image: postgres, x-infra-review: { type: cache } }', 'cache'],
    ];
    for (const [service, type] of cases) {
      it(`${service} → ${type}`, () => assert.equal(component(read(lines('services:', `  s: ${service}`)), 's').type, type));
    }
  });

  describe('instances: deploy.replicas or scale, default 1', () => {
    const cases: [string, number][] = [
      ['{ image: nginx }', 1],
      ['{ image: nginx, scale: 3 }', 3],
      ['{ image: nginx, deploy: { replicas: 2 } }', 2],
      ['{ image: nginx, deploy: { replicas: 2 }, scale: 4 }', 2],
      ['{ image: nginx, deploy: { mode: replicated, replicas: 2 } }', 2],
      // One engine is one node: a global service runs once on it.
      ['{ image: nginx, deploy: { mode: global } }', 1],
    ];
    for (const [service, n] of cases) {
      it(`${service} → ${n} on the Docker engine`, () => {
        const r = read(lines('services:', `  s: ${service}`));
        assert.deepEqual(component(r, 's').runsOn, Array.from({ length: n }, () => 'docker-engine'));
        assert.equal(component(r, 's').replicas, undefined);
      });
    }

    it('several copies of a data store are primary-replica with manual failover, unless x-infra-review says otherwise', () => {
      const r = read(lines('services:', '  db: { image: postgres, deploy: { replicas: 2 } }', '  db2: { image: postgres, deploy: { replicas: 2 }, x-infra-review: { mode: active-passive, failover: automatic } }', '  web: { image: nginx, scale: 2 }'));
      assert.equal(component(r, 'db').mode, 'primary-replica');
      assert.equal(component(r, 'db').failover, undefined);
      assert.equal(component(r, 'db2').mode, 'active-passive');
      assert.equal(component(r, 'db2').failover, 'automatic');
      assert.equal(component(r, 'web').mode, undefined);
      assert.ok(r.findings.some((f) => f.rule === 'manual-failover' && f.target.id === 'db'));
    });
  });

  describe('hosts: one Docker engine, or Swarm nodes', () => {
    it('a plain Compose file is one host, a fault element, at `services:`', () => {
      const r = read(lines('name: x', 'services:', '  web: { image: nginx, ports: ["80:80"] }'));
      assert.deepEqual([...r.design.hosts.keys()], ['docker-engine']);
      const spof = r.findings.find((f) => f.rule === 'spof' && f.target.kind === 'host');
      assert.equal(spof?.range.start.line, 1);
    });

    it('no service, no engine: a file with nothing to run models no host', () => {
      assert.equal(read('services: {}\n').design.hosts.size, 0);
      assert.equal(read('x'.repeat(100), {}).design.hosts.size, 0);
    });

    it('a service named docker-engine does not clash with the engine', () => {
      const r = read(lines('services:', '  docker-engine: { image: nginx }'));
      assert.deepEqual([...r.design.hosts.keys()], ['docker-engine-host']);
    });

    for (const [how, text, options] of [
      ['the file name (docker-stack.yml)', lines('services:', '  web: { image: nginx, deploy: { replicas: 3 } }'), { swarm: true }],
      ['x-infra-review.platform: swarm', lines('x-infra-review: { platform: swarm }', 'services:', '  web: { image: nginx, deploy: { replicas: 3 } }'), {}],
    ] as const) {
      it(`a Swarm stack by ${how}: each task on a node of its own, no engine host`, () => {
        const r = read(text, options);
        assert.equal(r.design.hosts.size, 0);
        assert.equal(component(r, 'web').replicas, 3);
        assert.ok(!r.findings.some((f) => f.rule === 'spof'));
      });
    }

    it('a node.hostname constraint pins a Swarm service to that host', () => {
      const r = read(lines('services:', '  db:', '    image: postgres', '    deploy:', '      placement:', '        constraints: [node.role == manager, "node.hostname == db-1"]'), { swarm: true });
      assert.deepEqual(component(r, 'db').runsOn, ['db-1']);
      const spof = r.findings.find((f) => f.rule === 'spof' && f.target.id === 'db-1');
      assert.equal(spof?.range.start.line, 5, 'the host is found at its constraint');
    });
  });

  describe('deploy.mode: global, the job modes, and a count of zero', () => {
    const swarm = { swarm: true };
    const pin = (constraint: string) => `deploy: { mode: global, placement: { constraints: [${JSON.stringify(constraint)}] } }`;
    // What the service becomes in a Swarm stack: `replicas N` (nodes of their own), `on A, B` (runsOn), or `left out`.
    const placement = (r: AnalysisResult, id: string): string => {
      const c = r.design.components.get(id);
      if (c === undefined) return 'left out';
      return c.runsOn !== undefined ? `on ${c.runsOn.join(', ')}` : `replicas ${String(c.replicas)}`;
    };
    const cases: [string, string][] = [
      ['deploy: { mode: global }', 'replicas 2'],
      ['deploy: { mode: replicated }', 'replicas 1'],
      ['deploy: { mode: replicated, replicas: 3 }', 'replicas 3'],
      [pin('node.hostname == edge-1'), 'on edge-1'],
      [pin('node.id == 2fk3xq'), 'on 2fk3xq'],
      [pin('NODE.HOSTNAME==edge-1'), 'on edge-1'],
      [pin('node.role == manager'), 'replicas 2'],
      ['deploy: { replicas: 2, placement: { constraints: ["node.hostname == db-1"] } }', 'on db-1, db-1'],
      ['deploy: { mode: replicated-job, replicas: 5 }', 'left out'],
      ['deploy: { mode: global-job }', 'left out'],
      ['deploy: { replicas: 0 }', 'left out'],
      ['scale: 0', 'left out'],
      ['deploy: { replicas: 0 }, scale: 2', 'left out'],
      ['deploy: { replicas: 2 }, scale: 0', 'replicas 2'],
    ];
    for (const [service, expected] of cases) {
      it(`{ image: nginx, ${service} } in a Swarm stack → ${expected}`, () => {
        assert.equal(placement(read(lines('services:', `  s: { image: nginx, ${service} }`), swarm), 's'), expected);
      });
    }

    it('a global data store on every node counts as primary-replica; pinned to one node, it is one instance', () => {
      assert.equal(component(read(lines('services:', '  db: { image: postgres, deploy: { mode: global } }'), swarm), 'db').mode, 'primary-replica');
      const pinned = component(read(lines('services:', `  db: { image: postgres, ${pin('node.hostname == db-1')} }`), swarm), 'db');
      assert.deepEqual([pinned.runsOn, pinned.mode], [['db-1'], undefined]);
    });

    it('a global service is never a SPOF by itself; pinned to one node, its host is', () => {
      const free = read(lines('services:', '  agent: { image: acme/agent, deploy: { mode: global } }'), swarm);
      assert.ok(!free.findings.some((f) => f.rule === 'spof'), free.findings.map((f) => f.rule).join(', '));
      const pinned = read(lines('services:', `  agent: { image: acme/agent, ${pin('node.hostname == edge-1')} }`), swarm);
      assert.ok(pinned.findings.some((f) => f.rule === 'spof' && f.target.id === 'edge-1'));
    });

    // The service's own lines, the note's message and the line it is found at.
    const notes: [string[], RegExp, number][] = [
      [['    deploy:', '      mode: replicated-job', '      replicas: 5'], /^Service s is a job \(`deploy.mode: replicated-job`\) whose tasks run to completion, not part of the running stack: it is left out of this review, and dependencies on it are not counted$/, 5],
      [['    deploy:', '      mode: global-job'], /is a job \(`deploy.mode: global-job`\)/, 5],
      [['    deploy:', '      replicas: 0'], /^Service s runs no task \(`deploy.replicas: 0`\): it is left out of this review/, 5],
      [['    scale: 0'], /^Service s runs no task \(`scale: 0`\)/, 4],
    ];
    for (const [service, message, line] of notes) {
      it(`${service.map((l) => l.trim()).join(' ')}: an info note at the key that says so, in either kind of file`, () => {
        const text = lines('services:', '  web: { image: nginx }', '  s:', '    image: acme/s', ...service);
        for (const options of [{}, swarm]) {
          const r = read(text, options);
          const found = r.findings.filter((f) => f.rule === 'not-read');
          assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
          assert.equal(found[0].severity, 'info');
          assert.match(found[0].message, message);
          assert.equal(found[0].range.start.line, line);
          assert.ok(!r.design.components.has('s'));
        }
      });
    }

    it('a dependency on a job or on a service scaled to zero is not counted, and is no unknown reference', () => {
      const r = read(lines(
        'services:',
        '  web: { image: nginx, depends_on: [migrate, old, spare] }',
        '  migrate: { image: acme/migrate, deploy: { mode: replicated-job } }',
        '  old: { image: acme/old, scale: 0 }',
        '  spare: { image: acme/spare, deploy: { mode: global-job } }',
      ), swarm);
      assert.deepEqual(deps(r, 'web'), []);
      assert.ok(!r.findings.some((f) => f.rule === 'unknown-reference'));
    });

    const errors: [string[], RegExp, number][] = [
      [['    deploy:', '      mode: global', '      replicas: 2'], /^`deploy.replicas` of service s cannot be used with `deploy.mode: global`, which runs one task on every node: a count is for the replicated modes only, and `docker stack deploy` refuses it$/, 5],
      [['    deploy: { mode: global }', '    scale: 2'], /^`scale` of service s cannot be used with `deploy.mode: global`/, 4],
      [['    deploy:', '      mode: global-job', '      replicas: 1'], /^`deploy.replicas` of service s cannot be used with `deploy.mode: global-job`/, 5],
      [['    deploy:', '      mode: globl'], /^`deploy.mode` of service s must be one of `replicated`, `global`, `replicated-job`, `global-job`, not the string "globl"; did you mean `global`\?$/, 4],
    ];
    for (const [service, message, line] of errors) {
      it(`${service.map((l) => l.trim()).join(' ')}: a schema error at the key`, () => {
        const r = read(lines('services:', '  s:', '    image: nginx', ...service), swarm);
        const schema = r.findings.filter((f) => f.rule === 'schema');
        assert.equal(schema.length, 1, schema.map((f) => f.message).join('\n'));
        assert.equal(schema[0].severity, 'error');
        assert.match(schema[0].message, message);
        assert.equal(schema[0].range.start.line, line);
      });
    }

    it('a count next to global is ignored: the service still runs on every node', () => {
      assert.equal(component(read(lines('services:', '  s: { image: nginx, deploy: { mode: global, replicas: 0 } }'), swarm), 's').replicas, 2);
    });

    it('a count next to the replicated modes is no error', () => {
      for (const mode of ['replicated', 'replicated-job']) {
        const r = read(lines('services:', `  s: { image: nginx, deploy: { mode: ${mode}, replicas: 3 } }`), swarm);
        assert.deepEqual(r.findings.filter((f) => f.rule === 'schema'), [], mode);
      }
    });
  });

  describe('dependencies', () => {
    const cases: [string, string, string[]][] = [
      ['depends_on as a list', 'depends_on: [db, cache]', ['db', 'cache']],
      ['depends_on as a map', 'depends_on: { db: { condition: service_healthy }, cache: { condition: service_started } }', ['db', 'cache']],
      ['required: false is optional', 'depends_on: { db: { condition: service_started }, cache: { condition: service_started, required: false } }', ['db', 'cache?']],
      ['a one-off job is no runtime dependency', 'depends_on: { migrate: { condition: service_completed_successfully }, db: { condition: service_healthy } }', ['db']],
      ['links, with an alias', 'links: ["db:database", cache]', ['db', 'cache']],
      ['network_mode: service:', 'network_mode: "service:cache"', ['cache']],
      ['volumes_from, with a mode; a container is not a service', 'volumes_from: ["db:ro", "container:other"]', ['db']],
      ['x-infra-review.dependsOn for what the file cannot show', 'x-infra-review: { dependsOn: [db, { component: cache, optional: true }] }', ['db', 'cache?']],
      ['a dependency written twice counts once', 'depends_on: [db]\n    links: [db]', ['db']],
    ];
    for (const [name, yaml, expected] of cases) {
      it(name, () => {
        const r = read(lines('services:', '  app:', '    image: acme/app', `    ${yaml}`, '  db: { image: postgres }', '  cache: { image: redis }', '  migrate: { image: acme/app }'));
        assert.deepEqual(deps(r, 'app'), expected);
      });
    }
  });

  describe('x-infra-review.dependsOn: { anyOf: [...] }, as infra.yaml writes it', () => {
    const STACK = ['  blue: { image: acme/app }', '  green: { image: acme/app }', '  canary: { image: acme/app, profiles: [canary] }'];
    const cases: [string, string, string[]][] = [
      ['any of two services', '[{ anyOf: [blue, green] }]', ['blue|green']],
      ['optional', '[{ anyOf: [blue, green], optional: true }]', ['blue|green?']],
      ['beside plain items', '[blue, { anyOf: [green, blue] }, { component: green, optional: true }]', ['blue', 'green|blue', 'green?']],
      ['one name alone is a plain dependency', '[{ anyOf: [blue] }]', ['blue']],
      ['an alternative of an inactive profile is not running: the others meet it', '[{ anyOf: [blue, canary] }]', ['blue']],
      ['a group with the caller in it is met while the caller is up', '[{ anyOf: [app, blue] }]', []],
      ['the same group twice counts once', '[{ anyOf: [blue, green] }, { anyOf: [green, blue] }]', ['blue|green']],
    ];
    for (const [name, dependsOn, expected] of cases) {
      it(name, () => {
        const r = read(lines('services:', '  app:', '    image: acme/app', `    x-infra-review: { dependsOn: ${dependsOn} }`, ...STACK));
        assert.deepEqual(deps(r, 'app'), expected);
      });
    }

    const swarm = (dependsOn: string) =>
      read(lines('x-infra-review: { platform: swarm }', 'services:', '  app:', '    image: acme/app', '    ports: ["80:80"]', '    deploy: { replicas: 2 }', `    x-infra-review: { dependsOn: ${dependsOn} }`, ...STACK));
    const spofs = (r: AnalysisResult) => (r.spofs ?? []).map((x) => x.id).sort();

    it('a service with dependsOn: [{ anyOf: [a, b] }] is no SPOF for either; needing both, each is one', () => {
      assert.deepEqual(spofs(swarm('[{ anyOf: [blue, green] }]')), []);
      assert.deepEqual(spofs(swarm('[blue, green]')), ['blue', 'green']);
      const r = swarm('[{ anyOf: [blue, green] }]');
      assert.ok(!r.findings.some((f) => (f.rule === 'spof' || f.rule === 'deploy-downtime') && ['blue', 'green'].includes(f.target.id)), r.findings.map((f) => `${f.rule} ${f.target.id}`).join('\n'));
    });

    it('each alternative is found at its own entry', () => {
      const r = swarm('[{ component: blue, optional: true }, { anyOf: [blue, green] }]');
      assert.deepEqual(r.locator.documentPath(['components', 'app', 'dependsOn', 1, 'anyOf', 1]), ['services', 'app', 'x-infra-review', 'dependsOn', 1, 'anyOf', 1]);
      assert.deepEqual(r.locator.modelPath(['services', 'app', 'x-infra-review', 'dependsOn', 1, 'anyOf', 0]), ['components', 'app', 'dependsOn', 1, 'anyOf', 0]);
    });

    it('an unknown name in anyOf is an unknown-reference at that entry, with did-you-mean', () => {
      const text = lines('services:', '  app:', '    image: acme/app', '    x-infra-review: { dependsOn: [{ anyOf: [blue, gren] }] }', ...STACK);
      const found = read(text).findings.filter((f) => f.rule === 'unknown-reference');
      assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
      assert.match(found[0].message, /app depends on gren \(one of the alternatives of an anyOf\), but no component gren is defined; did you mean green\?/);
      const line = text.split('\n')[3];
      assert.deepEqual(found[0].range, { start: { line: 3, character: line.indexOf('gren') }, end: { line: 3, character: line.indexOf('gren') + 4 } });
    });

    const schemaCases: [string, RegExp[]][] = [
      ['[{ anyof: [blue, green] }]', [/`x-infra-review.dependsOn.0` of service app needs `component` or `anyOf`/, /Unknown key `anyof` in `x-infra-review.dependsOn.0` of service app; did you mean `anyOf`\?/]],
      ['[{ optional: true }]', [/`x-infra-review.dependsOn.0` of service app needs `component` or `anyOf`/]],
      ['[{ anyOf: [blue] }]', [/`x-infra-review.dependsOn.0.anyOf` of service app must be a list of at least 2 items, not 1/]],
      ['[{ anyOf: blue }]', [/`x-infra-review.dependsOn.0.anyOf` of service app must be a list of at least 2 items, not the string "blue"/]],
      ['[{ anyOf: [blue, green], optinal: true }]', [/Unknown key `optinal` in `x-infra-review.dependsOn.0` of service app; did you mean `optional`\?/]],
      ['[{ component: blue, anyOf: [green, blue] }]', [/Unknown key `anyOf` in `x-infra-review.dependsOn.0` of service app/]],
    ];
    for (const [dependsOn, messages] of schemaCases) {
      it(`schema: ${dependsOn}`, () => {
        const r = read(lines('services:', '  app:', '    image: acme/app', `    x-infra-review: { dependsOn: ${dependsOn} }`, ...STACK));
        const schema = r.findings.filter((f) => f.rule === 'schema');
        assert.equal(schema.length, messages.length, schema.map((f) => f.message).join('\n'));
        messages.forEach((m, i) => assert.match(schema[i].message, m));
        assert.ok(schema.every((f) => f.range.start.line === 3));
      });
    }
  });

  describe('dependencies inferred from the environment', () => {
    const cases: [string, string, string[]][] = [
      ['a URL host', 'DATABASE_URL: postgres://u:p@db:5432/app', ['~db']],
      ['host:port', 'CACHE: cache:6379', ['~cache']],
      ['the whole value', 'DB_HOST: db', ['~db']],
      ['a network alias', 'DB_HOST: primary.db', ['~db']],
      ['a list of host:port', 'BROKERS: "cache:1,db:2"', ['~cache', '~db']],
      ['the list form of environment', null as unknown as string, ['~db']],
      ['no edge from a sentence that names a service', 'GREETING: the db is up', []],
      ['no edge from a longer name', 'DB_HOST: db-replica', []],
      ['no edge from a URL path that names a service', 'URL: http://example.com/db', []],
      ['no edge from a number or a flag', 'DB: "1"\n      CACHE: "true"', []],
      ['no edge to itself', 'SELF: http://app:80', []],
    ];
    for (const [name, env, expected] of cases) {
      it(name, () => {
        const environment = env === null ? ['    environment:', '      - DB_HOST=db'] : ['    environment:', `      ${env}`];
        const r = read(lines('services:', '  app:', '    image: acme/app', ...environment, '  db:', '    image: postgres', '    networks: { default: { aliases: [primary.db] } }', '  cache: { image: redis }'));
        assert.deepEqual(deps(r, 'app'), expected);
      });
    }

    it('a network alias several services share is DNS round-robin over them: one dependency on any of them', () => {
      const r = read(
        lines(
          'services:',
          '  app:',
          '    image: acme/app',
          '    ports: ["80:80"]',
          '    environment:',
          '      SEARCH_URL: http://search:9200',
          '  search-a:',
          '    image: elasticsearch',
          '    networks: { default: { aliases: [search] } }',
          '  search-b:',
          '    image: elasticsearch',
          '    networks: { default: { aliases: [search] } }',
        ),
      );
      assert.deepEqual(deps(r, 'app'), ['~search-a|search-b']);
      assert.deepEqual((r.spofs ?? []).map((x) => x.id).filter((id) => id.startsWith('search')), []);
      assert.deepEqual(r.locator.documentPath(['components', 'app', 'dependsOn', 0]), ['services', 'app', 'environment', 'SEARCH_URL']);
    });

    it('an inferred dependency is found at its environment value', () => {
      const r2 = read(lines('services:', '  app:', '    image: acme/app', '    environment:', '      DB_HOST: db', '  db: { image: postgres }'));
      assert.deepEqual(r2.locator.documentPath(['components', 'app', 'dependsOn', 0]), ['services', 'app', 'environment', 'DB_HOST']);
    });
  });

  describe('entries', () => {
    const cases: [string, string, boolean][] = [
      ['a port on every address', '["8080:80"]', true],
      ['a port on an address', '["10.0.0.5:8080:80"]', true],
      ['a port on loopback', '["127.0.0.1:8080:80"]', false],
      ['IPv6 loopback', '["[::1]:8080:80"]', false],
      ['a container port only', '["80"]', false],
      ['a number', '[80]', false],
      ['the long form', '[{ target: 80, published: 8080 }]', true],
      ['the long form on loopback', '[{ target: 80, published: 8080, host_ip: 127.0.0.1 }]', false],
      ['a protocol suffix', '["53:53/udp"]', true],
    ];
    for (const [name, ports, entry] of cases) {
      it(`${name}: ${entry ? 'public, an entry' : 'not published'}`, () => {
        const r = read(lines('services:', `  web: { image: nginx, ports: ${ports}, depends_on: [app] }`, '  app: { image: acme/app }', '  worker: { image: acme/worker }'));
        assert.equal(r.design.dns.length, entry ? 1 : 0, 'a published port is reached as a DNS name is');
        assert.ok(r.model.entries.has('web'));
        assert.equal(r.model.publicHosts.has('docker-engine'), entry);
        assert.equal(r.model.entries.has('worker'), !entry, 'with no published port, the services nothing depends on are the entries');
      });
    }

    it('x-infra-review.entry makes a background service an entry too', () => {
      const r = read(lines('services:', '  web: { image: nginx, ports: ["80:80"] }', '  worker: { image: acme/worker, x-infra-review: { entry: true } }'));
      assert.ok(r.model.entries.has('worker'));
      assert.ok(!r.findings.some((f) => f.rule === 'unused'));
    });

    it('the unused finding on a service says how Compose states an entry or a hidden dependency', () => {
      const r = read(lines('services:', '  web: { image: nginx, ports: ["80:80"] }', '  worker: { image: acme/worker }'));
      const unused = r.findings.filter((f) => f.rule === 'unused');
      assert.deepEqual(unused.map((f) => f.target.id), ['worker']);
      assert.match(unused[0].message, /^Component worker is reached from no entry: .*\. If users reach this service directly, mark it with `x-infra-review: \{ entry: true \}`/);
      assert.match(unused[0].message, /`x-infra-review: \{ dependsOn: \[\.\.\.\] \}`/);
      const infra = analyze(lines('version: 1', 'name: n', 'components:', '  web: { type: web-server }', '  worker: { type: worker }', 'dns: [{ name: www, type: A, target: web }]'));
      const infraUnused = infra.findings.find((f) => f.rule === 'unused');
      assert.ok(infraUnused, 'infra.yaml has the finding too');
      assert.doesNotMatch(infraUnused.message, /x-infra-review/, 'an infra.yaml says it with dependsOn, as the message does');
    });

    it('a database that publishes a port publicly is exposed; on loopback it is not', () => {
      const r = read(lines('services:', '  db:', '    image: postgres', '    ports: ["5432:5432"]'));
      const f = r.findings.find((x) => x.rule === 'database-exposed');
      assert.match(f?.message ?? '', /publishes port 5432:5432 on every address/);
      const loopback = read(lines('services:', '  app: { image: acme/app, depends_on: [db] }', '  db:', '    image: postgres', '    ports: ["127.0.0.1:5432:5432"]'));
      assert.ok(!loopback.findings.some((x) => x.rule === 'database-exposed'));
    });
  });

  describe('healthcheck', () => {
    const cases: [string, boolean][] = [
      ['{ test: ["CMD", "curl", "-f", "http://localhost"] }', true],
      ['{ test: "curl -f http://localhost" }', true],
      ['{ disable: true }', false],
      ['{ test: ["NONE"] }', false],
    ];
    for (const [check, has] of cases) {
      it(`${check} → ${has ? 'a health check' : 'none'}`, () => {
        const r = read(lines('services:', `  lb: { image: haproxy, ports: ["80:80"], healthcheck: ${check} }`));
        assert.equal(component(r, 'lb').healthCheck !== undefined, has);
        assert.equal(r.findings.some((f) => f.rule === 'no-health-check'), !has);
      });
    }
  });

  describe('what Compose cannot say stays silent unless x-infra-review states it', () => {
    const bare = lines('services:', '  web: { image: nginx, ports: ["80:80"] }', '  db: { image: postgres }', '  web2: { image: nginx }');
    for (const rule of ['no-tls', 'no-firewall', 'no-monitoring', 'no-backup', 'plaintext-internal']) {
      it(`${rule} is silent on a file that says nothing of it`, () => assert.ok(!read(bare).findings.some((f) => f.rule === rule)));
    }

    it('stated facts are checked: tls: false, a backup kept on site, a host without a firewall', () => {
      const r = read(lines(
        'x-infra-review:',
        '  host: { firewall: false, monitoring: datadog }',
        'services:',
        '  web: { image: nginx, ports: ["80:80"], x-infra-review: { tls: false } }',
        '  db: { image: postgres, x-infra-review: { backup: { schedule: daily } } }',
      ));
      const rules = new Set(r.findings.map((f) => f.rule));
      for (const rule of ['no-tls', 'no-firewall', 'backup-not-offsite']) assert.ok(rules.has(rule), rule);
      assert.ok(!rules.has('no-monitoring'));
      const noTls = r.findings.find((f) => f.rule === 'no-tls')!;
      assert.equal(noTls.range.start.line, 3, 'at the statement');
    });

    it('a monitoring service watches the engine', () => {
      const r = read(lines('x-infra-review: { host: { firewall: true } }', 'services:', '  web: { image: nginx, ports: ["80:80"] }', '  prometheus: { image: prom/prometheus }'));
      assert.equal(r.design.hosts.get('docker-engine')?.monitoring, 'prometheus');
    });

    it('load, slo and suppress are read from the top-level x-infra-review', () => {
      const r = read(lines('x-infra-review:', '  load: { peak: 100 }', '  slo: 0.99', '  suppress:', '    - { rule: spof, target: docker-engine, reason: a lab machine }', 'services:', '  web: { image: nginx }'));
      assert.equal(r.design.load?.peak, 100);
      assert.equal(r.design.slo, 0.99);
      assert.ok(r.suppressed.some((f) => f.rule === 'spof' && f.target.id === 'docker-engine'));
      assert.ok(!r.findings.some((f) => f.rule === 'unused-suppression'));
    });
  });

  describe('x-infra-review has its own schema, with did-you-mean', () => {
    const cases: [string, RegExp, number][] = [
      ['  web: { image: nginx, x-infra-review: { tsl: true } }', /Unknown key `tsl` in `x-infra-review` of service web; did you mean `tls`\?/, 2],
      ['  web: { image: nginx, x-infra-review: { type: databse } }', /did you mean `database`\?/, 2],
      ['  web: { image: nginx, x-infra-review: { capacity: lots } }', /`x-infra-review.capacity` of service web must be a number above 0, not the string "lots"/, 2],
      ['  web: { image: nginx, ports: 80 }', /`ports` of service web must be a list, not the number 80/, 2],
      ['  web: { image: nginx, deploy: 3 }', /`deploy` of service web must be a mapping, not the number 3/, 2],
      ['  web: { image: nginx, deploy: { replicas: two } }', /`deploy.replicas` of service web must be a whole number of at least 0/, 2],
    ];
    for (const [service, message, count] of cases) {
      it(message.source, () => {
        const r = read(lines('services:', service));
        const schema = r.findings.filter((f) => f.rule === 'schema');
        assert.equal(schema.length, 1, schema.map((f) => f.message).join('\n'));
        assert.match(schema[0].message, message);
        assert.equal(schema[0].range.start.line, 1);
        assert.ok(count > 0);
      });
    }

    it('the top level: an unknown key, a wrong platform', () => {
      const r = read(lines('x-infra-review: { platfrom: swarm, slo: 2 }', 'services:', '  web: { image: nginx }'));
      const messages = r.findings.filter((f) => f.rule === 'schema').map((f) => f.message);
      assert.deepEqual(messages.length, 2, messages.join('\n'));
      assert.ok(messages.some((m) => /did you mean `platform`/.test(m)));
      assert.ok(messages.some((m) => /`x-infra-review.slo` must be a number above 0 and at most 1/.test(m)));
    });

    it('Compose keys this front end does not read are not reported', () => {
      const r = read(lines('version: "3.8"', 'networks: { front: {} }', 'services:', '  web: { image: nginx, restart: always, labels: { a: b }, x-other: 1 }', 'x-common: &common { a: 1 }'));
      assert.deepEqual(r.findings.filter((f) => f.rule === 'schema'), []);
    });
  });

  describe('include, extends and what was not read', () => {
    it('an info finding at `include` and at each `extends`', () => {
      const r = read(lines('include: [other.yaml]', 'services:', '  web:', '    extends: { file: common.yaml, service: base }', '    image: nginx'));
      const notes = r.findings.filter((f) => f.rule === 'not-read');
      assert.deepEqual(notes.map((f) => [f.severity, f.range.start.line]), [['info', 0], ['info', 3]]);
      assert.match(notes[0].message, /`include` is not merged/);
    });
  });

  describe('bad input gets a message, never a crash', () => {
    const texts = [
      '',
      '# only a comment\n\n\n',
      '---\n',
      'services: [a, b]\n',
      'services:\n  web: 3\n',
      'services:\n  web:\n',
      '- a\n- b\n',
      'services:\n  web: { image: [1], environment: 3, depends_on: 5, links: {}, healthcheck: x, networks: 1 }\n',
      'services:\n  web: { image: nginx\n',
      'x-infra-review: 3\nservices: {}\n',
      'a: &a [*a]\n',
      'services:\n  web: &w { image: nginx }\n  web2: *w\n',
    ];
    for (const text of texts) {
      it(JSON.stringify(text), () => {
        const r = read(text);
        assert.ok(Array.isArray(r.findings));
        for (const f of r.findings) assert.ok(f.range.start.line >= 0);
      });
    }
  });
});
