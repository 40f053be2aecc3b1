// The extension's own settings (the server reads `infraReview.rules` itself). Parsing is
// pure so that odd values in settings.json fall back to the defaults the manifest declares.

export interface PreviewSettings {
  autoOpen: boolean;
  followCursor: boolean;
  debounceMs: number;
  exportTheme: 'current' | 'light';
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { autoOpen: false, followCursor: true, debounceMs: 300, exportTheme: 'current' };

/** `get` reads a key under `infraReview.` (e.g. `preview.debounceMs`). */
export function readPreviewSettings(get: (key: string) => unknown): PreviewSettings {
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const debounce = get('preview.debounceMs');
  const theme = get('export.theme');
  return {
    autoOpen: bool('preview.autoOpen', DEFAULT_PREVIEW_SETTINGS.autoOpen),
    followCursor: bool('preview.followCursor', DEFAULT_PREVIEW_SETTINGS.followCursor),
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) ? Math.min(5000, Math.max(0, Math.round(debounce))) : DEFAULT_PREVIEW_SETTINGS.debounceMs,
    exportTheme: theme === 'light' || theme === 'current' ? theme : DEFAULT_PREVIEW_SETTINGS.exportTheme,
  };
}
