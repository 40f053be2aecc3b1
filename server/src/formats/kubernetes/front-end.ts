// Kubernetes manifests read in place (docs/formats.md, "Kubernetes").

import type { SchemaDocs } from '../../model/schema-docs';
import type { FrontEnd } from '../front-end';
import { kubernetesLocator } from './locator';
import { parseManifests } from './parse';
import { readKubernetes } from './read';
import { validateKubernetes } from './validate';

// Manifests are Kubernetes' own schema, which infra-review does not describe; the
// `infra-review/` annotations are validated (validate.ts) but not yet described to hover and
// completion.
const NO_SCHEMA_DOCS: SchemaDocs = {
  schemaAt: () => undefined,
  describePath: () => undefined,
  propertiesAt: () => [],
  enumValuesAt: () => [],
  snippetsAt: () => [],
};

export const kubernetesFrontEnd: FrontEnd = {
  format: 'kubernetes',
  schema: NO_SCHEMA_DOCS,
  parse: parseManifests,
  validate: validateKubernetes,
  // The list of the documents' data (parse.ts); undefined when the file was not read.
  readable: (parsed) => Array.isArray(parsed.data),
  read(parsed) {
    const reading = readKubernetes(parsed.data);
    return { design: reading.design, locator: kubernetesLocator(reading), notes: reading.notes };
  },
};
