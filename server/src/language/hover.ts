// Hover: what is under the cursor, in Markdown. On an id (its key or a reference to it):
// the element and what goes down with it. On a key: the schema's description. On an enum
// value: what that value means. On a finding's range: each rule's title, explanation and fix.

import { isScalar } from 'yaml';
import { ruleMeta } from '../analysis/catalogue';
import type { AnalysisResult } from '../analysis/engine';
import type { Finding } from '../model/findings';
import type { Position, Range } from '../model/types';
import { serviceAvailabilityMarkdown } from './availability-hover';
import { describeElement } from './elements';
import { locatedElementAt, locatedTargets } from './located-elements';
import { ANY_OF_MEANING, anyOfWords } from '../model/types';
import type { Dependency } from '../model/types';
import { occurrenceAt, resolveKind } from './ids';
import { name, ruleDocsUrl, text } from './markdown';
import { documentSchema, enumValueDoc, keyDoc } from './schema-info';

export interface HoverInfo {
  markdown: string;
  range: Range;
}

export function hover(result: AnalysisResult, position: Position): HoverInfo | undefined {
  const sm = result.parsed.sourceMap;
  const offset = sm.offsetAt(position);
  const sections: string[] = [];
  let range: Range | undefined;

  const subject = describeSubject(result, offset);
  if (subject) {
    sections.push(subject.markdown);
    range = subject.range;
  }

  const findings = result.findings.filter((f) => contains(f.range, position));
  if (findings.length) {
    sections.push(describeFindings(findings));
    range ??= findings[0].range;
  }
  if (!sections.length || !range) return undefined;
  return { markdown: sections.join('\n\n---\n\n'), range };
}

/** The id, key or enum value under the cursor. */
function describeSubject(result: AnalysisResult, offset: number): HoverInfo | undefined {
  const sm = result.parsed.sourceMap;
  const occurrence = occurrenceAt(result.parsed, offset);
  if (occurrence) {
    const kind = resolveKind(occurrence, result.design);
    const markdown = kind && describeElement(result, kind, occurrence.id);
    if (markdown) return { markdown, range: sm.rangeFromOffsets(occurrence.start, occurrence.end) };
  }

  const located = locatedElementAt(result, offset);
  if (located) {
    const element =
      located.kind === 'dependency'
        ? locatedTargets(located).map((id) => describeElement(result, 'component', id)).filter(Boolean).join('\n\n---\n\n')
        : describeElement(result, located.kind, located.id);
    const markdown = located.kind === 'dependency' ? [dependencyNote(located.from, located.dependency), element].filter(Boolean).join('\n\n') : element;
    if (markdown) return { markdown, range: located.range };
  }

  const at = sm.nodeAtOffset(offset);
  if (at.path.length === 0) return undefined;
  if (at.part === 'key') {
    const doc = keyDoc(documentSchema(result), at.path);
    if (!doc) return undefined;
    // On `slo` and `name` (the service itself), the service's availability follows the key's text.
    const service = at.path.length === 1 && (at.path[0] === 'slo' || at.path[0] === 'name') ? serviceAvailabilityMarkdown(result) : undefined;
    return { markdown: service ? `${doc}\n\n---\n\n${service}` : doc, range: sm.rangeOf(at.path, 'key') };
  }
  if (isScalar(at.node) && at.node.range && (typeof at.node.value === 'string' || typeof at.node.value === 'boolean')) {
    const markdown = enumValueDoc(documentSchema(result), at.path, at.node.value);
    if (!markdown) return undefined;
    return { markdown, range: sm.rangeFromOffsets(at.node.range[0], at.node.range[1]) };
  }
  return undefined;
}

/** What a dependency written outside `dependsOn` means: declared by the file, or inferred from a value. */
function dependencyNote(from: string, d: Dependency): string {
  if (d.anyOf) {
    const how = d.inferred ? ': **inferred** from a value that names a Service in front of them' : '';
    return `${name(from)} → ${anyOfWords(d.anyOf, name)}${d.optional ? ' (optional)' : ''}${how}; ${ANY_OF_MEANING}, so it counts in the analysis as one dependency.`;
  }
  return d.inferred
    ? `${name(from)} → ${name(d.component)}: **inferred** from a value that names ${name(d.component)}; it counts in the analysis. The quick fix declares it.`
    : `${name(from)} → ${name(d.component)}${d.optional ? ' (optional)' : ''}`;
}

/** Each rule once, in the order of its first finding here. */
function describeFindings(findings: readonly Finding[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const f of findings) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    const meta = ruleMeta(f.rule);
    const lines = [`**${text(meta?.title ?? f.rule)}** · \`${f.rule}\` · ${f.severity}`];
    if (meta) {
      lines.push(meta.explanation);
      if (meta.fix) lines.push(`**How to fix:** ${meta.fix}`);
    }
    lines.push(`[Documentation](${ruleDocsUrl(f.rule)})`);
    parts.push(lines.join('\n\n'));
  }
  return parts.join('\n\n---\n\n');
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
