// Graph algorithms for the reference rules, iterative so that a 30,000-deep chain cannot
// exhaust the call stack.

/**
 * Strongly connected components (Tarjan), in the order their roots finish. Only components
 * that hold a cycle are returned: several nodes, or one node with an edge to itself.
 */
export function cyclicComponents(nodes: readonly string[], successors: (node: string) => readonly string[]): string[][] {
  // Nodes are numbered in visit order; the bookkeeping is kept by number, not by name.
  const visit = new Map<string, number>();
  const names: string[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const found: string[][] = [];

  // Each frame remembers how far through its successors it got.
  const frameNode: number[] = [];
  const frameSucc: (readonly string[])[] = [];
  const frameNext: number[] = [];
  const enter = (node: string): void => {
    const v = names.length;
    visit.set(node, v);
    names.push(node);
    low.push(v);
    onStack.push(true);
    stack.push(v);
    frameNode.push(v);
    frameSucc.push(successors(node));
    frameNext.push(0);
  };

  for (const root of nodes) {
    if (visit.has(root)) continue;
    enter(root);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top];
      const succ = frameSucc[top];
      if (frameNext[top] < succ.length) {
        const s = succ[frameNext[top]++];
        const w = visit.get(s);
        if (w === undefined) enter(s);
        else if (onStack[w]) low[v] = Math.min(low[v], w);
        continue;
      }
      frameNode.pop();
      frameSucc.pop();
      frameNext.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === v) {
        const members: string[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          members.push(names[w]);
        } while (w !== v);
        if (members.length > 1 || succ.includes(names[v])) found.push(members);
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
