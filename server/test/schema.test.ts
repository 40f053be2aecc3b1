import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { FixIntent, Target } from '../src/model/findings';
import { closest, distance } from '../src/model/did-you-mean';
import { parseText } from '../src/model/parse';
import type { Path, Range } from '../src/model/types';
import { MAX_SCHEMA_FINDINGS, settleAlternatives, validateSchema, validator } from '../src/model/validate';
import { schemaScaleDesign } from '../../test/support/scale-designs';

interface Located {
  message: string;
  target: Target;
  path: Path;
  range: Range;
  fixes?: FixIntent[];
}

/** Schema findings of a text, located as the engine locates them. */
function check(text: string): Located[] {
  const parsed = parseText(text);
  assert.deepEqual(parsed.problems, [], 'the test text itself must be valid YAML');
  return validateSchema(parsed).map((f) => {
    const located: Located = {
      message: f.message,
      target: f.target,
      path: f.path,
      range: f.range ?? parsed.sourceMap.rangeOf(f.path, f.part ?? 'key'),
    };
    if (f.fixes) located.fixes = f.fixes;
    return located;
  });
}

/** The only finding of a text. */
function only(text: string): Located {
  const found = check(text);
  assert.equal(found.length, 1, `expected one finding, got: ${found.map((f) => f.message).join(' | ')}`);
  return found[0];
}

/** The range of the `nth` occurrence of `needle` in `text`, counted independently of the source map. */
function spanOf(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" not in text`);
  }
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[line].length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

const HEAD = 'version: 1\nname: shop\n';

/** The example of docs/format.md, verbatim: a full design that must validate cleanly. */
const DESIGN_EXAMPLE = `version: 1                      # required; the format version
name: foobar                    # required
description: Three-server LEMP stack for www.foobar.com
domain: foobar.com              # optional; the apex that dns record names hang off

dns:                            # optional list of records
  - name: www                   # "www" = www.foobar.com, "@" = the apex
    type: CNAME                 # A | AAAA | CNAME | ALIAS
    target: foobar.com          # CNAME: a domain name (or "@")
  - name: "@"
    type: A
    target: lb                  # A/AAAA/ALIAS: a component id, a host id, or an IP literal

zones:                          # optional failure domains larger than a host
  us-east-1a: { region: us-east-1 }
  us-east-1b: { region: us-east-1 }

hosts:                          # machines, physical or virtual
  lb-1:
    zone: us-east-1a
    ip: 8.8.8.8
    public: true                # reachable from the internet
    firewall: true              # or { allow: [80, 443] }
    monitoring: datadog         # the agent that reports from this host; absent = unmonitored
  lb-2:   { zone: us-east-1b, public: true, firewall: true, monitoring: datadog }
  web-1:  { zone: us-east-1a, firewall: true, monitoring: datadog }
  web-2:  { zone: us-east-1b, firewall: true, monitoring: datadog }
  db-1:   { zone: us-east-1a, firewall: true, monitoring: datadog }
  db-2:   { zone: us-east-1b, firewall: true, monitoring: datadog }

components:
  lb:
    type: load-balancer
    software: haproxy
    runsOn: [lb-1, lb-2]        # one instance per listed host
    mode: active-passive        # active-active | active-passive | primary-replica
    failover: automatic         # automatic | manual (default manual)
    healthCheck: /health        # string or { path, interval }
    tls: true                   # accepts TLS (HTTPS) connections
    dependsOn: [web]
  web:
    type: web-server
    software: nginx
    runsOn: [web-1, web-2]
    capacity: 2000              # requests per second one instance serves
    dependsOn: [app]
  app:
    type: app-server
    software: gunicorn
    runsOn: [web-1, web-2]
    dependsOn:
      - db
      - { component: cache, optional: true }   # degraded, not down, without it
  cache:
    type: cache
    software: redis
    replicas: 2                 # instead of \`runsOn\`, for managed services whose hosts are not modelled
    zones: [us-east-1a, us-east-1b]
  db:
    type: database
    software: mysql
    runsOn: [db-1, db-2]        # primary-replica: the first host holds the primary
    mode: primary-replica
    failover: automatic
    backup: { schedule: daily, offsite: true }

load:
  peak: 3000                    # requests per second at peak, optional
slo: 0.999                      # optional availability target

suppress:                       # reviewed exemptions; a reason is required
  - rule: no-monitoring
    target: cache
    reason: managed service, monitored by the provider
`;

