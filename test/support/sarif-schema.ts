// The SARIF 2.1.0 JSON Schema (the copy @microsoft/jest-sarif ships, a draft-04 schema),
// compiled once with Ajv for the formatter and CLI tests.

import * as fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

let validator: ValidateFunction | undefined;

/** The schema errors of a SARIF log, as readable lines; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The schema's language-tag pattern is not a valid Unicode-mode regular expression.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  if (validator(log)) return [];
  return (validator.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
