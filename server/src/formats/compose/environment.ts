// Dependencies a Compose service shows only in its environment (docs/formats.md): a value
// whose host — a URL's host, `host:port`, or the whole value — is another service's name or
// network alias. A value that merely contains a name among other words names nothing.

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

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i;
const HOST_PORT = /^([A-Za-z0-9_][A-Za-z0-9_.-]*):\d{1,5}$/;
const BARE_HOST = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The host names a value points at: a URL's host, each `host:port` of a comma-separated
 * list (`kafka-1:9092,kafka-2:9092`), or the whole value when it is one host-like word.
 */
export function hostsInValue(value: string): string[] {
  const v = value.trim();
  const url = URL_HOST.exec(v);
  if (url) return [url[1].toLowerCase()];
  const parts = v.split(',').map((p) => p.trim());
  if (parts.length > 1 && parts.every((p) => HOST_PORT.test(p))) return parts.map((p) => HOST_PORT.exec(p)![1].toLowerCase());
  const hostPort = HOST_PORT.exec(v);
  if (hostPort) return [hostPort[1].toLowerCase()];
  // A bare number or boolean is a setting, not a host name.
  if (BARE_HOST.test(v) && !/^\d+(\.\d+)*$/.test(v) && !/^(true|false|yes|no|on|off)$/i.test(v)) return [v.toLowerCase()];
  return [];
}
