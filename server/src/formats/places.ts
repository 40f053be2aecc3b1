// Where a front end writes each element of the model: model paths → document paths, looked up
// by the longest prefix of a model path that has a place (a finding about
// `components.web.replicas` goes where `components.web` is written, unless the front end
// placed that field itself). A tree of path segments, so that a look-up builds no key.

import type { Path } from '../model/types';

interface PlaceNode {
  children: Map<string | number, PlaceNode>;
  model?: Path;
  place?: Path;
}

/** A document path as a map key (the reverse look-ups, document path → model path, use it). */
export const placeKey = (path: Path): string => JSON.stringify(path);

export class Places {
  private readonly root: PlaceNode = { children: new Map() };
  /** The placed nodes, in the order they were first placed. */
  private readonly placed: PlaceNode[] = [];

  /** Places `model` at `doc`; a second place for the same model path replaces the first. */
  set(model: Path, doc: Path): void {
    let node = this.root;
    for (const segment of model) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
    if (!node.place) {
      node.model = model;
      this.placed.push(node);
    }
    node.place = doc;
  }

  /** The place of the longest non-empty prefix of `model` that has one, and that prefix's length. */
  longestPrefix(model: Path): { length: number; place: Path } | undefined {
    let node: PlaceNode | undefined = this.root;
    let found: { length: number; place: Path } | undefined;
    for (let i = 0; i < model.length; i++) {
      node = node.children.get(model[i]);
      if (!node) break;
      if (node.place) found = { length: i + 1, place: node.place };
    }
    return found;
  }

  /** Every placed model path and its place, in the order they were first placed. */
  *entries(): IterableIterator<[Path, Path]> {
    for (const node of this.placed) yield [node.model!, node.place!];
  }
}
