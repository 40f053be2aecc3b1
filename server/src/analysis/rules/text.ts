// Wording shared by the rule messages.

/**
 * "a", "a and b", "a, b and c"; past `max` items: "a, b, c and 12 more". `total` is the
 * length of the whole list when `items` holds only its head.
 */
export function naturalList(items: readonly string[], max = 5, total = items.length): string {
  if (items.length === 0) return '';
  if (total === 1) return items[0];
  if (total > max) {
    const shown = items.slice(0, 3);
    return `${shown.join(', ')} and ${total - shown.length} more`;
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 instance", "3 instances". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "goes" for one subject, "go" for several. */
export function verb(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}
