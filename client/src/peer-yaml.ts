// Living beside the Red Hat YAML extension (redhat.vscode-yaml), which every infra.yaml
// also opens in, without reporting a problem twice:
// - Schema problems: this extension does not contribute `yamlValidation` for its schema, so
//   the Red Hat extension never validates infra.yaml against it; the `schema` rule is ours
//   alone. (Users who map schemas/infra.schema.json in `yaml.schemas` get both again.)
// - YAML syntax errors (and duplicate keys) are reported by the Red Hat extension for any
//   YAML file while its `yaml.validate` is on. Then our `yaml-syntax` diagnostics would be
//   the same problems again, so the client leaves them out of the editor.

export const RED_HAT_YAML_EXTENSION_ID = 'redhat.vscode-yaml';
export const SYNTAX_RULE = 'yaml-syntax';

export interface PeerYamlState {
  /** The Red Hat extension is installed and enabled. */
  installed: boolean;
  /** Its `yaml.validate` setting (default true). */
  validates: boolean;
}

export function deferSyntaxErrorsToPeer(state: PeerYamlState): boolean {
  return state.installed && state.validates;
}

type DiagnosticCode = string | number | { value: string | number } | undefined;

export function ruleOf(code: DiagnosticCode): string | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The diagnostics to show: all of ours, minus syntax errors when the peer reports them. */
export function withoutPeerDuplicates<T extends { code?: DiagnosticCode }>(diagnostics: readonly T[], state: PeerYamlState): T[] {
  if (!deferSyntaxErrorsToPeer(state)) return [...diagnostics];
  return diagnostics.filter((d) => ruleOf(d.code) !== SYNTAX_RULE);
}
