// Dependencies a Compose service shows only in its environment (docs/formats.md): a value
// whose host (addresses.ts) is another service's name or network alias.

import type { Path } from '../../model/types';
import { isObj } from '../../model/plain-data';

export interface EnvironmentEntry {
  /** The variable's name (`DATABASE_URL`). */
  name: string;
  value: string;
  /** Where the value is, in the document: `environment.NAME` or `environment[i]`. */
  path: Path;
}

/** The entries of `environment` in either of its forms: a mapping, or a list of `NAME=value`. */
export function environmentEntries(environment: unknown, servicePath: Path): EnvironmentEntry[] {
  const base = [...servicePath, 'environment'];
  if (Array.isArray(environment)) {
    const out: EnvironmentEntry[] = [];
    environment.forEach((item, index) => {
      if (typeof item !== 'string') return;
      const eq = item.indexOf('=');
      if (eq > 0) out.push({ name: item.slice(0, eq), value: item.slice(eq + 1), path: [...base, index] });
    });
    return out;
  }
  if (isObj(environment)) {
    return Object.entries(environment)
      .filter(([, value]) => typeof value === 'string')
      .map(([name, value]) => ({ name, value: value as string, path: [...base, name] }));
  }
  return [];
}
