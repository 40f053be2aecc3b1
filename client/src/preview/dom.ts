// The few DOM operations the preview's renderer uses. The browser's DOM provides them; the
// tests provide a small shim. Keeping the renderer on this interface means it can only set
// text through `textContent` and attributes through `setAttribute`: there is no way to
// write markup.

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DomClassList {
  add(...tokens: string[]): void;
  remove(...tokens: string[]): void;
  toggle(token: string, force?: boolean): boolean;
  contains(token: string): boolean;
}

export interface DomElement {
  readonly children: ArrayLike<unknown>;
  readonly classList: DomClassList;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  getAttribute(name: string): string | null;
  appendChild(child: DomElement): unknown;
  insertBefore(child: DomElement, reference: DomElement | null): unknown;
  removeChild(child: DomElement): unknown;
  replaceChildren(...children: DomElement[]): void;
}

export interface DomDocument {
  createElementNS(namespace: string, qualifiedName: string): DomElement;
}
