import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPONENT_TYPE_TABLE, COMPONENT_TYPES, typeOfImage } from '../src/model/component-types';
import type { ComponentType } from '../src/model/component-types';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/infra.schema.json'), 'utf8'));

/** Every `enum` in the schema whose values include "load-balancer": the component-type lists. */
function componentTypeEnums(node: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(node)) node.forEach((n) => componentTypeEnums(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value) && value.includes('load-balancer')) out.push(value as string[]);
      else componentTypeEnums(value, out);
    }
  }
  return out;
}

/** The `if` of the schema's `primary-replica` condition: the types that may NOT replicate are "not" these. */
function replicatingTypesInSchema(): string[] {
  const component = schema.$defs?.component ?? schema.definitions?.component;
  const condition = component.allOf.find((c: { if?: unknown }) => c.if);
  return condition.if.properties.type.not.enum;
}

describe('component-type table', () => {
  it('is the schema\'s component type enum, in the same order', () => {
    const enums = componentTypeEnums(schema);
    assert.ok(enums.length >= 1);
    for (const values of enums) assert.deepEqual(values, COMPONENT_TYPES);
  });

  it('gives the schema one enum description per type', () => {
    const component = schema.$defs?.component ?? schema.definitions?.component;
    assert.equal(component.properties.type.markdownEnumDescriptions.length, COMPONENT_TYPES.length);
  });

  it('marks as replicating exactly the types the schema lets be primary-replica', () => {
    const replicating = COMPONENT_TYPES.filter((t) => COMPONENT_TYPE_TABLE[t].replicates);
    assert.deepEqual([...replicatingTypesInSchema()].sort(), [...replicating].sort());
  });

  it('puts every image name under one type only', () => {
    const seen = new Map<string, ComponentType>();
    for (const type of COMPONENT_TYPES) {
      for (const image of COMPONENT_TYPE_TABLE[type].images) {
        assert.equal(seen.get(image), undefined, `${image} is under ${seen.get(image)} and ${type}`);
        seen.set(image, type);
      }
    }
  });

  const images: [string, ComponentType | undefined][] = [
    ['postgres', 'database'],
    ['postgres:16-alpine', 'database'],
    ['docker.io/library/mysql:8', 'database'],
    ['bitnami/postgresql:16', 'database'],
    ['mariadb@sha256:0123abcd', 'database'],
    ['redis:7', 'cache'],
    ['valkey/valkey:8', 'cache'],
    ['rabbitmq:3-management', 'queue'],
    ['bitnami/kafka', 'queue'],
    ['traefik:v3', 'load-balancer'],
    ['nginx:1.27', 'web-server'],
    ['minio/minio', 'storage'],
    ['grafana/grafana', 'monitoring'],
    ['redis-stack', 'cache'],
    ['my-org/api:1.2', undefined],
    ['ghcr.io/acme/postgres-backup', undefined],
    ['mysql-server:8.0', 'database'],
    ['acme/mypostgres', undefined],
    ['', undefined],
  ];
  for (const [image, type] of images) {
    it(`reads the image ${JSON.stringify(image)} as ${type ?? 'no type'}`, () => {
      assert.equal(typeOfImage(image), type);
    });
  }
});
