// Where the cursor is in the YAML structure, read from the text around it rather than from
// the parsed tree: completion runs on half-typed lines (`runsOn: [`, `  - `, `mode: `, an
// empty line in a mapping) that the parser reads as something else or not at all.
// Block structure comes from indentation and `- ` markers; flow collections on the cursor's
// line are tracked bracket by bracket.

export type CursorPosition = 'key' | 'value' | 'item';

export interface CursorContext {
  /**
   * 'key': the path of the mapping whose key is being typed.
   * 'value': the path of the value being typed (a sequence item's path ends with its index).
   * 'item': the path of a new block sequence item (`- ` with nothing after it yet), which may
   * become a scalar or the first key of a mapping.
   */
  path: (string | number)[];
  position: CursorPosition;
  /** The word under the cursor: replaced by a completion. */
  wordStart: number;
  wordEnd: number;
  /** The part of the word before the cursor. */
  typed: string;
  /** The keys of the mapping at (key) or around (value) the cursor, with their one-line values. */
  siblings: Map<string, string | undefined>;
  /** The other items of the sequence the cursor's value is in. */
  seqItems: string[];
  /** Inside `[...]` or `{...}` on the cursor's line. */
  inFlow: boolean;
  /** A `:` already follows the key under the cursor (completing a key must not add one). */
  colonFollows: boolean;
}

interface LineShape {
  indent: number;
  blank: boolean;
  /** Columns of the leading `- ` markers. */
  dashes: number[];
  /** Column where the content after the markers starts. */
  contentCol: number;
  /** A block key at contentCol (`key:`), when the content is one. */
  key?: string;
  /** What follows `key:` on the line, comment removed ('' when nothing does). */
  inlineValue?: string;
  /** The content when it is not a key (a scalar item). */
  scalar?: string;
}

const WORD_CHAR = /[^\s,[\]{}:#"']/;

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = stripCr(text.slice(lineStart, lineEnd));
  const column = offset - lineStart;
  const prefix = line.slice(0, column);
  const lines = text.split('\n').map(stripCr);
  const lineIndex = countNewlines(text, lineStart);

  let wordStart = column;
  while (wordStart > 0 && WORD_CHAR.test(prefix[wordStart - 1])) wordStart--;
  let wordEnd = column;
  while (wordEnd < line.length && WORD_CHAR.test(line[wordEnd])) wordEnd++;
  const typed = prefix.slice(wordStart);
  const colonFollows = /^\s*:(\s|$)/.test(line.slice(wordEnd));

  const scan = scanPrefix(prefix);
  if (!scan) return undefined;

  // The block node this line's content belongs to.
  const ownDashes = scan.dashes;
  const firstCol = ownDashes.length ? ownDashes[0] : scan.contentCol;
  const base = ancestorsOf(lines, lineIndex, firstCol, ownDashes.length > 0);
  const path: (string | number)[] = [...base];
  ownDashes.forEach((col, i) => path.push(i === 0 ? siblingIndex(lines, lineIndex, col) : 0));

  const result = (partial: Omit<CursorContext, 'wordStart' | 'wordEnd' | 'typed' | 'colonFollows'>): CursorContext => ({
    ...partial,
    wordStart: lineStart + wordStart,
    wordEnd: lineStart + wordEnd,
    typed,
    colonFollows,
  });

  if (scan.frames.length > 0) {
    const framesPath = [...path];
    if (scan.blockKey !== undefined) framesPath.push(scan.blockKey);
    // What follows the word under the cursor (that word itself is being replaced).
    const rest = line.slice(wordEnd);
    for (let i = 0; i < scan.frames.length; i++) {
      const f = scan.frames[i];
      if (i > 0) {
        const outer = scan.frames[i - 1];
        framesPath.push(outer.type === '[' ? outer.items.length : outer.key ?? '');
      }
      if (i === scan.frames.length - 1) {
        if (f.type === '[') {
          return result({ path: [...framesPath, f.items.length], position: 'value', siblings: new Map(), seqItems: [...f.items, ...flowItemsAfter(rest)], inFlow: true });
        }
        const siblings = new Map(f.pairs);
        for (const k of flowKeysAfter(rest)) if (!siblings.has(k)) siblings.set(k, undefined);
        if (f.afterColon && f.key !== undefined) {
          return result({ path: [...framesPath, f.key], position: 'value', siblings, seqItems: [], inFlow: true });
        }
        return result({ path: framesPath, position: 'key', siblings, seqItems: [], inFlow: true });
      }
    }
  }

  if (scan.blockKey !== undefined) {
    const siblings = mappingKeys(lines, lineIndex, scan.contentCol, ownDashes.length > 0);
    return result({ path: [...path, scan.blockKey], position: 'value', siblings, seqItems: [], inFlow: false });
  }

  if (ownDashes.length > 0 && scan.contentCol === column - typed.length && !scan.sawContent) {
    // `- ` or `- partial`: a new item, scalar or mapping.
    return result({
      path,
      position: 'item',
      siblings: new Map(),
      seqItems: sequenceScalars(lines, lineIndex, ownDashes[ownDashes.length - 1]),
      inFlow: false,
    });
  }

  // A key being typed (or an empty line) in a block mapping.
  const siblings = mappingKeys(lines, lineIndex, scan.contentCol, ownDashes.length > 0);
  siblings.delete(typed);
  return result({ path, position: 'key', siblings, seqItems: [], inFlow: false });
}

