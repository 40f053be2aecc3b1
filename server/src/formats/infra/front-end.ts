// infra.yaml (docs/format.md): the format the model is written in, so its paths are the
// model's paths.

import { buildDesign } from '../../model/build';
import { parseCompact, parseText } from '../../model/parse';
import { INFRA_SCHEMA_DOCS } from '../../model/schema-docs';
import { validateSchema } from '../../model/validate';
import { IDENTITY_LOCATOR } from '../front-end';
import type { FrontEnd } from '../front-end';

export const infraFrontEnd: FrontEnd = {
  format: 'infra',
  parse: parseText,
  parseCompact,
  validate: (parsed) => (parsed.data === undefined ? [] : validateSchema(parsed)),
  read: (parsed) => ({
    design: buildDesign(isMapping(parsed.data) ? parsed.data : {}),
    locator: IDENTITY_LOCATOR,
    notes: [],
  }),
  schema: INFRA_SCHEMA_DOCS,
};

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
