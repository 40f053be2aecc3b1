// docs/rules.md, generated from the rule catalogue: a table of every rule, then one
// section per rule whose anchor is the rule id (diagnostics link to docs/rules.md#<id>).
// Pure: the script in scripts/gen-rules-doc.ts writes the file, a test compares it.

import type { RuleMeta } from './rule';

export function renderRulesDoc(catalogue: readonly RuleMeta[]): string {
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rule catalogue (server/src/analysis/rules/) by scripts/gen-rules-doc.ts. Do not edit: run `npm run docs`. -->',
    '',
    'Every finding of infra-review names one of these rules. Each rule has a default severity, which you can change per rule: ' +
      '`--rule ID=off|info|warning|error` on the command line, or the `infraReview.rules.<id>` setting in the editor. ' +
      'To accept a finding for one element, add a `suppress` entry with a reason, or a comment `# infra-review-ignore RULE: reason` on the line above the element.',
    '',
    '| Rule | Default | Quick fix | Finds |',
    '|---|---|---|---|',
    ...catalogue.map((m) => `| [\`${m.id}\`](#${m.id}) | ${m.defaultSeverity} | ${m.fixable ? 'yes' : '—'} | ${cell(m.title)} |`),
    '',
  ];
  for (const meta of catalogue) out.push(...section(meta));
  return out.join('\n');
}

function section(m: RuleMeta): string[] {
  const lines = [
    `## ${m.id}`,
    '',
    `**${m.title}** · default severity: ${m.defaultSeverity} · quick fix: ${m.fixable ? 'yes' : 'no'}`,
    '',
    m.explanation,
    '',
  ];
  if (m.fix) lines.push('**How to fix.** ' + m.fix, '');
  if (m.kubernetes) lines.push('**In Kubernetes manifests.** ' + m.kubernetes, '');
  if (m.needsAvailability) {
    lines.push('**In the editor.** The rule needs the availability, which the language server computes after it has published the other diagnostics ([availability.md](availability.md)): its findings follow in a second publication of the same version.', '');
  }
  if (m.examples) {
    const what = m.examples.format === 'kubernetes' ? 'manifest' : 'design';
    lines.push(`A ${what} that triggers the rule:`, '', ...fence(m.examples.bad), '', `The same ${what} without the problem:`, '', ...fence(m.examples.good), '');
  }
  if (m.references?.length) {
    lines.push('Further reading:', '', ...m.references.map((r) => `- [${r.title}](${r.url})`), '');
  }
  return lines;
}

function fence(yaml: string): string[] {
  return ['```yaml', ...yaml.replace(/\n+$/, '').split('\n'), '```'];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The `infraReview.rules` setting's per-rule properties for the VS Code manifest. A manifest
 * is static JSON, so `npm run docs` writes these into package.json and a test keeps them in step.
 */
export function renderRuleSettings(catalogue: readonly RuleMeta[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const m of catalogue) {
    properties[m.id] = {
      type: 'string',
      enum: ['off', 'info', 'warning', 'error'],
      enumDescriptions: ['Turn the rule off', 'Report as information', 'Report as a warning', 'Report as an error'],
      description: m.title,
      markdownDescription: `**${m.title}** (\`${m.id}\`). Default: \`${m.defaultSeverity}\`. Run **Infra Review: Show Rule Documentation** for what it checks and how to fix it.`,
    };
  }
  return properties;
}
