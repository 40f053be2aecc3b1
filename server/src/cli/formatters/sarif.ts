// `--format sarif`: SARIF 2.1.0 for code-scanning services. One run; the whole rule
// catalogue is in tool.driver.rules, and each result points into it by id and index.

import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { CATALOGUE } from '../../analysis/catalogue';
import { occurrenceKeys } from '../../analysis/finding-identity';
import type { Finding, RelatedLocation, Severity } from '../../model/findings';
import type { RuleMeta } from '../../analysis/rule';
import type { Range } from '../../model/types';
import { toJsonAvailability } from './json';
import { ruleHelpUri } from './types';
import type { FileReport, FormatContext, Formatter } from './types';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Result locations are relative to the folder the tool ran in. */
const SOURCE_ROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarifLog(reports: readonly FileReport[], ctx: FormatContext): Sarif.Log {
  const ruleIndex = new Map(CATALOGUE.map((meta, i) => [meta.id, i]));
  const results: Sarif.Result[] = [];
  for (const report of reports) {
    const uri = toUriReference(report.path);
    const identities = occurrenceKeys(report.findings);
    report.findings.forEach((finding, i) => results.push(toResult(finding, uri, ruleIndex.get(finding.rule), identities[i])));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: ctx.toolName,
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: ctx.informationUri,
            rules: CATALOGUE.map((meta) => toRuleDescriptor(meta, ctx)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          // The figures per file; below-slo findings are results like any other.
          availability: reports.map((r) => ({
            path: r.path,
            availability: r.spofs === null || !r.availability ? null : toJsonAvailability(r.availability),
          })),
        },
      },
    ],
  };
}

export const formatSarif: Formatter = (reports, ctx) => `${JSON.stringify(toSarifLog(reports, ctx), null, 2)}\n`;

function toRuleDescriptor(meta: RuleMeta, ctx: FormatContext): Sarif.ReportingDescriptor {
  const helpMarkdown = meta.fix ? `${meta.explanation}\n\n**How to fix:** ${meta.fix}` : meta.explanation;
  return {
    id: meta.id,
    name: ruleName(meta),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.explanation, markdown: meta.explanation },
    help: { text: meta.fix ?? meta.explanation, markdown: helpMarkdown },
    helpUri: ruleHelpUri(ctx, meta.id),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  };
}

function toResult(finding: Finding, uri: string, ruleIndex: number | undefined, identity: string): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(uri, finding.range) }],
  };
  if (finding.related?.length) {
    result.relatedLocations = finding.related.map((r: RelatedLocation, id) => ({
      id,
      physicalLocation: physicalLocation(uri, r.range),
      message: { text: r.message },
    }));
  }
  // The identity `diff` and baselines match by (rule, target, ordinal): it survives line
  // moves and message changes. v2: v1 hashed the message too.
  result.partialFingerprints = { 'infraReviewFinding/v2': fingerprint(uri, identity) };
  result.properties = { target: { kind: finding.target.kind, id: finding.target.id } };
  return result;
}

function physicalLocation(uri: string, range: Range): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri, uriBaseId: SOURCE_ROOT },
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      // Both LSP and SARIF ends are exclusive, so the same shift applies.
      endColumn: range.end.character + 1,
    },
  };
}

function fingerprint(uri: string, identity: string): string {
  return createHash('sha256').update(`${uri}\u0000${identity}`).digest('hex').slice(0, 32);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function toUriReference(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * A rule's readable name, from its title in PascalCase ("SinglePointOfFailure"). Not from
 * its id: SARIF wants `name` to differ from `id`, and `spof` would give `Spof` (SARIF1001).
 */
export function ruleName(meta: RuleMeta): string {
  return meta.title
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
