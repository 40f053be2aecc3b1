import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { register } from './cleanup';

export interface Workspace {
  dir: string;
  read(file: string): string;
  remove(): Promise<void>;
}

/** A temporary workspace folder: a copy of `from`, plus or overridden by `files`. */
export function createWorkspace(options: { from?: string; files?: Record<string, string> }): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-workspace-'));
  // code-server names the window after the folder: keep it readable.
  const dir = path.join(root, 'workspace');
  fs.mkdirSync(dir);
  if (options.from) fs.cpSync(options.from, dir, { recursive: true });
  for (const [file, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const removeNow = (): void => fs.rmSync(root, { recursive: true, force: true });
  const remove = register({ name: `workspace ${dir}`, dispose: async () => removeNow(), disposeNow: removeNow });
  return { dir, read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'), remove };
}
