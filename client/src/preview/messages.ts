// The messages between the extension and the preview webview. Types plus one guard: the
// extension checks every message it receives, since the webview draws text from the file.

import type { PreviewAvailability, WhatIfResponse } from '../../../server/src/protocol';
import type { Scene } from '../../../server/src/diagram/scene-types';

export type ExportFormat = 'svg' | 'png';

/** Extension → webview. */
export type ToWebview =
  | { type: 'scene'; uri: string; version: number; fileName: string; scene: Scene; availability?: PreviewAvailability | null }
  | { type: 'message'; text: string }
  | { type: 'highlight'; nodeIds: string[] }
  | { type: 'whatIf'; failedNodeIds: string[]; failedLabels: string[]; result: WhatIfResponse }
  | { type: 'whatIfCleared' }
  /** The blast radius of a focused node: what goes down when all of it fails. */
  | { type: 'blastRadius'; nodeId: string; nodeIds: string[]; components: string[] }
  | { type: 'collectTheme'; requestId: number }
  | { type: 'rasterize'; requestId: number; svg: string; width: number; height: number };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; nodeId: string }
  | { type: 'fail'; nodeId: string }
  | { type: 'blastRadius'; nodeId: string }
  | { type: 'toggleGroup'; group: string }
  | { type: 'resetWhatIf' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'theme'; requestId: number; theme: Record<string, string> }
  | { type: 'png'; requestId: number; base64: string }
  | { type: 'rasterizeFailed'; requestId: number; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Narrows an untrusted webview message to a known shape, or returns undefined. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (!isRecord(message)) return undefined;
  const m = message;
  switch (m.type) {
    case 'ready':
    case 'resetWhatIf':
      return { type: m.type };
    case 'reveal':
    case 'fail':
    case 'blastRadius':
      return typeof m.nodeId === 'string' ? { type: m.type, nodeId: m.nodeId } : undefined;
    case 'toggleGroup':
      return typeof m.group === 'string' ? { type: 'toggleGroup', group: m.group } : undefined;
    case 'export':
      return m.format === 'svg' || m.format === 'png' ? { type: 'export', format: m.format } : undefined;
    case 'theme':
      return typeof m.requestId === 'number' && isStringMap(m.theme) ? { type: 'theme', requestId: m.requestId, theme: m.theme } : undefined;
    case 'png':
      return typeof m.requestId === 'number' && typeof m.base64 === 'string' ? { type: 'png', requestId: m.requestId, base64: m.base64 } : undefined;
    case 'rasterizeFailed':
      return typeof m.requestId === 'number' && typeof m.message === 'string'
        ? { type: 'rasterizeFailed', requestId: m.requestId, message: m.message }
        : undefined;
    default:
      return undefined;
  }
}
