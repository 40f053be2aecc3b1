// The payloads e2e/fixtures/hostile.infra.yaml carries in every free-text field the diagram
// draws. Each must reach the page as text, never as markup, script, style or a link.

import * as fs from 'fs';
import * as path from 'path';
import { E2E_ROOT } from './paths';

export const HOSTILE_DESIGN_FILE = path.join(E2E_ROOT, 'fixtures', 'hostile.infra.yaml');

export function readHostileDesign(): string {
  return fs.readFileSync(HOSTILE_DESIGN_FILE, 'utf8');
}

export const RLO = '\u202E';

/** Markup, script URLs, CSS, template syntax and a direction override. */
export const HOSTILE_PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  // Well-formed XML: unescaped, it would still parse, and run, in an SVG document.
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '"><style>*{display:none}</style>',
  'url(javascript:alert(1))',
  `${RLO}gnp.exe`,
  "{{constructor.constructor('alert(1)')()}}",
];

/** Bidi embeddings, overrides, isolates and marks: none may reach the screen unescaped. */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** What a negative control injects as markup: handlers that call the trapped `alert`. */
export const UNSAFE_MARKUP =
  '<img src="x" onerror="alert(\'img\')"><svg onload="alert(\'svg\')"></svg><style>*{display:none}</style>';
