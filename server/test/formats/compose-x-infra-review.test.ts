// `x-infra-review` in the editor: completion of its keys and values, at the top level and on
// services, and hover on them. The documentation is the Compose front end's schema
// (formats/compose/x-schema-docs.ts), reached by language/ through the front end.

import { strict as assert } from 'node:assert';
import { RULE_IDS } from '../../src/analysis/catalogue';
import { X_SERVICE_DOC, X_SERVICE_SHAPE, X_TOP_LEVEL_DOC, X_TOP_LEVEL_SHAPE } from '../../src/formats/compose/x-schema';
import type { Shape } from '../../src/formats/compose/x-schema';
import { COMPOSE_SCHEMA_DOCS } from '../../src/formats/compose/x-schema-docs';
import { completions } from '../../src/language/completion';
import { hover } from '../../src/language/hover';
import { COMPONENT_TYPES, MODES } from '../../src/model/types';
import type { Path } from '../../src/model/types';
import { at, yaml } from '../../../test/support/cursor';

const COMPOSE = { format: 'compose' } as const;

function labels(marked: string): string[] {
  const { text, position, result } = at(marked, COMPOSE);
  return completions(text, position, result).map((c) => c.label);
}

function hoverAt(marked: string): string | undefined {
  const { position, result } = at(marked, COMPOSE);
  return hover(result, position)?.markdown;
}

const SERVICES = ['services:', '  db:', '    image: postgres:16', '  api:', '    image: acme/api'];

/** `lines` as the x-infra-review of service api (indented below it), in the SERVICES stack. */
const onApi = (...lines: string[]) => yaml(...SERVICES, '    x-infra-review:', ...lines.map((l) => `      ${l}`));
/** `lines` as the top-level x-infra-review, above the SERVICES stack. */
const onTop = (...lines: string[]) => yaml('x-infra-review:', ...lines.map((l) => `  ${l}`), ...SERVICES);

describe('x-infra-review in the editor', () => {
  describe('completion', () => {
    it('offers the key x-infra-review on a service and at the top level, with what it is for', () => {
      const { text, position, result } = at(yaml(...SERVICES, '    |'), COMPOSE);
      const [item, ...rest] = completions(text, position, result);
      assert.equal(item?.label, 'x-infra-review');
      assert.equal(item.documentation, X_SERVICE_DOC);
      assert.deepEqual(rest, [], 'the Compose keys of a service are Docker\'s to complete');
      assert.ok(labels(yaml('|', ...SERVICES)).includes('x-infra-review'));
    });

    it('does not offer x-infra-review where it is already written', () => {
      assert.ok(!labels(yaml(...SERVICES, '    x-infra-review: {}', '    |')).includes('x-infra-review'));
    });

    it('offers the service keys that are not there yet', () => {
      assert.deepEqual(labels(onApi('tls: true', '|')), Object.keys(X_SERVICE_SHAPE.keys).filter((k) => k !== 'tls'));
    });

    it('offers the top-level keys, and the host keys under host', () => {
      assert.deepEqual(labels(onTop('|')), Object.keys(X_TOP_LEVEL_SHAPE.keys));
      assert.deepEqual(labels(onTop('host:', '  |')), ['firewall', 'monitoring', 'availability']);
    });

    it('offers the keys of a nested mapping, in flow style too', () => {
      assert.deepEqual(labels(onApi('backup: { | }')), ['schedule', 'offsite']);
    });

    it('offers the values of an enum or a boolean', () => {
      assert.deepEqual(labels(onApi('mode: |')), [...MODES]);
      assert.deepEqual(labels(onApi('type: |')), [...COMPONENT_TYPES]);
      assert.deepEqual(labels(onApi('tls: |')), ['true', 'false']);
      assert.deepEqual(labels(onTop('platform: |')), ['compose', 'swarm']);
    });

    it('offers service names in dependsOn, not the service itself', () => {
      assert.deepEqual(labels(onApi('dependsOn: [|]')), ['db']);
      assert.deepEqual(labels(onApi('dependsOn:', '  - component: |')), ['db']);
    });

    it('offers rules and ids in a suppress entry', () => {
      assert.deepEqual(labels(onTop('suppress:', '  - rule: |')), [...RULE_IDS]);
      assert.deepEqual(labels(onTop('suppress:', '  - { rule: spof, target: | }')).sort(), ['api', 'db', 'docker-engine']);
    });

    it('offers nothing from infra.yaml inside the Compose keys', () => {
      assert.deepEqual(labels(yaml(...SERVICES, '    deploy:', '      |')), []);
      assert.deepEqual(labels(yaml(...SERVICES, '    healthcheck: { | }')), []);
    });
  });

  describe('hover', () => {
    it('on a key: the Compose wording of what it states', () => {
      assert.equal(hoverAt(onApi('mo|de: primary-replica')), X_SERVICE_SHAPE.docs?.mode);
      assert.equal(hoverAt(onTop('pla|tform: swarm')), X_TOP_LEVEL_SHAPE.docs?.platform);
    });

    it('on x-infra-review itself, at the top level and on a service', () => {
      assert.equal(hoverAt(yaml('x-infra-rev|iew: { slo: 0.999 }', ...SERVICES)), X_TOP_LEVEL_DOC);
      assert.equal(hoverAt(yaml(...SERVICES, '    x-infra-rev|iew: { tls: true }')), X_SERVICE_DOC);
    });

    it('on a value: what it means', () => {
      assert.match(hoverAt(onApi('mode: primary-rep|lica')) ?? '', /^`primary-replica`: The \*\*first\*\* instance is the primary/);
      assert.match(hoverAt(onTop('platform: sw|arm')) ?? '', /^`swarm`: A Swarm/);
    });

    it('on a nested key: what infra.yaml says of the same key', () => {
      assert.match(hoverAt(onApi('backup: { off|site: true }')) ?? '', /^\*\*Offsite\*\*/);
      assert.match(hoverAt(onTop('host: { fire|wall: true }')) ?? '', /^\*\*Firewall\*\* on the host/);
    });

    it("nothing on Compose's own keys: they are Docker's to document", () => {
      assert.equal(hoverAt(yaml('services:', '  db:', '    ima|ge: postgres:16')), undefined);
    });

    it('every key x-infra-review accepts, at any depth, has a description, and every enum value one', () => {
      const missing: string[] = [];
      const walk = (shape: Shape, path: Path) => {
        if (shape.kind === 'object') {
          for (const [key, sub] of Object.entries(shape.keys)) {
            if (!COMPOSE_SCHEMA_DOCS.describePath([...path, key])) missing.push([...path, key].join('.'));
            walk(sub, [...path, key]);
          }
        } else if (shape.kind === 'either') shape.options.forEach((o) => walk(o, path));
        else if (shape.kind === 'list') walk(shape.item, [...path, 0]);
        else if (shape.kind === 'enum') {
          for (const v of COMPOSE_SCHEMA_DOCS.enumValuesAt(path)) if (!v.markdown) missing.push(`${path.join('.')} = ${String(v.value)}`);
        }
      };
      walk(X_TOP_LEVEL_SHAPE, ['x-infra-review']);
      walk(X_SERVICE_SHAPE, ['services', 'api', 'x-infra-review']);
      assert.deepEqual(missing, []);
    });
  });
});
