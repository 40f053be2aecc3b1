// The front ends by format (docs/formats.md).

import { detectFormat } from './detect';
import type { FormatId } from './detect';
import type { FrontEnd, FrontEndOptions } from './front-end';
import { infraFrontEnd } from './infra/front-end';
import { composeFrontEnd } from './compose/front-end';
import { kubernetesFrontEnd } from './kubernetes/front-end';

const FRONT_ENDS: Record<FormatId, FrontEnd> = {
  infra: infraFrontEnd,
  compose: composeFrontEnd,
  kubernetes: kubernetesFrontEnd,
};

export function frontEndFor(format: FormatId): FrontEnd {
  return FRONT_ENDS[format];
}

export { detectFormat, FORMAT_IDS } from './detect';
export type { DetectedFormat, FormatId } from './detect';
export type { DesignReading, FrontEnd, FrontEndOptions, Locator } from './front-end';

/**
 * The analysis options a file's name (and, for a YAML file of no known name, its content)
 * implies: its format and what the name tells its front end. A file no format claims is
 * read as infra.yaml (the CLI reads a file named explicitly whatever its name).
 */
export function formatOptionsFor(pathOrUri: string, profiles?: readonly string[], content?: string): { format: FormatId; frontEnd: FrontEndOptions } {
  const detected = detectFormat(pathOrUri, content);
  return { format: detected?.format ?? 'infra', frontEnd: { swarm: detected?.swarm ?? false, profiles } };
}
