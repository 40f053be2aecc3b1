// The document family: problems the parse and schema stages found. Those stages already
// located them; these rules only put them into the catalogue and the finding stream.

import { NOT_READ_RULE } from '../../formats/front-end';
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
    title: 'The file does not follow its format',
    explanation:
      'Each key of `infra.yaml` has a meaning and a type, described by the JSON Schema in `schemas/infra.schema.json`; ' +
      'in a Compose file, so do the keys infra-review reads and `x-infra-review` (docs/formats.md). ' +
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

/**
 * Reported by a front end (formats/), not by a check: the engine adds its notes to the
 * findings, and a parse that refused a template reports it among the document's problems.
 */
export const notRead: Rule = {
  meta: {
    id: NOT_READ_RULE,
    defaultSeverity: 'info',
    title: 'Part of the configuration was not read',
    explanation:
      'A Compose file can pull in other files (`include`) and services (`extends`), and be merged with override files. ' +
      'infra-review reviews the file as it is written and does not merge those: what they bring (services, dependencies, ports, replicas) is not in the review, ' +
      'and a finding may be answered by something they add. ' +
      'A service that runs nothing while the stack serves is left out too, and dependencies on it are not counted: one scaled to zero (`deploy.replicas: 0`, `scale: 0`), ' +
      'and a Swarm job (`deploy.mode: replicated-job` or `global-job`), whose tasks run to completion and are not restarted. ' +
      'Likewise a Helm chart\'s template (`{{ … }}`) is not YAML until Helm renders it: it is not read at all.',
    fix: 'Review the merged configuration: `docker compose config > compose.merged.yaml`, then `infra-review check compose.merged.yaml`; for a chart, `helm template . > rendered.yaml`, then `infra-review check rendered.yaml`. ' +
      'A service left out because it runs nothing needs no change; if it does serve, give it a replicated mode and a count of at least one.',
    fixable: false,
    references: [
      { title: 'Compose: merge and override', url: 'https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/' },
      { title: 'Helm: helm template', url: 'https://helm.sh/docs/helm/helm_template/' },
      { title: 'Compose Deploy Specification: mode', url: 'https://docs.docker.com/reference/compose-file/deploy/#mode' },
    ],
  },
  check: forward(NOT_READ_RULE),
};

export const documentRules: readonly Rule[] = [yamlSyntax, schema, notRead];
