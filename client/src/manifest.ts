// Facts the extension reads from its own package.json, so they are written once: the rule
// ids (and titles) listed in the `infraReview.rules` setting's schema.

export interface RuleEntry {
  id: string;
  title: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The configuration section's properties, whether `contributes.configuration` is one object or a list. */
export function configurationProperties(manifest: unknown): Record<string, unknown> {
  const contributes = isRecord(manifest) ? manifest.contributes : undefined;
  const configuration = isRecord(contributes) ? contributes.configuration : undefined;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const properties: Record<string, unknown> = {};
  for (const section of sections) if (isRecord(section) && isRecord(section.properties)) Object.assign(properties, section.properties);
  return properties;
}

export function ruleEntriesFromManifest(manifest: unknown): RuleEntry[] {
  const rules = configurationProperties(manifest)['infraReview.rules'];
  const properties = isRecord(rules) && isRecord(rules.properties) ? rules.properties : {};
  return Object.entries(properties).map(([id, schema]) => ({
    id,
    title: isRecord(schema) && typeof schema.description === 'string' ? schema.description : id,
  }));
}
