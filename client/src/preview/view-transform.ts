// Zoom and pan of the preview as plain numbers: screen = scene × k + (x, y).

export interface View {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The view that shows the whole scene centred in the viewport, never enlarged past 1:1. */
export function fitView(sceneWidth: number, sceneHeight: number, viewWidth: number, viewHeight: number, margin = 16): View {
  const w = Math.max(sceneWidth, 1);
  const h = Math.max(sceneHeight, 1);
  const k = clampZoom(Math.min(1, (viewWidth - 2 * margin) / w, (viewHeight - 2 * margin) / h));
  return { k, x: (viewWidth - w * k) / 2, y: (viewHeight - h * k) / 2 };
}

/** Zooms by `factor`, keeping the screen point (px, py) over the same scene point. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const k = clampZoom(view.k * factor);
  const ratio = k / view.k;
  return { k, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { k: view.k, x: view.x + dx, y: view.y + dy };
}

/** Pans so that the scene point (sx, sy) sits in the middle of the viewport. */
export function centreOn(view: View, sx: number, sy: number, viewWidth: number, viewHeight: number): View {
  return { k: view.k, x: viewWidth / 2 - sx * view.k, y: viewHeight / 2 - sy * view.k };
}

/** The SVG `transform` attribute for a view: numbers only. */
export function toTransform(view: View): string {
  return `translate(${round(view.x)} ${round(view.y)}) scale(${round(view.k, 10000)})`;
}

function round(n: number, precision = 100): number {
  return Math.round(n * precision) / precision;
}

/** Accepts a view restored from persisted state only if it is made of finite numbers. */
export function isView(value: unknown): value is View {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return [v.x, v.y, v.k].every((n) => typeof n === 'number' && Number.isFinite(n)) && (v.k as number) > 0;
}
