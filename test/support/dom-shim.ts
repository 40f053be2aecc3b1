// A tiny DOM for testing the preview's renderer in Node: elements with attributes, children,
// classList and textContent. It has no way to parse markup: `innerHTML` throws, so a test
// fails if the renderer ever reaches for it.

import type { DomClassList, DomDocument, DomElement } from '../../client/src/preview/dom';

export class ShimElement implements DomElement {
  readonly children: ShimElement[] = [];
  parent: ShimElement | undefined;
  private readonly attributes = new Map<string, string>();
  private text: string | null = null;
  readonly classList: DomClassList;

  constructor(
    readonly namespace: string,
    readonly tagName: string,
  ) {
    const tokens = (): string[] => (this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
    const write = (list: string[]): void => this.setAttribute('class', list.join(' '));
    this.classList = {
      add: (...t) => write([...new Set([...tokens(), ...t])]),
      remove: (...t) => write(tokens().filter((x) => !t.includes(x))),
      toggle: (t, force) => {
        const on = force ?? !tokens().includes(t);
        if (on) write([...new Set([...tokens(), t])]);
        else write(tokens().filter((x) => x !== t));
        return on;
      },
      contains: (t) => tokens().includes(t),
    };
  }

  get textContent(): string | null {
    return this.text ?? this.children.map((c) => c.textContent ?? '').join('');
  }

  set textContent(value: string | null) {
    for (const c of this.children) c.parent = undefined;
    this.children.length = 0;
    this.text = value;
  }

  get innerHTML(): string {
    throw new Error('innerHTML read');
  }

  set innerHTML(_value: string) {
    throw new Error('innerHTML written');
  }

  setAttribute(name: string, value: string): void {
    if (/^on/i.test(name)) throw new Error(`event handler attribute ${name}`);
    this.attributes.set(name, String(value));
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  attributeEntries(): [string, string][] {
    return [...this.attributes];
  }

  appendChild(child: DomElement): unknown {
    return this.insertBefore(child, null);
  }

  insertBefore(child: DomElement, reference: DomElement | null): unknown {
    const node = child as ShimElement;
    if (node.parent) node.parent.removeChild(node);
    this.text = null;
    const at = reference === null ? this.children.length : this.children.indexOf(reference as ShimElement);
    if (at < 0) throw new Error('reference is not a child');
    this.children.splice(at, 0, node);
    node.parent = this;
    return node;
  }

  removeChild(child: DomElement): unknown {
    const at = this.children.indexOf(child as ShimElement);
    if (at < 0) throw new Error('not a child');
    this.children.splice(at, 1);
    (child as ShimElement).parent = undefined;
    return child;
  }

  replaceChildren(...children: DomElement[]): void {
    this.textContent = null;
    this.text = null;
    for (const c of children) this.appendChild(c);
  }

  /** Every element below this one, depth first. */
  *descendants(): Generator<ShimElement> {
    for (const c of this.children) {
      yield c;
      yield* c.descendants();
    }
  }

  /** XML with text and attributes escaped, as a browser would serialize the tree. */
  serialize(): string {
    const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const attrs = this.attributeEntries()
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
    const inner = this.text !== null ? esc(this.text) : this.children.map((c) => c.serialize()).join('');
    return `<${this.tagName}${attrs}>${inner}</${this.tagName}>`;
  }
}

export class ShimDocument implements DomDocument {
  readonly created: ShimElement[] = [];

  createElementNS(namespace: string, qualifiedName: string): ShimElement {
    const el = new ShimElement(namespace, qualifiedName);
    this.created.push(el);
    return el;
  }
}

/**
 * The renderer's node layers read as one (containers, then leaves, in paint order): a
 * detached element whose children are theirs, for tests that look nodes up by id.
 */
export function nodeLayers(root: ShimElement): ShimElement {
  const both = new ShimElement(root.namespace, 'g');
  both.children.push(...root.children[0].children, ...root.children[2].children);
  return both;
}
