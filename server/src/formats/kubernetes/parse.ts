// A multi-document manifest → one ParsedDocument whose tree is the sequence of its
// documents: document paths start with the document's index (`[2, 'spec', 'replicas']`),
// so the source map, ranges, navigation and fixes work on it unchanged. `data` is the list
// of the documents' data (null for an empty document). Never throws.

import { Composer, Document, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, Parser, visit, YAMLSeq } from 'yaml';
import type { Node } from 'yaml';
import type { RawFinding } from '../../model/findings';
import { findIgnoreComments, parseText } from '../../model/parse';
import type { ParsedDocument, ParseLimits, ParseTextOptions } from '../../model/parse';
import { SourceMap } from '../../model/source-map';
import { findTooDeep, withoutStackTraces } from '../../model/yaml-guards';
import { NOT_READ_RULE } from '../front-end';

const YAML_OPTIONS = {
  // yaml's own duplicate-key check is quadratic per mapping (a hostile 100k-key mapping takes
  // minutes); duplicateKeys below is linear.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  logLevel: 'error' as const,
};

const DOCUMENT = { kind: 'document' as const, id: '' };

export function parseManifests(text: string, limits: ParseLimits, _options: ParseTextOptions = {}): ParsedDocument {
  // Refusals (size, depth) are the model's parse's own: the same messages at the same places.
  if (text.length > limits.maxBytes) return parseText(text, limits, { recoverEntries: false });
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  if (findTooDeep(tokens, limits.maxDepth) !== null) return parseText(text, limits, { recoverEntries: false });

  const documents = withoutStackTraces(() => Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length)));
  const root = new Document(null, YAML_OPTIONS) as Document.Parsed;
  const items = new YAMLSeq();
  items.items = documents.map((d) => d.contents as Node | null) as unknown[];
  items.range = [0, text.length, text.length];
  root.contents = items as unknown as Document.Parsed['contents'];
  const sourceMap = new SourceMap(text, root, lineCounter);

  const problems: RawFinding[] = [];
  const template = templateAt(documents, text);
  if (template !== undefined) {
    problems.push({
      rule: NOT_READ_RULE,
      message: 'This is a Helm template, not YAML yet (`{{ … }}`): it was not read. Review what `helm template` renders from it instead',
      target: DOCUMENT,
      path: [],
      range: sourceMap.rangeFromOffsets(template, template + 2),
    });
    return { text, doc: root, lineCounter, sourceMap, data: undefined, problems, ignoreComments: [] };
  }

  const yamlProblems = documents.flatMap((d) => [...d.errors, ...d.warnings]);
  for (const d of documents) {
    for (const dup of duplicateKeys(d.contents as Node | null)) {
      problems.push({ rule: 'yaml-syntax', message: `Duplicate key "${dup.key}": only its first value is used`, target: DOCUMENT, path: [], range: sourceMap.rangeFromOffsets(dup.range[0], dup.range[1]) });
    }
  }
  for (const e of yamlProblems.slice(0, limits.maxSyntaxProblems)) {
    problems.push({ rule: 'yaml-syntax', message: cleanMessage(e.message), target: DOCUMENT, path: [], range: sourceMap.rangeFromOffsets(e.pos[0], e.pos[1]) });
  }
  if (yamlProblems.length > limits.maxSyntaxProblems) {
    const rest = yamlProblems.slice(limits.maxSyntaxProblems);
    problems.push({ rule: 'yaml-syntax', message: `${rest.length} more YAML problems after this one are not listed`, target: DOCUMENT, path: [], range: sourceMap.rangeFromOffsets(rest[0].pos[0], rest[0].pos[1]) });
  }

  const data = documents.map((d) => {
    if (d.contents === null) return null;
    try {
      return d.toJS({ maxAliasCount: limits.maxAliasCount }) as unknown;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      problems.push({
        rule: 'yaml-syntax',
        message: /alias/i.test(message) ? `Aliases expand too far (more than ${limits.maxAliasCount} expansions): this document was not analysed` : `The document could not be read: ${cleanMessage(message)}`,
        target: DOCUMENT,
        path: [],
        range: sourceMap.rangeFromOffsets(d.range[0], d.range[0]),
      });
      return null;
    }
  });
  return { text, doc: root, lineCounter, sourceMap, data, problems, ignoreComments: findIgnoreComments(text, sourceMap) };
}

/**
 * Where the file is a Go template rather than YAML: `{{ x }}` read as YAML is a flow mapping
 * whose key is a collection (no manifest has one), and a template's control lines
 * (`{{- if … }}`) break the YAML. A `{{` inside a string (a Prometheus rule in a ConfigMap)
 * is data, not a template.
 */
function templateAt(documents: Document.Parsed[], text: string): number | undefined {
  let found: number | undefined;
  for (const d of documents) {
    visit(d, {
      Pair(_, pair) {
        const at = isPair(pair) && isCollection(pair.key) ? (pair.key as Node).range?.[0] : undefined;
        if (at === undefined) return undefined;
        // The key is the inner `{ x }`; the template starts at the outer brace.
        found = text[at - 1] === '{' ? at - 1 : at;
        return visit.BREAK;
      },
    });
    if (found !== undefined) return found;
    if (d.errors.length > 0) {
      const start = d.range[0];
      const end = d.range[2];
      const inDocument = text.slice(start, end);
      const m = /^[^#\n]*?(\{\{)/m.exec(inDocument);
      if (m) return start + m.index + m[0].length - 2;
    }
  }
  return undefined;
}

/** Keys written twice in one mapping, in one iterative pass with a set per mapping (the depth is bounded already). */
function duplicateKeys(root: Node | null): { key: string; range: [number, number] }[] {
  const out: { key: string; range: [number, number] }[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        const key = item.key as Node | null;
        if (isScalar(key)) {
          const k = String(key.value);
          if (seen.has(k) && key.range) out.push({ key: k, range: [key.range[0], key.range[1]] });
          seen.add(k);
        } else if (key && isCollection(key)) stack.push(key);
        if (item.value) stack.push(item.value as Node);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) stack.push(item as Node);
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

function cleanMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}
