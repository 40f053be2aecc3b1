// What a loaded document is made of, read in the page: every element with its namespace and
// attributes, the diagram's nodes with their texts, the scripts, and whether the diagram is
// visible. Works for a top-level SVG document, an SVG in an iframe and the preview's HTML.

import type { Frame, Page } from 'playwright-core';

export interface InspectedElement {
  name: string;
  ns: string | null;
  attributes: [string, string][];
}

export interface InspectedNode {
  id: string;
  /** The node's own `text` children (label, detail), not its badges'. */
  texts: string[];
  title: string | null;
}

export interface Inspection {
  contentType: string;
  elements: InspectedElement[];
  nodes: InspectedNode[];
  texts: string[];
  titles: string[];
  scripts: { src: string; nonce: string }[];
  /** The diagram's root (svg#ir-diagram, else the document's svg) is displayed and has a size. */
  diagramVisible: boolean;
}

const INSPECT_SCRIPT = String.raw`(() => {
  const root = document.documentElement;
  const diagram = document.getElementById('ir-diagram') || (root.localName === 'svg' ? root : document.querySelector('svg'));
  const box = diagram ? diagram.getBoundingClientRect() : { width: 0, height: 0 };
  const style = diagram ? getComputedStyle(diagram) : null;
  return {
    contentType: document.contentType,
    elements: [root, ...root.querySelectorAll('*')].map((el) => ({
      name: el.localName,
      ns: el.namespaceURI,
      attributes: Array.from(el.attributes, (a) => [a.name, a.value]),
    })),
    nodes: Array.from(document.querySelectorAll('[data-node-id]'), (g) => ({
      id: g.getAttribute('data-node-id'),
      texts: Array.from(g.querySelectorAll(':scope > text'), (t) => t.textContent),
      title: g.querySelector(':scope > title') ? g.querySelector(':scope > title').textContent : null,
    })),
    texts: Array.from(document.querySelectorAll('text'), (t) => t.textContent),
    titles: Array.from(document.querySelectorAll('title'), (t) => t.textContent),
    scripts: Array.from(document.querySelectorAll('script'), (s) => ({ src: s.getAttribute('src') || '', nonce: s.nonce || '' })),
    diagramVisible: !!style && style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0,
  };
})()`;

export async function inspect(target: Page | Frame): Promise<Inspection> {
  return (await target.evaluate(INSPECT_SCRIPT)) as Inspection;
}

/** Elements outside `allowed`, or in another namespace than the allowed one for their name. */
export function unexpectedElements(found: readonly InspectedElement[], allowed: ReadonlyMap<string, string>): string[] {
  return found.filter((el) => allowed.get(el.name) !== el.ns).map((el) => `<${el.name}> in ${el.ns ?? 'no namespace'}`);
}

const ACTIVE_ATTRIBUTE = /^(on|href$|xlink:href$|src$|srcdoc$|style$|formaction$|action$)/i;
/** Attributes that carry text from the file by design (ids and labels), as values only. */
const TEXT_ATTRIBUTE = /^(data-|aria-label$|id$)/;
const ACTIVE_VALUE = /javascript:|url\(|<|expression\(/i;

/**
 * Attributes that could run or load something: event handlers, links, inline styles, and
 * any presentation attribute whose value holds a script URL, a CSS url() or markup.
 */
export function activeAttributes(found: readonly InspectedElement[], except: (el: InspectedElement, name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const el of found) {
    for (const [name, value] of el.attributes) {
      if (except(el, name)) continue;
      if (ACTIVE_ATTRIBUTE.test(name) || (!TEXT_ATTRIBUTE.test(name) && ACTIVE_VALUE.test(value))) out.push(`<${el.name} ${name}="${value.slice(0, 80)}">`);
    }
  }
  return out;
}
