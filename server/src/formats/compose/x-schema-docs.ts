// The `x-infra-review` schema (x-schema.ts) as documentation for hover and completion: the
// shapes that validation checks, written as a JSON Schema so that the lookups of
// model/schema-docs.ts serve Compose files as they serve infra.yaml. The keys are those of
// docs/format.md, so what a nested key or an enum value means (`mode: primary-replica`,
// `backup.offsite`) comes from the infra.yaml schema at the key's model place; the wording
// of each `x-infra-review` key is the Compose front end's own (x-schema.ts `docs`).

import { INFRA_SCHEMA_DOCS, schemaDocs } from '../../model/schema-docs';
import type { SchemaDocs, SchemaNode } from '../../model/schema-docs';
import type { Path } from '../../model/types';
import { X_KEY } from './read';
import { X_SERVICE_DOC, X_SERVICE_SHAPE, X_TOP_LEVEL_DOC, X_TOP_LEVEL_SHAPE } from './x-schema';
import type { Shape } from './x-schema';

/** Where infra.yaml writes what a top-level `x-infra-review` key says (`host` is the Docker engine, a host). */
const TOP_LEVEL_TWINS: Record<string, Path> = { host: ['hosts', 'docker-engine'] };

/**
 * `shape` as a schema node. `twin` is the infra.yaml path that means the same (undefined
 * where there is none); `doc` the Compose wording of the key, which wins over the twin's.
 */
function toSchemaNode(shape: Shape, twin: Path | undefined, doc?: string): SchemaNode {
  const twinDoc = twin && INFRA_SCHEMA_DOCS.describePath(twin);
  const node: SchemaNode = {};
  const markdown = doc ?? twinDoc?.markdown;
  if (markdown !== undefined) node.markdownDescription = markdown;
  const description = doc ?? (twin && INFRA_SCHEMA_DOCS.schemaAt(twin)?.description);
  if (description !== undefined) node.description = description;
  switch (shape.kind) {
    case 'any':
      return node;
    case 'string':
    case 'boolean':
      return { ...node, type: shape.kind };
    case 'number':
      return { ...node, type: shape.integer ? 'integer' : 'number' };
    case 'enum': {
      const twinValues = twin ? INFRA_SCHEMA_DOCS.enumValuesAt(twin) : [];
      const valueDoc = (v: string) => shape.docs?.[v] ?? twinValues.find((t) => t.value === v)?.markdown ?? '';
      return { ...node, type: 'string', enum: [...shape.values], markdownEnumDescriptions: shape.values.map(valueDoc) };
    }
    case 'list':
      return { ...node, type: 'array', items: toSchemaNode(shape.item, twin && [...twin, 0]) };
    case 'either':
      return { ...node, anyOf: shape.options.map((option) => toSchemaNode(option, twin)) };
    case 'object': {
      const properties: Record<string, SchemaNode> = {};
      for (const [key, sub] of Object.entries(shape.keys)) properties[key] = toSchemaNode(sub, twin && [...twin, key], shape.docs?.[key]);
      return { ...node, type: 'object', properties, additionalProperties: shape.open === true };
    }
  }
}

function topLevelNode(): SchemaNode {
  const properties: Record<string, SchemaNode> = {};
  for (const [key, sub] of Object.entries(X_TOP_LEVEL_SHAPE.keys)) {
    const twin = key === 'platform' ? undefined : (TOP_LEVEL_TWINS[key] ?? [key]);
    properties[key] = toSchemaNode(sub, twin, X_TOP_LEVEL_SHAPE.docs?.[key]);
  }
  return { type: 'object', markdownDescription: X_TOP_LEVEL_DOC, description: X_TOP_LEVEL_DOC, properties, additionalProperties: false };
}

/** The documentation of a Compose file: `x-infra-review` at the top level and on each service. */
export const COMPOSE_SCHEMA_DOCS: SchemaDocs = schemaDocs({
  type: 'object',
  properties: {
    services: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        // The service's Compose keys are Docker's to document; only its `x-infra-review` is ours.
        properties: { [X_KEY]: toSchemaNode(X_SERVICE_SHAPE, ['components', 'service'], X_SERVICE_DOC) },
      },
    },
    [X_KEY]: topLevelNode(),
  },
});
