// The `infra-review/` annotations (annotations.ts) as documentation for hover and completion:
// the same keys, words and closed value sets that validation reads, written as a JSON Schema
// so that the lookups of model/schema-docs.ts serve manifests as they serve infra.yaml and
// Compose. What an enum value means (`mode: primary-replica`) comes from the infra.yaml
// schema at the key's model place. The rest of a manifest is Kubernetes' to document.
//
// A document path starts with the document's index (`[2, 'metadata', ...]`, from the parse)
// but completion's path, read from the text at the cursor, starts inside the document
// (`['metadata', ...]`): the root takes both. Kubernetes' own keys are `patternProperties`,
// which lead to the annotations without being offered as keys of their own.

import { INFRA_SCHEMA_DOCS, schemaDocs } from '../../model/schema-docs';
import type { SchemaDocs, SchemaNode } from '../../model/schema-docs';
import type { Path } from '../../model/types';
import { ANNOTATION_PREFIX, DESIGN_ANNOTATIONS, WORKLOAD_ANNOTATIONS } from './annotations';
import type { AnnotationKey } from './annotations';

/** Where infra.yaml writes what a design annotation says. */
const DESIGN_TWINS: Record<string, Path> = { load: ['load', 'peak'], slo: ['slo'] };

const WORKLOAD_KINDS_TEXT = 'Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod';

function annotationNode(key: AnnotationKey, twin: Path, where: string): SchemaNode {
  const markdown = `${key.doc}\n\n${where}`;
  const node: SchemaNode = { type: 'string', markdownDescription: markdown, description: key.doc };
  if (key.values) {
    const twinValues = INFRA_SCHEMA_DOCS.enumValuesAt(twin);
    node.enum = [...key.values];
    node.markdownEnumDescriptions = key.values.map((v) => twinValues.find((t) => String(t.value) === v)?.markdown ?? '');
  }
  return node;
}

function annotationsNode(): SchemaNode {
  const properties: Record<string, SchemaNode> = {};
  for (const [name, key] of Object.entries(WORKLOAD_ANNOTATIONS)) {
    properties[`${ANNOTATION_PREFIX}${name}`] = annotationNode(key, ['components', 'component', name], `Read on a workload (${WORKLOAD_KINDS_TEXT}).`);
  }
  for (const [name, key] of Object.entries(DESIGN_ANNOTATIONS)) {
    properties[`${ANNOTATION_PREFIX}${name}`] = annotationNode(key, DESIGN_TWINS[name] ?? [name], 'About the whole design: read on any object, the first that says it wins.');
  }
  return { type: 'object', properties };
}

const only = (key: string, node: SchemaNode): Record<string, SchemaNode> => ({ [`^${key}$`]: node });

const OBJECT: SchemaNode = {
  type: 'object',
  patternProperties: {
    ...only('metadata', { type: 'object', patternProperties: only('annotations', annotationsNode()) }),
    // The items of a `kind: List`.
    ...only('items', { type: 'array', items: { $ref: '#/definitions/object' } }),
  },
};

/** The documentation of a manifest: the `infra-review/` annotations of every object. */
export const KUBERNETES_SCHEMA_DOCS: SchemaDocs = schemaDocs({
  ...OBJECT,
  type: ['array', 'object'],
  items: { $ref: '#/definitions/object' },
  definitions: { object: OBJECT },
} as SchemaNode);
