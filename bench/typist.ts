// The soak's typist (`npm run soak`): random edits of someone typing into a design, as LSP
// content changes, repeatable from a seed.

import type { Range } from 'vscode-languageserver-protocol/node';
import { generateLargeDesignYaml, prng } from '../test/fixtures/random-design';

/** A generated design of about `lines` lines. */
export function designOfLines(lines: number): string {
  let components = Math.max(10, Math.round(lines / 4.5));
  const first = generateLargeDesignYaml(components, 1);
  components = Math.max(10, Math.round((components * lines) / first.split('\n').length));
  return generateLargeDesignYaml(components, 1);
}

/**
 * The edits of someone typing: at a random place, type a few characters one edit at a time,
 * then (usually) take them back one at a time; sometimes cut a line and paste it elsewhere.
 * The document keeps its size, passes through broken states, and comes back.
 */
export class Typist {
  private lines: string[];
  /** The edit that takes back the last one (a deletion of typed text, or a paste of a cut line). */
  private pending: (() => { range: Range; text: string }) | undefined;
  private readonly random: () => number;

  constructor(text: string, seed: number) {
    this.lines = text.split('\n');
    this.random = prng(seed);
  }

  next(): { range: Range; text: string } {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) return pending();
    const r = this.random();
    if (r < 0.05 && this.lines.length > 10) {
      // Cut a line; the next edit pastes it somewhere else.
      const from = this.pick(this.lines.length - 1);
      const cut = this.lines[from];
      this.pending = () => {
        const to = this.pick(this.lines.length - 1);
        return this.apply({ start: { line: to, character: 0 }, end: { line: to, character: 0 } }, cut + '\n');
      };
      return this.apply({ start: { line: from, character: 0 }, end: { line: from + 1, character: 0 } }, '');
    }
    const line = this.pick(this.lines.length);
    const character = this.pick(this.lines[line].length + 1);
    const typed = ['a', 'x', ':', ' ', '-', '[', ']', '{', '#', 'db', 'web-1', '\t'][this.pick(12)];
    // The next edit takes back what is typed now, unless it is kept (10%).
    if (this.random() < 0.9) {
      this.pending = () => this.apply({ start: { line, character }, end: { line, character: character + typed.length } }, '');
    }
    return this.apply({ start: { line, character }, end: { line, character } }, typed);
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
