// The tool's name, version and home page, read from package.json (bundled into dist/cli.js),
// shared by the CLI, the server and the rule links, so they are written once.

import packageJson from '../../package.json';

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

/** Where each rule is documented: docs/rules.md, one anchor per rule id. */
export function ruleDocsUrl(ruleId: string): string {
  return `${TOOL_URL}/blob/main/docs/rules.md#${encodeURIComponent(ruleId)}`;
}

function homepage(p: PackageJsonFields): string {
  if (p.homepage) return p.homepage.replace(/\/+$/, '');
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  const match = repo?.match(/github\.com[/:]([^/]+\/[^/.]+)/);
  return match ? `https://github.com/${match[1]}` : 'https://github.com/infra-review/infra-review';
}