describe('schema validation', () => {
  it('accepts the full design of docs/format.md', () => {
    assert.deepEqual(check(DESIGN_EXAMPLE), []);
  });

  it('accepts an anyOf dependency, optional or not', () => {
    const text = `${HEAD}components:
  front: { type: web-server, dependsOn: [{ anyOf: [blue, green] }, { anyOf: [blue, green], optional: true }] }
  blue: { type: app-server }
  green: { type: app-server }
`;
    assert.deepEqual(check(text), []);
  });

  it('reads an object with anyOf as the anyOf form: one name is too few (not a missing component); with component beside it, one is too many', () => {
    const text = `${HEAD}components:
  front: { type: web-server, dependsOn: [{ anyOf: [blue] }, { anyOf: [blue, green], component: blue }] }
  blue: { type: app-server }
  green: { type: app-server }
`;
    assert.deepEqual(
      check(text).map((p) => p.message),
      ['`anyOf` must have at least 2 items', 'Unknown key `anyOf` in `dependsOn` item 2 of component front'],
    );
  });

  it('accepts every optional form: firewall allow-list, health-check object, backup: true, IPv6, numeric interval', () => {
    const text = `${HEAD}hosts:
  h-1: { ip: "2001:db8::1", firewall: { allow: [80, 443] }, availability: 0.99 }
components:
  lb: { type: load-balancer, runsOn: [h-1], healthCheck: { path: /health, interval: 5 } }
  files: { type: storage, backup: true, availability: 0.9995 }
  q: { type: queue, healthCheck: { interval: 500ms } }
suppress:
  - rule: spof
`;
    assert.deepEqual(check(text), []);
  });

  describe('unknown keys', () => {
    it('names the closest key, at the key itself, with a preferred rename', () => {
      const text = `${HEAD}components:\n  web:\n    type: web-server\n    runOn: [web-1]\nhosts:\n  web-1: {}\n`;
      const f = only(text);
      assert.equal(f.message, 'Unknown key `runOn` in component web: did you mean `runsOn`?');
      assert.deepEqual(f.range, spanOf(text, 'runOn'));
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
      assert.deepEqual(f.fixes, [
        {
          title: 'Rename runOn to runsOn',
          preferred: true,
          changes: [{ op: 'rename-key', path: ['components', 'web', 'runOn'], key: 'runsOn' }],
        },
      ]);
    });

    it('says no more than "unknown" when nothing is close, and offers no fix', () => {
      const text = `${HEAD}hosts:\n  h-1: { colour: red }\n`;
      const f = only(text);
      assert.equal(f.message, 'Unknown key `colour` in host h-1');
      assert.deepEqual(f.range, spanOf(text, 'colour'));
      assert.deepEqual(f.target, { kind: 'host', id: 'h-1' });
      assert.equal(f.fixes, undefined);
    });

    it('does not suggest a key the mapping already has', () => {
      const text = `${HEAD}components:\n  web:\n    runsOn: [h]\n    runOn: [h]\n`;
      assert.equal(only(text).message, 'Unknown key `runOn` in component web');
    });

    it('reports a misspelled required key once: the unknown key, not also the missing one', () => {
      const text = 'version: 1\nnam: shop\n';
      const f = only(text);
      assert.equal(f.message, 'Unknown key `nam` at the top level: did you mean `name`?');
      assert.deepEqual(f.range, spanOf(text, 'nam'));
      assert.deepEqual(f.target, { kind: 'document', id: '' });
    });

    it('names nested places: a health check, a dependency item', () => {
      const text = `${HEAD}components:
  lb: { type: load-balancer, healthCheck: { pth: /health } }
  app: { dependsOn: [{ componnt: lb }] }
`;
      const found = check(text);
      assert.deepEqual(
        found.map((f) => [f.message, f.range, f.fixes?.[0].changes]),
        [
          [
            'Unknown key `pth` in `healthCheck` of component lb: did you mean `path`?',
            spanOf(text, 'pth'),
            [{ op: 'rename-key', path: ['components', 'lb', 'healthCheck', 'pth'], key: 'path' }],
          ],
          [
            'Unknown key `componnt` in `dependsOn` item 1 of component app: did you mean `component`?',
            spanOf(text, 'componnt'),
            [{ op: 'rename-key', path: ['components', 'app', 'dependsOn', 0, 'componnt'], key: 'component' }],
          ],
        ],
      );
    });

    it('rejects an id that is not a valid id, at the id', () => {
      const text = `${HEAD}components:\n  web server: { type: web-server }\n`;
      const f = only(text);
      assert.equal(
        f.message,
        'Invalid component id `web server`: use only letters, digits, `-`, `_` and `.`, starting with a letter or digit',
      );
      assert.deepEqual(f.range, spanOf(text, 'web server'));
      assert.deepEqual(f.target, { kind: 'component', id: 'web server' });
    });
  });

  describe('enum values', () => {
    it('lists the values and suggests the closest, at the value, with a preferred replacement', () => {
      const text = `${HEAD}components:\n  lb:\n    type: load-balancer\n    mode: active-pasive\n`;
      const f = only(text);
      assert.equal(f.message, '`mode` must be one of active-active, active-passive, primary-replica; did you mean `active-passive`?');
      assert.deepEqual(f.range, spanOf(text, 'active-pasive'));
      assert.deepEqual(f.fixes, [
        {
          title: 'Replace with active-passive',
          preferred: true,
          changes: [{ op: 'replace-value', path: ['components', 'lb', 'mode'], value: 'active-passive' }],
        },
      ]);
    });

    it('matches case-insensitively (cname → CNAME) and names the DNS record as target', () => {
      const text = `${HEAD}domain: foobar.com\ndns:\n  - { name: www, type: cname, target: "@" }\n`;
      const f = only(text);
      assert.equal(f.message, '`type` must be one of A, AAAA, CNAME, ALIAS; did you mean `CNAME`?');
      assert.deepEqual(f.range, spanOf(text, 'cname'));
      assert.deepEqual(f.target, { kind: 'dns', id: 'www.foobar.com' });
      assert.deepEqual(f.fixes?.[0].changes, [{ op: 'replace-value', path: ['dns', 0, 'type'], value: 'CNAME' }]);
    });

    it('quotes the value back when nothing is close', () => {
      const text = `${HEAD}components:\n  lb: { failover: sometimes }\n`;
      const f = only(text);
      assert.equal(f.message, '`failover` must be one of automatic, manual, not `sometimes`');
      assert.equal(f.fixes, undefined);
    });

    it('reports a value of the wrong type once, with the allowed values rather than the type', () => {
      const text = `${HEAD}components:\n  lb: { mode: 5 }\n`;
      const f = only(text);
      assert.equal(f.message, '`mode` must be one of active-active, active-passive, primary-replica, not 5');
      assert.deepEqual(f.range, spanOf(text, '5'));
    });
  });

  describe('wrong values', () => {
    it('a wrong type: "`capacity` must be a number, not a string", at the value', () => {
      const text = `${HEAD}components:\n  web:\n    capacity: lots\n`;
      const f = only(text);
      assert.equal(f.message, '`capacity` must be a number, not a string');
      assert.deepEqual(f.range, spanOf(text, 'lots'));
      assert.deepEqual(f.target, { kind: 'component', id: 'web' });
    });

    it('an empty value is reported at its key', () => {
      const text = `${HEAD}components:\n  web:\n    tls:\n`;
      const f = only(text);
      assert.equal(f.message, '`tls` must be true or false, but it is empty');
      assert.deepEqual(f.range, spanOf(text, 'tls'));
    });

    it('whole numbers and bounds', () => {
      const text = `${HEAD}components:\n  a: { replicas: 1.5 }\n  b: { replicas: 0 }\n  c: { capacity: 0 }\n`;
      assert.deepEqual(
        check(text).map((f) => [f.message, f.range]),
        [
          ['`replicas` must be a whole number, not 1.5', spanOf(text, '1.5')],
          ['`replicas` must be at least 1, not 0', spanOf(text, '0', 0)],
          ['`capacity` must be greater than 0, not 0', spanOf(text, '0', 1)],
        ],
      );
    });

    it('an SLO written as a percentage gets a hint and a fix', () => {
      const text = `${HEAD}slo: 99.9\n`;
      const f = only(text);
      assert.equal(f.message, '`slo` must be at most 1, not 99.9; for 99.9% write 0.999');
      assert.deepEqual(f.target, { kind: 'document', id: '' });
      assert.deepEqual(f.fixes, [{ title: 'Write 99.9% as 0.999', preferred: true, changes: [{ op: 'replace-value', path: ['slo'], value: 0.999 }] }]);
    });

    it('an availability written as a percentage: its fix writes the fraction', () => {
      const text = `${HEAD}hosts:\n  web-1: { availability: 99.95 }\n`;
      const f = only(text);
      assert.equal(f.message, '`availability` must be at most 1, not 99.95; for 99.95% write 0.9995');
      assert.deepEqual(f.range, spanOf(text, '99.95'));
      assert.deepEqual(f.fixes, [
        { title: 'Write 99.95% as 0.9995', preferred: true, changes: [{ op: 'replace-value', path: ['hosts', 'web-1', 'availability'], value: 0.9995 }] },
      ]);
    });

    it('the version: a constant, with a fix', () => {
      const text = 'version: 2\nname: shop\n';
      const f = only(text);
      assert.equal(f.message, '`version` must be 1, not 2');
      assert.deepEqual(f.range, spanOf(text, '2'));
      assert.deepEqual(f.fixes, [
        { title: 'Set `version` to 1', preferred: true, changes: [{ op: 'replace-value', path: ['version'], value: 1 }] },
      ]);
    });

    it('list items are named by position', () => {
      const text = `${HEAD}components:\n  web: { runsOn: [web-1, 5] }\nhosts:\n  web-1: {}\n`;
      const f = only(text);
      assert.equal(f.message, 'Item 2 of `runsOn` must be a string, not a number');
      assert.deepEqual(f.range, spanOf(text, '5'));
      assert.deepEqual(f.path, ['components', 'web', 'runsOn', 1]);
    });

    it('an empty runsOn', () => {
      const text = `${HEAD}components:\n  web: { runsOn: [] }\n`;
      const f = only(text);
      assert.equal(f.message, '`runsOn` must not be empty');
      assert.deepEqual(f.range, spanOf(text, '[]'));
    });

    it('patterns say what is expected', () => {
      const text = `${HEAD}hosts:\n  h-1: { ip: 300.1.2.3 }\n`;
      const f = only(text);
      assert.equal(f.message, '`ip` must be an IPv4 or IPv6 address, such as `10.0.0.1` or `2001:db8::1`, not `300.1.2.3`');
      assert.deepEqual(f.range, spanOf(text, '300.1.2.3'));
      assert.deepEqual(f.target, { kind: 'host', id: 'h-1' });
    });

    it('a zone value of the wrong shape is about that zone', () => {
      const text = `${HEAD}zones:\n  a: [x]\n`;
      const f = only(text);
      assert.equal(f.message, '`a` must be a mapping, not a list');
      assert.deepEqual(f.target, { kind: 'zone', id: 'a' });
      assert.deepEqual(f.range, spanOf(text, '[x]'));
    });
  });

  describe('missing keys', () => {
    it('at the top level: at the first key', () => {
      const text = 'version: 1\ncomponents: {}\n';
      const f = only(text);
      assert.equal(f.message, 'Missing required key `name` at the top level');
      assert.deepEqual(f.range, spanOf(text, 'version'));
      assert.deepEqual(f.path, []);
    });

    it('in a list item: at the item\'s first key, with the DNS record as target', () => {
      const text = `${HEAD}domain: foobar.com\ndns:\n  - name: www\n    type: A\n`;
      const f = only(text);
      assert.equal(f.message, 'Missing required key `target` in DNS record `www`');
      assert.deepEqual(f.range, spanOf(text, 'name', 1));
      assert.deepEqual(f.target, { kind: 'dns', id: 'www.foobar.com' });
      assert.deepEqual(f.path, ['dns', 0]);
    });

    it('in a mapping with a key: at that key', () => {
      const text = `${HEAD}hosts:\n  h-1:\n    firewall: { }\n`;
      const f = only(text);
      assert.equal(f.message, 'Missing required key `allow` in `firewall` of host h-1');
      assert.deepEqual(f.range, spanOf(text, 'firewall'));
    });

    it('a suppression without a rule (a missing reason is not a schema matter)', () => {
      const text = `${HEAD}suppress:\n  - target: web\n`;
      const f = only(text);
      assert.equal(f.message, 'Missing required key `rule` in suppression 1');
      assert.deepEqual(f.range, spanOf(text, 'target'));
    });
  });

  describe('rules between keys', () => {
    it('runsOn and replicas together: at replicas', () => {
      const text = `${HEAD}components:\n  cache:\n    runsOn: [h]\n    replicas: 2\n`;
      const f = only(text);
      assert.equal(f.message, 'Use either `runsOn` (hosts you model) or `replicas` (a managed count), not both');
      assert.deepEqual(f.range, spanOf(text, 'replicas'));
      assert.deepEqual(f.target, { kind: 'component', id: 'cache' });
    });

    it('primary-replica on a web server: at the value', () => {
      const text = `${HEAD}components:\n  web:\n    type: web-server\n    mode: primary-replica\n`;
      const f = only(text);
      assert.equal(f.message, '`primary-replica` is for `database`, `cache` and `storage` components; use `active-passive`');
      assert.deepEqual(f.range, spanOf(text, 'primary-replica'));
    });

    it('primary-replica on a database or an untyped component is fine', () => {
      assert.deepEqual(check(`${HEAD}components:\n  db: { type: database, mode: primary-replica }\n  x: { mode: primary-replica }\n`), []);
    });
  });

  describe('alternatives (anyOf) never leak', () => {
    it('a value that fits no alternative: one type error naming them all', () => {
      const text = `${HEAD}components:\n  lb: { healthCheck: 5 }\nhosts:\n  h: { firewall: "yes" }\n`;
      assert.deepEqual(
        inDocumentOrder(check(text)).map((f) => [f.message, f.range]),
        [
          ['`healthCheck` must be a string or a mapping, not a number', spanOf(text, '5')],
          ['`firewall` must be true or false, or a mapping, not a string', spanOf(text, '"yes"')],
        ],
      );
    });

    it('inside the alternative the data chose, only its own errors, nested alternatives too', () => {
      const text = `${HEAD}components:\n  lb:\n    healthCheck: { path: /health, interval: soon }\n`;
      const f = only(text);
      assert.equal(f.message, '`interval` must be a number of seconds, or a duration such as `500ms`, `5s` or `1m`, not `soon`');
      assert.deepEqual(f.range, spanOf(text, 'soon'));
    });

    it('a dependency of the wrong shape', () => {
      const text = `${HEAD}components:\n  app: { dependsOn: [db, 3, { optional: true }] }\n  db: {}\n`;
      assert.deepEqual(
        check(text).map((f) => [f.message, f.range]),
        [
          ['Item 2 of `dependsOn` must be a string or a mapping, not a number', spanOf(text, '3')],
          ['Missing required key `component` in `dependsOn` item 3 of component app', spanOf(text, 'optional')],
        ],
      );
    });

    it('no message ever mentions anyOf, oneOf, schemas or "must match", on any mutation of a design', () => {
      const leaks = /anyOf|oneOf|allOf|schema|must match|must NOT|must be equal|property name/i;
      const junk = fc.oneof(
        fc.constant(5),
        fc.constant('x'),
        fc.constant(null),
        fc.constant(true),
        fc.constant(-1),
        fc.constant(1.5),
        fc.constant([]),
        fc.constant([1, 'a', {}]),
        fc.constant({}),
        fc.constant({ path: 3, interval: 'soon', allow: ['x'], component: 1, zzz: 1 }),
      );
      const slots: Path[] = [
        ['version'],
        ['dns', 0, 'type'],
        ['dns', 0],
        ['zones', 'us-east-1a'],
        ['hosts', 'lb-1', 'firewall'],
        ['hosts', 'lb-1', 'ip'],
        ['hosts', 'web-1'],
        ['components', 'lb', 'healthCheck'],
        ['components', 'lb', 'mode'],
        ['components', 'app', 'dependsOn', 1],
        ['components', 'app', 'dependsOn'],
        ['components', 'db', 'backup'],
        ['components', 'cache', 'replicas'],
        ['components', 'web', 'runsOn', 0],
        ['load'],
        ['slo'],
        ['suppress', 0],
      ];
      const baseData = parseText(DESIGN_EXAMPLE).data;
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...slots), junk), { minLength: 1, maxLength: 4 }), (edits) => {
          const data = structuredClone(baseData) as Record<string, unknown>;
          for (const [path, value] of edits) setAt(data, path, structuredClone(value));
          const parsed = parseText(JSON.stringify(data, null, 1));
          const findings = validateSchema(parsed);
          const seen = new Set<string>();
          for (const f of findings) {
            assert.doesNotMatch(f.message, leaks);
            assert.equal(f.rule, 'schema');
            const key = `${JSON.stringify(f.path)}|${f.part}|${f.message}`;
            assert.ok(!seen.has(key), `reported twice: ${f.message}`);
            seen.add(key);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('the document as a whole', () => {
    it('a list is not a design', () => {
      const f = only('- a\n- b\n');
      assert.equal(f.message, 'The document must be a mapping of keys such as `version`, `name` and `components`, not a list');
      assert.deepEqual(f.path, []);
    });

    it('an empty document says what to write', () => {
      const f = only('# nothing yet\n');
      assert.equal(f.message, 'The document is empty: an infra.yaml is a mapping that starts with `version: 1` and `name`');
    });
  });

  describe('size', () => {
    it(`reports at most ${MAX_SCHEMA_FINDINGS} problems, then one that says how many more there are, at the first cut`, () => {
      const lines = [HEAD, 'hosts:\n'];
      for (let i = 0; i < 1500; i++) lines.push(`  h${i}: { colr${i}: 1 }\n`);
      const text = lines.join('');
      const found = check(text);
      assert.equal(found.length, MAX_SCHEMA_FINDINGS + 1);
      assert.equal(found[MAX_SCHEMA_FINDINGS - 1].message, 'Unknown key `colr999` in host h999');
      const last = found[MAX_SCHEMA_FINDINGS];
      assert.equal(last.message, '500 more schema problems are not reported (only the first 1000 are)');
      assert.deepEqual(last.range, spanOf(text, 'colr1000'));
    });

    // Their time is in `npm run bench` (Hostile input and scale).
    it('validates 10k components, valid or all broken', () => {
      assert.deepEqual(validateSchema(schemaScaleDesign(10_000, false)), []);
      const findings = validateSchema(schemaScaleDesign(10_000, true));
      assert.equal(findings.length, MAX_SCHEMA_FINDINGS + 1);
      assert.equal(findings[MAX_SCHEMA_FINDINGS].message, '39000 more schema problems are not reported (only the first 1000 are)');
    });

    it('settles the alternatives of a broken design in work linear in its errors', () => {
      // Counts every read of an error: twice the design is at most twice the reads (plus slack
      // for the fixed head), where a quadratic walk would read four times as many.
      const reads = (n: number) => {
        const validate = validator();
        validate(schemaScaleDesign(n, true).data);
        const errors = validate.errors ?? [];
        let count = 0;
        const counted = new Proxy(errors, {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) count++;
            return Reflect.get(target, key, receiver);
          },
        });
        settleAlternatives(counted);
        return { count, errors: errors.length };
      };
      const small = reads(2000);
      const large = reads(4000);
      assert.equal(large.errors, 2 * small.errors);
      assert.ok(small.count >= small.errors, 'every error is read');
      assert.ok(large.count <= 2 * small.count + 100, `${small.count} reads for ${small.errors} errors, ${large.count} for ${large.errors}`);
    });
  });
});

describe('did you mean', () => {
  it('computes the optimal-string-alignment distance', () => {
    assert.equal(distance('kitten', 'sitting'), 3);
    assert.equal(distance('abc', 'acb'), 1); // a transposition is one edit
    assert.equal(distance('ca', 'abc'), 3);
    assert.equal(distance('', 'abc'), 3);
    assert.equal(distance('same', 'same'), 0);
    assert.equal(distance('abcdef', 'uvwxyz', 2), 3); // stops early past the limit
  });

  it('agrees with a plain full-matrix computation, with and without a limit', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, limit) => {
        const exact = referenceDistance(a, b);
        assert.equal(distance(a, b), exact);
        const limited = distance(a, b, limit);
        if (exact <= limit) assert.equal(limited, exact);
        else assert.ok(limited > limit);
      }),
      { numRuns: 2000 },
    );
  });

  const keys = ['type', 'software', 'runsOn', 'replicas', 'zones', 'mode', 'failover', 'healthCheck', 'tls', 'capacity', 'dependsOn', 'backup'];

  it('finds misspellings: a missing letter, a swap, a wrong letter, the wrong case', () => {
    assert.equal(closest('runOn', keys), 'runsOn');
    assert.equal(closest('tpye', keys), 'type');
    assert.equal(closest('dependOn', keys), 'dependsOn');
    assert.equal(closest('healthcheck', keys), 'healthCheck');
    assert.equal(closest('RUNSON', keys), 'runsOn');
    assert.equal(closest('failovr', keys), 'failover');
  });

  it('returns an exact match as it is', () => {
    assert.equal(closest('mode', keys), 'mode');
  });

  it('suggests nothing that is not close', () => {
    assert.equal(closest('colour', keys), undefined);
    assert.equal(closest('x', ['lb', 'db']), undefined);
    assert.equal(closest('a', ['b']), undefined);
    assert.equal(closest('database', ['cache']), undefined);
    assert.equal(closest('anything', []), undefined);
  });

  it('breaks ties by case, then by order', () => {
    assert.equal(closest('Db1', ['db2', 'Db2']), 'Db2');
    assert.equal(closest('web3', ['web1', 'web2']), 'web1');
    assert.equal(closest('dbb', ['lb', 'db']), 'db');
  });

  it('respects an explicit maximum distance', () => {
    assert.equal(closest('runsOnn', keys, 0), undefined);
    assert.equal(closest('rnsOnn', keys, 2), 'runsOn');
  });

  it('scans 40k candidates in one pass each', () => {
    // Its time is in `npm run bench` (Hostile input and scale).
    let visited = 0;
    const ids = () => (function* () {
      for (let i = 0; i < 40_000; i++) {
        visited++;
        yield `host-${i}`;
      }
    })();
    assert.equal(closest('hots-12345', ids()), 'host-12345');
    assert.equal(closest('completely-different-name', ids()), undefined);
    assert.equal(visited, 80_000);
  });
});

/** Optimal string alignment, the textbook way. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function inDocumentOrder(found: Located[]): Located[] {
  return [...found].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function setAt(data: Record<string, unknown>, path: Path, value: unknown): void {
  let node: unknown = data;
  for (const segment of path.slice(0, -1)) {
    const next: unknown = (node as Record<string | number, unknown>)[segment];
    if (typeof next !== 'object' || next === null) return;
    node = next;
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
}
