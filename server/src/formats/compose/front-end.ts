// Docker Compose files read in place (docs/formats.md, "Docker Compose").

import { parseCompact, parseText } from '../../model/parse';
import type { FrontEnd } from '../front-end';
import { composeLocator } from './locator';
import { readCompose } from './read';
import { validateCompose } from './validate';
import { COMPOSE_SCHEMA_DOCS } from './x-schema-docs';

export const composeFrontEnd: FrontEnd = {
  format: 'compose',
  parse: parseText,
  parseCompact,
  validate: validateCompose,
  read(parsed, options) {
    const reading = readCompose(parsed.data, options);
    return { design: reading.design, locator: composeLocator(reading, parsed.data), notes: reading.notes };
  },
  schema: COMPOSE_SCHEMA_DOCS,
};
