// `infra-review explain RULE`: the rule's catalogue entry, as plain text.

import { RULE_IDS, ruleMeta } from '../../analysis/catalogue';
import type { RuleMeta } from '../../analysis/rule';
import { closest } from '../../model/did-you-mean';
import { EXIT_OK, UsageError } from '../io';
import { HELP_OPTION } from './command';
import type { Command } from './command';

export const explainCommand: Command = {
  name: 'explain',
  summary: "print a rule's explanation and how to fix what it finds",
  synopsis: 'explain RULE',
  description: `RULE is one of: ${RULE_IDS.join(', ')}.`,
  options: [HELP_OPTION],
  run: async (args, io) => {
    if (args.positionals.length !== 1) throw new UsageError('explain takes one rule id, e.g. infra-review explain spof');
    const id = args.positionals[0];
    const meta = ruleMeta(id);
    if (!meta) {
      const guess = closest(id, RULE_IDS);
      throw new UsageError(`unknown rule '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; run 'infra-review explain --help' for the list`);
    }
    io.stdout(renderExplanation(meta));
    return EXIT_OK;
  },
};

export function renderExplanation(meta: RuleMeta): string {
  const parts = [`${meta.id}: ${meta.title}`, `Default severity: ${meta.defaultSeverity}${meta.fixable ? ' (has a quick fix in the editor)' : ''}`, meta.explanation.trim()];
  if (meta.fix) parts.push(`How to fix:\n${meta.fix.trim()}`);
  if (meta.references?.length) parts.push(`References:\n${meta.references.map((r) => `  - ${r.title}: ${r.url}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}
