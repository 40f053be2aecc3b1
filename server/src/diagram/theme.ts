// Colours of the SVG export, by role. The preview passes the colours of the current VS Code
// theme (read from its --vscode-* variables); anything that is not a plain colour value is
// replaced by the light theme's, so a theme can never smuggle `url(...)` or markup in.

import type { SceneStatus } from './scene-types';

export const THEME_ROLES = [
  'background',
  'foreground',
  'muted',
  'border',
  'zoneFill',
  'hostFill',
  'instanceFill',
  'dnsFill',
  'ok',
  'spof',
  'spofFill',
  'error',
  'warning',
  'info',
  'edge',
  'down',
  'degraded',
  'badgeText',
] as const;
export type ThemeRole = (typeof THEME_ROLES)[number];
export type Theme = Record<ThemeRole, string>;

export const LIGHT_THEME: Theme = {
  background: '#ffffff',
  foreground: '#1f2328',
  muted: '#57606a',
  border: '#8c959f',
  zoneFill: '#f3f6fa',
  hostFill: '#ffffff',
  instanceFill: '#eef4ff',
  dnsFill: '#f6f0ff',
  ok: '#2e7d32',
  spof: '#d1242f',
  spofFill: '#ffebe9',
  error: '#d1242f',
  warning: '#bf8700',
  info: '#0969da',
  edge: '#57606a',
  down: '#9ea7b3',
  degraded: '#8250df',
  badgeText: '#ffffff',
};

export const DARK_THEME: Theme = {
  background: '#1e1e1e',
  foreground: '#d4d4d4',
  muted: '#a0a0a0',
  border: '#6e7681',
  zoneFill: '#252526',
  hostFill: '#2d2d30',
  instanceFill: '#1f2a3a',
  dnsFill: '#2a2238',
  ok: '#57ab5a',
  spof: '#f85149',
  spofFill: '#3d1e20',
  error: '#f85149',
  warning: '#d29922',
  info: '#58a6ff',
  edge: '#8b949e',
  down: '#6e7681',
  degraded: '#a371f7',
  badgeText: '#ffffff',
};

const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/+-]*\))$/i;

/** True for a hex colour, a colour keyword or an rgb()/hsl() value: nothing else is used. */
export function isSafeColour(value: string): boolean {
  return value.length <= 64 && COLOUR.test(value.trim());
}

/** The light theme with every safe colour of `overrides` applied; unknown roles are ignored. */
export function resolveTheme(overrides: Partial<Record<string, string>> = {}): Theme {
  const theme: Theme = { ...LIGHT_THEME };
  for (const role of THEME_ROLES) {
    const value = overrides[role];
    if (typeof value === 'string' && isSafeColour(value)) theme[role] = value.trim();
  }
  return theme;
}

/** The colour that marks a status (what-if states included). */
export function statusColour(theme: Theme, status: SceneStatus | 'down' | 'degraded'): string {
  return theme[status];
}
