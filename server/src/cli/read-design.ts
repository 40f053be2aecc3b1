// Reading a design from disk as the editor would see it: UTF-8 (invalid bytes become
// U+FFFD rather than an error), without a leading byte-order mark.

import * as fs from 'node:fs';
import { describeFsError } from './discover';
import { UsageError } from './io';

export function readDesignText(absolutePath: string, shownAs: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolutePath);
  } catch (err) {
    throw new UsageError(`cannot read ${shownAs}: ${describeFsError(err)}`);
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function writeOutputFile(absolutePath: string, shownAs: string, content: string): void {
  try {
    fs.writeFileSync(absolutePath, content);
  } catch (err) {
    throw new UsageError(`cannot write ${shownAs}: ${describeFsError(err)}`);
  }
}
