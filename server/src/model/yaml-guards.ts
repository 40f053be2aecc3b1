// Two guards around yaml's composer, used by the whole parse and the chunked parse alike: a
// depth check on the concrete syntax tree before composing, and composition with no stack
// traces captured for the errors it creates.

import type { CST } from 'yaml';

/** Offset of the first collection nested deeper than `maxDepth`, or null. Iterative on purpose. */
export function findTooDeep(tokens: readonly CST.Token[], maxDepth: number): number | null {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth >= maxDepth) return token.offset;
        for (const item of token.items) {
          if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/**
 * Runs `compose` with no stack traces captured for the errors yaml creates. A captured stack
 * keeps every frame's receiver alive until it is printed: the error of a cached chunk would
 * hold the composer that made it, and with it the cache of the version before, and so on
 * back through every version. It also makes documents with thousands of errors cheaper.
 */
export function withoutStackTraces<T>(compose: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return compose();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
