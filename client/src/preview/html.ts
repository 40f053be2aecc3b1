// The preview's HTML shell. It holds no text from the file: the script fills the diagram in
// with DOM calls. The Content-Security-Policy allows only the extension's own script (by
// nonce) and stylesheet, and images from data: URLs (the PNG export draws one).

export interface PreviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every HTML document: 32 hex digits. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** A nonce from 16 random bytes, as hex (callers pass crypto-random bytes). */
export function nonceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error('a nonce needs at least 16 random bytes');
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** For a value inside double quotes. */
function attr(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

export function buildPreviewHtml(input: PreviewHtmlInput): string {
  if (!/^[0-9a-f]{32,}$/.test(input.nonce)) throw new Error('nonce must be hex from nonceFromBytes');
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(input.styleUri)}">
<title>Infra Review diagram</title>
</head>
<body>
<div id="ir-toolbar" role="toolbar" aria-label="Diagram tools">
<button type="button" id="ir-zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" id="ir-zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
<button type="button" id="ir-zoom-fit" title="Fit to window (0)" aria-label="Fit to window">Fit</button>
<span class="ir-separator"></span>
<button type="button" id="ir-fail" title="Fail the selected host, zone or instance (F)" disabled>Fail this</button>
<button type="button" id="ir-reset" title="Bring every failed element back up" disabled>Reset</button>
<span class="ir-separator"></span>
<button type="button" id="ir-heat" title="Colour zones, hosts and instances by their share of the downtime" aria-pressed="false" disabled>Heat map</button>
<span class="ir-separator"></span>
<button type="button" id="ir-focus" title="Show only the selected element, what it depends on, what depends on it, and what goes down with it (N)" disabled>Focus</button>
<button type="button" id="ir-collapse" title="Collapse the selected group into one node, or expand it (C)" disabled>Collapse group</button>
<button type="button" id="ir-dashed" title="Hide optional and inferred dependencies (the dashed arrows) (D)" aria-pressed="false">Hide dashed</button>
<span class="ir-search" role="search">
<input type="search" id="ir-search" placeholder="Find a node (/)" aria-label="Find a node by name or id" aria-describedby="ir-search-count" autocomplete="off" spellcheck="false">
<span id="ir-search-count" aria-live="polite"></span>
</span>
<span class="ir-separator"></span>
<button type="button" id="ir-export-svg" title="Export the diagram as SVG">Export SVG</button>
<button type="button" id="ir-export-png" title="Export the diagram as PNG">Export PNG</button>
<span id="ir-title" class="ir-title"></span>
</div>
<div id="ir-availability" role="status" aria-live="polite" hidden></div>
<div id="ir-banner" role="status" aria-live="polite" hidden></div>
<div id="ir-focus-bar" role="status" aria-live="polite" hidden><span id="ir-focus-text"></span> <button type="button" id="ir-unfocus" title="Show the whole diagram again (Escape)">Show all</button></div>
<div id="ir-stage">
<svg id="ir-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Infrastructure diagram"><g id="ir-viewport"></g></svg>
<div id="ir-message" role="status" aria-live="polite">Waiting for the diagram&#x2026;</div>
</div>
<div id="ir-legend" aria-label="Legend"></div>
<div id="ir-heat-legend" aria-label="Heat map legend" hidden></div>
<script nonce="${input.nonce}" src="${attr(input.scriptUri)}"></script>
</body>
</html>
`;
}
