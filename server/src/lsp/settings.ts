// The server's settings (`infraReview.*`), read from whatever the client sends. Unknown
// or malformed values are ignored, never fatal: a typo in settings.json must not stop the server.

import type { SeveritySetting } from '../model/findings';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface ServerSettings {
  /** `infraReview.rules.<id>`: per-rule severity, or off. */
  rules: Record<string, SeveritySetting>;
  /** `infraReview.trace.server`: verbose also logs each analysis and its time. */
  trace: TraceLevel;
  /** `infraReview.compose.profiles`: Compose profiles whose services are reviewed too. */
  composeProfiles: string[];
}

export const SETTINGS_SECTION = 'infraReview';

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, trace: 'off', composeProfiles: [] };

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];
const TRACE_LEVELS: readonly string[] = ['off', 'messages', 'verbose'];

/** The `infraReview` section as the client sent it → settings. */
export function parseSettings(section: unknown): ServerSettings {
  const rules: Record<string, SeveritySetting> = {};
  const raw = isObject(section) ? section : {};
  if (isObject(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (typeof value === 'string' && SEVERITY_SETTINGS.includes(value)) rules[id] = value as SeveritySetting;
    }
  }
  // Both `trace: { server }` (nested) and a flat `"trace.server"` key occur in clients' payloads.
  const trace = isObject(raw.trace) ? raw.trace.server : raw['trace.server'];
  const compose = isObject(raw.compose) ? raw.compose.profiles : raw['compose.profiles'];
  const composeProfiles = Array.isArray(compose) ? compose.filter((p): p is string => typeof p === 'string') : [];
  return { rules, trace: typeof trace === 'string' && TRACE_LEVELS.includes(trace) ? (trace as TraceLevel) : 'off', composeProfiles };
}

/** A stable key: analyses made with equal settings are interchangeable. */
export function settingsKey(s: ServerSettings): string {
  return JSON.stringify([Object.entries(s.rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), [...s.composeProfiles].sort()]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
