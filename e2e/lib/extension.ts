import * as fs from 'fs';
import { CACHED_EXTENSIONS_DIR } from './paths';

/** The folder setup.sh installed the project's .vsix into, if it did (publisher.name-version). */
export function installedExtension(id = 'infra-review.infra-review'): string | undefined {
  if (!fs.existsSync(CACHED_EXTENSIONS_DIR)) return undefined;
  return fs.readdirSync(CACHED_EXTENSIONS_DIR).find((entry) => entry.toLowerCase().startsWith(`${id}-`));
}
