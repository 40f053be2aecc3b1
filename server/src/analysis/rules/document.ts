// The document family: problems the parse and schema stages found. Those stages already
// located them; these rules only put them into the catalogue and the finding stream.

import type { Rule, RuleContext } from '../rule';

function forward(ruleId: string) {
  return (ctx: RuleContext): void => {
    for (const problem of ctx.documentProblems) {
      if (problem.rule !== ruleId) continue;
      const { rule: _rule, ...finding } = problem;
      ctx.report(finding);
    }
  };
}

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    title: 'The file is not valid YAML',
    explanation:
      'infra-review reads `infra.yaml` as one YAML 1.2 document. Where the YAML does not parse (a bad indent, an unclosed quote or bracket, a tab used for indentation) ' +
      'or a mapping repeats a key, the text means something other than what it looks like: only the first of two `web-1:` keys counts, and the rest is lost without a word. ' +
      'The rest of the file is still analysed, so fix these first: later findings may come from the misread part.',
    fix: 'Correct the YAML at the marked place. Indent with spaces, quote values that start with `@`, `*` or `&`, and give each key once per mapping.',
    fixable: false,
    references: [
      { title: 'YAML 1.2.2 specification', url: 'https://yaml.org/spec/1.2.2/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], tls: true }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        '',
      ].join('\n'),
    },
  },
  check: forward('yaml-syntax'),
};

export const schema: Rule = {
  meta: {
    id: 'schema',
    defaultSeverity: 'error',
    title: 'The design does not follow the infra.yaml format',
    explanation:
      'Each key of `infra.yaml` has a meaning and a type, described by the JSON Schema in `schemas/infra.schema.json`. ' +
      'A misspelled key (`runOn` for `runsOn`), a value of the wrong type or an unknown component `type` is not an error YAML can see, ' +
      'but the analysis would silently ignore that part of the design and report on a different system than the one you meant. ' +
      'The element with the problem is left out of the analysis until it is fixed.',
    fix: 'Follow the message: rename the key or value to the suggested spelling (a quick fix does it when one is close), add the missing field, or change the value to the expected type.',
    fixable: true,
    references: [
      { title: 'Understanding JSON Schema', url: 'https://json-schema.org/understanding-json-schema/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web:',
        '    type: web-server',
        '    replica: 2',
        '    tls: true',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web:',
        '    type: web-server',
        '    replicas: 2',
        '    tls: true',
        '',
      ].join('\n'),
    },
  },
  check: forward('schema'),
};

export const documentRules: readonly Rule[] = [yamlSyntax, schema];
