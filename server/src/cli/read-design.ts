// Reading a design from disk as the editor would see it: UTF-8 (invalid bytes become
// U+FFFD rather than an error), without a leading byte-order mark. The size is checked
// before anything is read: a 2 GB file or a device must not be pulled into memory.

import * as fs from 'node:fs';
import { DEFAULT_LIMITS } from '../model/parse';
import { describeFsError } from './discover';
import { UsageError } from './io';

export function readDesignText(absolutePath: string, shownAs: string, maxBytes = DEFAULT_LIMITS.maxBytes): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`cannot read ${shownAs}: not a regular file`);
    if (stat.size > maxBytes) {
      throw new UsageError(`cannot read ${shownAs}: it is ${formatMiB(stat.size)}, over the ${formatMiB(maxBytes)} limit for a design`);
    }
    bytes = fs.readFileSync(fd);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${shownAs}: ${describeFsError(err)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeDesignBytes(bytes);
}

/** A design's bytes as text: UTF-8 with invalid bytes as U+FFFD, no byte-order mark. */
export function decodeDesignBytes(bytes: Buffer): string {
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

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
