// `--format sarif`: SARIF 2.1.0 for code-scanning services. One run; the whole rule
// catalogue is in tool.driver.rules, and each result points into it by id and index.

import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { CATALOGUE } from '../../analysis/catalogue';
import type { Finding, RelatedLocation, Severity } from '../../model/findings';
import type { RuleMeta } from '../../analysis/rule';
import type { Range } from '../../model/types';
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
    for (const finding of report.findings) results.push(toResult(finding, uri, ruleIndex.get(finding.rule)));
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
      },
    ],
  };
}

export const formatSarif: Formatter = (reports, ctx) => `${JSON.stringify(toSarifLog(reports, ctx), null, 2)}\n`;

function toRuleDescriptor(meta: RuleMeta, ctx: FormatContext): Sarif.ReportingDescriptor {
  const helpMarkdown = meta.fix ? `${meta.explanation}\n\n**How to fix:** ${meta.fix}` : meta.explanation;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.explanation, markdown: meta.explanation },
    help: { text: meta.fix ?? meta.explanation, markdown: helpMarkdown },
    helpUri: ruleHelpUri(ctx, meta.id),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  };
}

function toResult(finding: Finding, uri: string, ruleIndex: number | undefined): Sarif.Result {
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
  // Line-independent, so that a finding keeps its identity when lines above it move.
  result.partialFingerprints = { 'infraReviewFinding/v1': fingerprint(uri, finding) };
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

function fingerprint(uri: string, f: Finding): string {
  return createHash('sha256').update(`${uri}\n${f.rule}\n${f.target.kind}\n${f.target.id}\n${f.message}`).digest('hex').slice(0, 32);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function toUriReference(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
