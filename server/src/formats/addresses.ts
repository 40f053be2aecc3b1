// The host names a configuration value points at, for dependencies inferred from the
// environment (Compose services, Kubernetes containers): a URL's host, `host:port`, or the
// whole value when it is one host-like word. A value that merely contains a name among other
// words (a sentence, a shell command) names nothing.

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i;
const HOST_PORT = /^([A-Za-z0-9_][A-Za-z0-9_.-]*):\d{1,5}$/;
const BARE_HOST = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** A host a value points at; `addressed` when the value says it is an address (a URL, or a port after it). */
export interface HostInValue {
  host: string;
  addressed: boolean;
}

/** The host names a value points at (see addressesInValue). */
export function hostsInValue(value: string): string[] {
  return addressesInValue(value).map((a) => a.host);
}

/**
 * The hosts a value points at: a URL's host, each `host:port` of a comma-separated
 * list (`kafka-1:9092,kafka-2:9092`), or the whole value when it is one host-like word.
 */
export function addressesInValue(value: string): HostInValue[] {
  const v = value.trim();
  const url = URL_HOST.exec(v);
  if (url) return [{ host: url[1].toLowerCase(), addressed: true }];
  const parts = v.split(',').map((p) => p.trim());
  if (parts.length > 1 && parts.every((p) => HOST_PORT.test(p))) return parts.map((p) => ({ host: HOST_PORT.exec(p)![1].toLowerCase(), addressed: true }));
  const hostPort = HOST_PORT.exec(v);
  if (hostPort) return [{ host: hostPort[1].toLowerCase(), addressed: true }];
  // A bare number or boolean is a setting, not a host name.
  if (BARE_HOST.test(v) && !/^\d+(\.\d+)*$/.test(v) && !/^(true|false|yes|no|on|off)$/i.test(v)) return [{ host: v.toLowerCase(), addressed: false }];
  return [];
}