interface FlowFrame {
  type: '[' | '{';
  /** Items before the cursor ('[' frames). */
  items: string[];
  /** Keys and values before the cursor ('{' frames). */
  pairs: Map<string, string | undefined>;
  /** The current key of a '{' frame, once its ':' is typed. */
  key?: string;
  afterColon: boolean;
}

interface PrefixScan {
  dashes: number[];
  contentCol: number;
  blockKey?: string;
  frames: FlowFrame[];
  /** Something other than the word under the cursor was typed after the markers. */
  sawContent: boolean;
}

/** Reads the line up to the cursor; undefined when the cursor is in a comment. */
function scanPrefix(prefix: string): PrefixScan | undefined {
  let i = 0;
  while (i < prefix.length && prefix[i] === ' ') i++;
  const dashes: number[] = [];
  while (prefix[i] === '-' && (i + 1 >= prefix.length || prefix[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (i < prefix.length && prefix[i] === ' ') i++;
  }
  const scan: PrefixScan = { dashes, contentCol: i, frames: [], sawContent: false };
  let scalar: string | undefined;
  while (i < prefix.length) {
    const ch = prefix[i];
    const top = scan.frames[scan.frames.length - 1];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return undefined;
    if (ch === '"' || ch === "'") {
      const end = closingQuote(prefix, i);
      if (end < 0) {
        // The cursor is inside a quoted string: complete as if it were plain.
        scalar = prefix.slice(i + 1);
        break;
      }
      scalar = unquote(prefix.slice(i, end + 1));
      i = end + 1;
      scan.sawContent = true;
      continue;
    }
    if (ch === ':' && (i + 1 >= prefix.length || /[\s,[\]{}]/.test(prefix[i + 1]) || top)) {
      if (!top) {
        if (scan.blockKey === undefined) scan.blockKey = scalar ?? '';
      } else if (top.type === '{') {
        top.key = scalar ?? '';
        top.afterColon = true;
      }
      scalar = undefined;
      i++;
      scan.sawContent = true;
      continue;
    }
    if (ch === '[' || ch === '{') {
      scan.frames.push({ type: ch, items: [], pairs: new Map(), afterColon: false });
      scalar = undefined;
      i++;
      scan.sawContent = true;
      continue;
    }
    if (ch === ',' && top) {
      if (top.type === '[') {
        if (scalar !== undefined) top.items.push(scalar);
      } else if (top.key !== undefined || scalar !== undefined) {
        top.pairs.set(top.key ?? scalar ?? '', top.afterColon ? scalar : undefined);
        top.key = undefined;
        top.afterColon = false;
      }
      scalar = undefined;
      i++;
      continue;
    }
    if ((ch === ']' || ch === '}') && top) {
      scan.frames.pop();
      scalar = '';
      i++;
      continue;
    }
    // A plain scalar: up to the next indicator.
    let j = i;
    while (j < prefix.length && !(prefix[j] === ':' && (j + 1 >= prefix.length || /[\s,[\]{}]/.test(prefix[j + 1]) || scan.frames.length > 0)) && !(scan.frames.length > 0 && /[,[\]{}]/.test(prefix[j])) && !(prefix[j] === '#' && /\s/.test(prefix[j - 1]))) j++;
    scalar = prefix.slice(i, j).trim();
    if (j < prefix.length) scan.sawContent = true;
    i = j;
  }
  return scan;
}

function closingQuote(s: string, start: number): number {
  const q = s[start];
  for (let i = start + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function unquote(s: string): string {
  return s.slice(1, -1);
}

/** Plain scalars of the rest of a flow sequence on the line, after the cursor. */
function flowItemsAfter(rest: string): string[] {
  const end = rest.indexOf(']');
  const body = (end < 0 ? rest : rest.slice(0, end)).replace(/^[^,]*,?/, '');
  return body.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter((s) => s && !/[[\]{}]/.test(s));
}

/** Keys of the rest of a flow mapping on the line, after the cursor. */
function flowKeysAfter(rest: string): string[] {
  const end = rest.indexOf('}');
  const body = end < 0 ? rest : rest.slice(0, end);
  const keys: string[] = [];
  for (const m of body.matchAll(/(?:^|,)\s*["']?([^,:{}[\]"'\s]+)["']?\s*:/g)) keys.push(m[1]);
  return keys;
}

function shapeOf(line: string): LineShape {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  const indent = i;
  if (i >= line.length || line[i] === '#') return { indent, blank: true, dashes: [], contentCol: indent };
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (i < line.length && line[i] === ' ') i++;
  }
  const content = line.slice(i);
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#[\]{},"'][^#]*?)\s*:(?:\s+|$)(.*)$/.exec(content);
  if (m) {
    const rawKey = m[1];
    const key = /^["']/.test(rawKey) ? unquote(rawKey) : rawKey;
    return { indent, blank: false, dashes, contentCol: i, key, inlineValue: stripComment(m[2]).trim() };
  }
  if (content === '' && dashes.length) return { indent, blank: false, dashes, contentCol: i, scalar: '' };
  return { indent, blank: false, dashes, contentCol: i, scalar: stripComment(content).trim().replace(/^["']|["']$/g, '') };
}

function stripComment(s: string): string {
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

/** A key whose value starts on the next lines (nothing, or a block scalar indicator, follows it). */
function opensBlock(shape: LineShape): boolean {
  return shape.key !== undefined && (shape.inlineValue === '' || /^[|>]/.test(shape.inlineValue ?? '') || /^&\S+$/.test(shape.inlineValue ?? ''));
}

/**
 * The path of the block node that holds content starting at `column` on line `lineIndex`.
 * `isSeqItem`: that content is a `- ` item (whose parent key may sit at the same column).
 */
function ancestorsOf(lines: string[], lineIndex: number, column: number, isSeqItem: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  let threshold = column;
  let seqAtThreshold = isSeqItem;
  for (let i = lineIndex - 1; i >= 0 && (threshold > 0 || seqAtThreshold); i--) {
    // Deeper lines cannot hold the cursor's node: skip them without reading them (a 10k-line
    // file has thousands of them above the cursor).
    const indent = indentOf(lines[i]);
    if (indent > threshold || (indent === threshold && !seqAtThreshold)) continue;
    const shape = shapeOf(lines[i]);
    if (shape.blank) continue;
    if (seqAtThreshold && shape.dashes.length === 0 && shape.indent === threshold && opensBlock(shape)) {
      path.unshift(shape.key!);
      seqAtThreshold = false;
      continue;
    }
    if (seqAtThreshold && shape.indent === threshold && shape.dashes[0] === threshold) continue; // a sibling item
    if (shape.key !== undefined && shape.contentCol < threshold && opensBlock(shape)) {
      path.unshift(shape.key);
      threshold = shape.contentCol;
      seqAtThreshold = false;
      for (let d = shape.dashes.length - 1; d >= 0; d--) {
        path.unshift(d === 0 ? siblingIndex(lines, i, shape.dashes[d]) : 0);
        threshold = shape.dashes[d];
        seqAtThreshold = d === 0;
      }
      continue;
    }
    const innerDash = [...shape.dashes].reverse().findIndex((d) => d < threshold);
    if (innerDash >= 0) {
      const upto = shape.dashes.length - 1 - innerDash;
      for (let d = upto; d >= 0; d--) {
        path.unshift(d === 0 ? siblingIndex(lines, i, shape.dashes[d]) : 0);
        threshold = shape.dashes[d];
      }
      seqAtThreshold = true;
      continue;
    }
    if (shape.indent < threshold) {
      // A line that cannot hold children (`key: value` or a scalar): the structure is broken
      // here; keep looking for a real parent further up.
      threshold = shape.indent;
    }
    if (threshold === 0 && !seqAtThreshold) break;
  }
  return path;
}

/** The index of the `- ` item at `column` on line `lineIndex` within its sequence. */
function siblingIndex(lines: string[], lineIndex: number, column: number): number {
  let index = 0;
  for (let i = lineIndex - 1; i >= 0; i--) {
    const shape = shapeOf(lines[i]);
    if (shape.blank) continue;
    if (shape.indent < column) break;
    if (shape.indent === column) {
      if (shape.dashes[0] === column) index++;
      else break;
    }
  }
  return index;
}

/** The keys of the block mapping whose keys sit at `column`, around line `lineIndex`. */
function mappingKeys(lines: string[], lineIndex: number, column: number, startsHere: boolean): Map<string, string | undefined> {
  const keys = new Map<string, string | undefined>();
  const own = shapeOf(lines[lineIndex]);
  if (own.key !== undefined && own.contentCol === column) keys.set(own.key, own.inlineValue);
  if (!startsHere) {
    for (let i = lineIndex - 1; i >= 0; i--) {
      const shape = shapeOf(lines[i]);
      if (shape.blank) continue;
      if (shape.contentCol === column && shape.key !== undefined) {
        if (!keys.has(shape.key)) keys.set(shape.key, shape.inlineValue);
        if (shape.dashes.length) break; // the first key of this sequence item
        continue;
      }
      if (shape.indent < column || shape.dashes.some((d) => d < column) || shape.contentCol <= column) break;
    }
  }
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const shape = shapeOf(lines[i]);
    if (shape.blank) continue;
    if (shape.indent < column || shape.dashes.length) {
      if (shape.indent >= column + 1 && shape.dashes.every((d) => d > column)) continue; // a nested item
      break;
    }
    if (shape.contentCol === column && shape.key !== undefined) {
      if (!keys.has(shape.key)) keys.set(shape.key, shape.inlineValue);
    } else if (shape.contentCol <= column) break;
  }
  return keys;
}

/** The scalar items of the block sequence whose `- ` markers sit at `column`. */
function sequenceScalars(lines: string[], lineIndex: number, column: number): string[] {
  const items: string[] = [];
  const visit = (i: number): boolean => {
    const shape = shapeOf(lines[i]);
    if (shape.blank) return true;
    if (shape.indent < column) return false;
    if (shape.indent === column) {
      if (shape.dashes[0] !== column) return false;
      if (shape.dashes.length === 1 && shape.key === undefined && shape.scalar) items.push(shape.scalar);
      // `- { component: x }` or `- component: x`: the item names x.
      if (shape.key === 'component' && shape.inlineValue) items.push(shape.inlineValue.replace(/^["']|["']$/g, ''));
      const flow = /^\{\s*component\s*:\s*["']?([^,}"'\s]+)/.exec(shape.scalar ?? '');
      if (flow) items.push(flow[1]);
    }
    return true;
  };
  for (let i = lineIndex - 1; i >= 0 && visit(i); i--);
  for (let i = lineIndex + 1; i < lines.length && visit(i); i++);
  return items;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
