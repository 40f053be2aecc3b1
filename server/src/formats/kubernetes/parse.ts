// A multi-document manifest → one ParsedDocument whose tree is the sequence of its
// documents: document paths start with the document's index (`[2, 'spec', 'replicas']`),
// so the source map, ranges, navigation and fixes work on it unchanged. `data` is the list
// of the documents' data (null for an empty document). Never throws.

import { Composer, Document, isCollection, isPair, LineCounter, Parser, visit, YAMLSeq } from 'yaml';
import type { Node } from 'yaml';
import type { RawFinding } from '../../model/findings';
import { documentData, duplicateKeyProblems, findIgnoreComments, inspectTree, parseText, syntaxProblems, YAML_OPTIONS } from '../../model/parse';
import type { ParsedDocument, ParseLimits, ParseTextOptions } from '../../model/parse';
import { SourceMap } from '../../model/source-map';
import { findTooDeep, withoutStackTraces } from '../../model/yaml-guards';
import { NOT_READ_RULE } from '../front-end';

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

  // The token check above bounded the depth already: only the duplicate keys are new here.
  for (const d of documents) problems.push(...duplicateKeyProblems(inspectTree(d.contents as Node | null, limits.maxDepth), sourceMap));
  problems.push(...syntaxProblems(documents.flatMap((d) => [...d.errors, ...d.warnings]), sourceMap, limits));

  const data = documents.map((d) => {
    if (d.contents === null) return null;
    const read = documentData(d, limits, sourceMap, d.range[0]);
    if (read.problem) problems.push(read.problem);
    return read.problem ? null : read.data;
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
