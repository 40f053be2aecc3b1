// The tool's name, version and home page, read from package.json (bundled into dist/cli.js).

import packageJson from '../../../package.json';

interface PackageJsonFields {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

const pkg: PackageJsonFields = packageJson;

export const TOOL_NAME = 'infra-review';
export const TOOL_VERSION = pkg.version;

/** The project's web address: package.json `homepage`, else its repository, else a default. */
export const TOOL_URL = homepage(pkg);

function homepage(p: PackageJsonFields): string {
  if (p.homepage) return p.homepage.replace(/\/+$/, '');
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  const match = repo?.match(/github\.com[/:]([^/]+\/[^/.]+)/);
  return match ? `https://github.com/${match[1]}` : 'https://github.com/infra-review/infra-review';
}
