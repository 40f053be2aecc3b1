// A finding's identity across versions of a design: its rule and its target, never its
// line (an edit above it moves the line) nor its message (which quotes counts and names
// that change). `diff`, baselines and SARIF fingerprints all match findings through this
// module, so the three agree on what "the same finding" is.

import type { Target } from '../model/findings';

/** What identity needs of a finding: the engine's `Finding` and a baseline's JSON both qualify. */
export interface Identified {
  rule: string;
  target: Target;
  message: string;
}

/** The key findings are matched by. */
export function identityKey(f: Identified): string {
  return `${f.rule}\u0000${f.target.kind}\u0000${f.target.id}`;
}

/**
 * Each finding's key with its ordinal among the findings that share the key, in the order
 * given (document order): `spof|host|web-1#0`. Stable under line moves; SARIF uses it as
 * the partial fingerprint.
 */
export function occurrenceKeys(findings: readonly Identified[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = identityKey(f);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}#${n}`;
  });
}

export interface FindingMatch<B, A> {
  /** In `after` and not in `before`. */
  added: A[];
  /** In `before` and not in `after`. */
  removed: B[];
  /** Pairs judged the same finding. */
  kept: { before: B; after: A }[];
}

/**
 * Matches two lists of findings by rule and target, as multisets: when a key occurs twice
 * before and three times after, one finding is added. Within a key, findings with the same
 * message pair first, the rest in the order given; so the one reported as added is the new
 * one when messages tell them apart.
 */
export function matchFindings<B extends Identified, A extends Identified>(before: readonly B[], after: readonly A[]): FindingMatch<B, A> {
  const byKey = groupBy(before, identityKey);
  const byKeyAndMessage = groupBy(before, (f) => `${identityKey(f)}\u0000${f.message}`);
  const taken = new Set<B>();
  const pairOf = new Map<A, B>();
  // First pass: same key and same message.
  for (const f of after) {
    const b = nextFree(byKeyAndMessage.get(`${identityKey(f)}\u0000${f.message}`), taken);
    if (b) pairOf.set(f, b);
  }
  // Second pass: same key, in the order given.
  for (const f of after) {
    if (pairOf.has(f)) continue;
    const b = nextFree(byKey.get(identityKey(f)), taken);
    if (b) pairOf.set(f, b);
  }
  const added: A[] = [];
  const kept: { before: B; after: A }[] = [];
  for (const f of after) {
    const b = pairOf.get(f);
    if (b) kept.push({ before: b, after: f });
    else added.push(f);
  }
  return { added, removed: before.filter((f) => !taken.has(f)), kept };
}

interface Queue<T> {
  items: T[];
  next: number;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, Queue<T>> {
  const groups = new Map<string, Queue<T>>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.items.push(item);
    else groups.set(k, { items: [item], next: 0 });
  }
  return groups;
}

/** The first item of the queue not taken yet (marked taken); each queue is walked once. */
function nextFree<T>(queue: Queue<T> | undefined, taken: Set<T>): T | undefined {
  if (!queue) return undefined;
  while (queue.next < queue.items.length) {
    const item = queue.items[queue.next++];
    if (!taken.has(item)) {
      taken.add(item);
      return item;
    }
  }
  return undefined;
}
