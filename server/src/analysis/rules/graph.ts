// Graph algorithms for the reference rules, iterative so that a 30,000-deep chain cannot
// exhaust the call stack.

/**
 * Strongly connected components (Tarjan), in the order their roots finish. Only components
 * that hold a cycle are returned: several nodes, or one node with an edge to itself.
 */
export function cyclicComponents(nodes: readonly string[], successors: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame remembers how far through its successors it got.
    const frames: { node: string; succ: readonly string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, succ: successors(node), i: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.i < frame.succ.length) {
        const s = frame.succ[frame.i++];
        if (!index.has(s)) enter(s);
        else if (onStack.has(s)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(s)!));
        continue;
      }
      frames.pop();
      const v = frame.node;
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          members.push(w);
        } while (w !== v);
        if (members.length > 1 || frame.succ.includes(v)) found.push(members);
      }
    }
  }
  return found;
}

/**
 * A shortest cycle through `start` inside `members` (a strongly connected set), as the
 * node list start → … → start. Breadth-first, so linear in the size of the component.
 */
export function cycleThrough(start: string, members: ReadonlySet<string>, successors: (node: string) => readonly string[]): string[] {
  const parent = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const s of successors(v)) {
      if (!members.has(s)) continue;
      if (s === start) {
        const path = [start];
        for (let u = v; u !== start; u = parent.get(u)!) path.push(u);
        path.push(start);
        // path is start, v, parent(v)…; the walk back from v lists the cycle in reverse.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!parent.has(s) && s !== start) {
        parent.set(s, v);
        queue.push(s);
      }
    }
  }
  return [start, start];
}
