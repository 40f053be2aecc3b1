// Kubernetes manifests read in place (docs/formats.md, "Kubernetes").

import type { FrontEnd } from '../front-end';
import { KUBERNETES_SCHEMA_DOCS } from './annotation-docs';
import { kubernetesLocator } from './locator';
import { parseManifests, parseManifestsCompact } from './parse';
import { readKubernetes } from './read';
import { validateKubernetes } from './validate';

export const kubernetesFrontEnd: FrontEnd = {
  format: 'kubernetes',
  // Kubernetes' own schema is the cluster's; the `infra-review/` annotations are ours.
  schema: KUBERNETES_SCHEMA_DOCS,
  parse: parseManifests,
  parseCompact: parseManifestsCompact,
  validate: validateKubernetes,
  // The list of the documents' data (parse.ts); undefined when the file was not read.
  readable: (parsed) => Array.isArray(parsed.data),
  read(parsed) {
    const reading = readKubernetes(parsed.data);
    return { design: reading.design, locator: kubernetesLocator(reading), notes: reading.notes };
  },
};
