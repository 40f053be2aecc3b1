// Which files `check` reads: the files named, and every design file below the folders
// named (or below the working folder when nothing is named). The order is sorted so that
// output is the same on every machine.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat, SNIFF_CHARS } from '../formats/detect';
import { UsageError } from './io';

/** Folders never walked into: dependencies, VCS data and build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist']);


/**
 * Absolute paths of the design files that the arguments name, sorted and without
 * duplicates. A file named explicitly is read whatever its name (with `detectNamed`, only
 * when a format claims it); a folder contributes its design files. Throws UsageError for a missing path or a folder without designs.
 */
export function discoverDesignFiles(cwd: string, args: readonly string[], options: { detectNamed?: boolean } = {}): string[] {
  const roots = args.length > 0 ? args : ['.'];
  const found = new Set<string>();
  for (const arg of roots) {
    const absolute = path.resolve(cwd, arg);
    const stat = statOrThrow(absolute, arg);
    if (stat.isDirectory()) {
      const before = found.size;
      walk(absolute, found);
      if (found.size === before) {
        const where = args.length > 0 ? arg : 'the current folder';
        throw new UsageError(`no design files (infra.yaml, *.infra.yaml, compose.yaml, docker-compose.yml, Kubernetes manifests, …) found in ${where}`);
      }
    } else if (!options.detectNamed || isDesignFile(arg, absolute)) {
      found.add(absolute);
    }
  }
  return [...found].sort(compareStrings);
}

/** The design files below an existing folder, sorted; none when it holds none. */
export function designFilesIn(absoluteFolder: string): string[] {
  const found = new Set<string>();
  walk(absoluteFolder, found);
  return [...found].sort(compareStrings);
}

/** The path as printed: relative to cwd, with forward slashes. */
export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || path.basename(absolute);
  return relative.split(path.sep).join('/');
}

function walk(folder: string, found: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return; // An unreadable subfolder holds nothing we can check.
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    // Symbolic links are not followed: a link to a parent folder would never end.
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, found);
    } else if (entry.isFile() && isDesignFile(entry.name, full)) {
      found.add(full);
    }
  }
}

/** Whether a file is a design: by its name, or a YAML file of no known name by its beginning. */
function isDesignFile(name: string, full: string): boolean {
  return detectFormat(name, () => head(full)) !== undefined;
}

/** The beginning of a file, as much as the format sniff reads (a YAML file of no known name may be a manifest). */
function head(file: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    // UTF-8 takes at most 4 bytes a character; a character cut at the end does not matter to the sniff.
    const buffer = Buffer.alloc(SNIFF_CHARS * 2);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return ''; // An unreadable file is no design.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function statOrThrow(absolute: string, written: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (err) {
    throw new UsageError(`cannot read ${written}: ${describeFsError(err)}`);
  }
}

/** A short, human reason for a file-system error ("no such file or directory"). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'file too large';
    default:
      return firstLine(err instanceof Error ? err.message : String(err));
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
