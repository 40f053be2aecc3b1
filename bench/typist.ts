// The soak's typist (`npm run soak`): random edits of someone typing into a design, as LSP
// content changes, repeatable from a seed.

import type { Range } from 'vscode-languageserver-protocol/node';
import { prng } from '../test/support/random-design';

/** What the typist types: structure that breaks the YAML, and words. */
const STRUCTURE = [':', ' ', '-', '[', ']', '{', '#', '\t'];
const WORDS = ['a', 'x', 'db', 'web-1'];

/**
 * The edits of someone typing: at a random place, type a few characters one edit at a time,
 * then (usually) take them back one at a time; sometimes cut a line and paste it elsewhere.
 * The document keeps its size, passes through broken states, and comes back.
 *
 * What stays is what a person would leave: a word typed into a word (one in ten is kept:
 * a renamed key, a changed name or value, which the review then flags), and a line moved to
 * another place among lines of its kind. Structure, and words typed anywhere else, are
 * taken back: left in place they would pile up as broken lines no one keeps, until the
 * design is a heap of YAML errors that says nothing about a session of editing.
 */
export class Typist {
  private lines: string[];
  /** The edit that takes back the last one (a deletion of typed text, or a paste of a cut line). */
  private pending: (() => { range: Range; text: string }) | undefined;
  private readonly random: () => number;

  /**
   * `keepJunk`: the share of structure and stray words that stays too (0 by default). The
   * text then fills up with broken lines that no one would keep: the worst case for a parser.
   */
  constructor(
    text: string,
    seed: number,
    private readonly keepJunk = 0,
  ) {
    this.lines = text.split('\n');
    this.random = prng(seed);
  }

  next(): { range: Range; text: string } {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) return pending();
    if (this.random() < 0.05 && this.lines.length > 10) {
      const move = this.pickMove();
      if (move) {
        const [from, cut] = move;
        this.pending = () => {
          const to = this.pickPlaceFor(cut, from);
          return this.apply({ start: { line: to, character: 0 }, end: { line: to, character: 0 } }, cut + '\n');
        };
        return this.apply({ start: { line: from, character: 0 }, end: { line: from + 1, character: 0 } }, '');
      }
    }
    const line = this.pick(this.lines.length);
    const character = this.pick(this.lines[line].length + 1);
    const all = [...STRUCTURE, ...WORDS];
    const typed = all[this.pick(all.length)];
    // A word typed onto the end or into the middle of a word (a key, a name, a value) stays a word.
    const intoWord = WORDS.includes(typed) && character > 0 && /[A-Za-z0-9]/.test(this.lines[line][character - 1]);
    const keep = intoWord ? 0.1 : this.keepJunk;
    if (keep === 0 || this.random() < 1 - keep) {
      this.pending = () => this.apply({ start: { line, character }, end: { line, character: character + typed.length } }, '');
    }
    return this.apply({ start: { line, character }, end: { line, character } }, typed);
  }

  /** A line with nothing nested under it (so nothing is left behind without its parent), and its text. */
  private pickMove(): [number, string] | undefined {
    const from = this.pick(this.lines.length - 1);
    const cut = this.lines[from];
    if (cut.trim() === '' || indentOf(this.lines[from + 1]) > indentOf(cut)) return undefined;
    return [from, cut];
  }

  /**
   * Before a line of the same indentation and kind (an entry `- `, or a `key:`) where a key
   * would not be written twice; where it was cut from when no such place comes up.
   */
  private pickPlaceFor(cut: string, from: number): number {
    const kind = (l: string) => `${indentOf(l)}${l.trimStart().startsWith('- ') ? '-' : ':'}`;
    const places: number[] = [];
    for (let i = 1; i < this.lines.length; i++) if (this.lines[i].trim() !== '' && kind(this.lines[i]) === kind(cut)) places.push(i);
    for (let tries = 0; tries < 10 && places.length > 0; tries++) {
      const to = places[this.pick(places.length)];
      if (keyOf(cut) === '' || !this.siblingKeys(to).has(keyOf(cut))) return to;
    }
    return from;
  }

  /** The keys of the lines at the indentation of line `at`, in the block that holds it. */
  private siblingKeys(at: number): Set<string> {
    const indent = indentOf(this.lines[at]);
    const keys = new Set<string>();
    for (const step of [-1, 1]) {
      for (let i = step < 0 ? at - 1 : at; i >= 0 && i < this.lines.length; i += step) {
        const line = this.lines[i];
        if (line.trim() === '') continue;
        if (indentOf(line) < indent) break;
        if (indentOf(line) === indent) keys.add(keyOf(line));
      }
    }
    return keys;
  }

  private pick(n: number): number {
    return Math.floor(this.random() * Math.max(1, n));
  }

  private apply(range: Range, text: string): { range: Range; text: string } {
    const before = this.lines.slice(0, range.start.line);
    const head = this.lines[range.start.line]?.slice(0, range.start.character) ?? '';
    const tail = this.lines[range.end.line]?.slice(range.end.character) ?? '';
    const middle = (head + text + tail).split('\n');
    this.lines = [...before, ...middle, ...this.lines.slice(range.end.line + 1)];
    return { range, text };
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

function indentOf(line: string | undefined): number {
  return line === undefined ? 0 : line.length - line.trimStart().length;
}

/** What a `key: …` line defines (entries `- ` have no key). */
function keyOf(line: string): string {
  const text = line.trimStart();
  return text.startsWith('- ') ? '' : text.slice(0, Math.max(0, text.indexOf(':')));
}
