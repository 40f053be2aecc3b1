// The diagram's colour roles are the SVG export's (server/src/diagram/theme.ts). The
// webview's stylesheet defines each as a CSS variable `--ir-<role in kebab-case>` from
// VS Code's `--vscode-*` colours; the export reads their computed values, so the exported
// SVG looks like the preview. The server accepts only plain colour values.

import { THEME_ROLES } from '../../../server/src/diagram/theme';

export function cssVariableFor(role: string): string {
  return `--ir-${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Reads each role through `read(cssVariable)`, leaving out the empty ones. */
export function collectTheme(read: (variable: string) => string): Record<string, string> {
  const theme: Record<string, string> = {};
  for (const role of THEME_ROLES) {
    const value = read(cssVariableFor(role)).trim();
    if (value) theme[role] = value;
  }
  return theme;
}

export { THEME_ROLES };
