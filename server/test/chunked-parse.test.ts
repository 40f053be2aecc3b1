// The incremental parse against the whole parse: for every text, parsing with a cache warmed
// by the previous text must give what a cold parse gives (data, problems, node tree and
// ranges, SourceMap answers, findings), and it must actually reuse the unchanged chunks.
// A text that yaml reads without a problem must be read exactly as yaml reads it whole. A
// text with problems is read entry by entry: each problem stays in its entry, and the rest
// reads as the whole text without the broken entries.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Document, isMap, isPair, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { analyze } from '../src/analysis/engine';
import { ChunkCache, splitSections } from '../src/model/chunked-parse';
import { parseText } from '../src/model/parse';
import type { ParsedDocument } from '../src/model/parse';
import { generateLargeDesignYaml, randomDesign } from '../../test/support/random-design';
import { composeOfServices, randomCompose } from '../../test/support/random-compose';
import { assertSameParse, pathsOf } from '../../test/support/same-parse';

const RUNS = Number(process.env.CHUNKED_PARSE_RUNS ?? 300);
const ROOT = path.join(__dirname, '..', '..');
const SAMPLES = fs
  .readdirSync(path.join(ROOT, 'samples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8') }));

const COMPOSE_SAMPLES = fs
  .readdirSync(path.join(ROOT, 'samples', 'compose'))
  .sort()
  .map((f) => ({ name: `compose/${f}`, text: fs.readFileSync(path.join(ROOT, 'samples', 'compose', f), 'utf8') }));

/** A cache that chunks documents of any size, so that small texts exercise the chunked path. */
const anySize = (): ChunkCache => new ChunkCache(0);

// ---- Comparison ----

const seedName = (seed: number | undefined): string => (seed === undefined ? '' : ` (regression seed ${seed})`);

/** Exactly as yaml reads the whole text, with no entry-by-entry recovery. */
const yamlWhole = (text: string): ParsedDocument => parseText(text, undefined, { recoverEntries: false });

const hasYamlProblems = (p: ParsedDocument): boolean => p.doc.errors.length + p.doc.warnings.length > 0;

/** The text without the given spans (whole lines, in text order). */
function withoutSpans(text: string, spans: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of spans) {
    out += text.slice(at, a);
    at = b;
  }
  return out + text.slice(at);
}

/**
 * The data of a recovered parse without the top-level items and section entries that start
 * in a broken chunk: what the text without those chunks holds.
 */
function dataOutside(parsed: ParsedDocument, spans: readonly [number, number][]): unknown {
  const inBroken = (item: unknown): boolean => {
    const node = (isPair(item) ? item.key : item) as Node | null;
    const at = node?.range?.[0] ?? -1;
    return spans.some(([a, b]) => at >= a && at < b);
  };
  const root = parsed.doc.contents;
  if (!isMap(root)) return parsed.data;
  const kept = new YAMLMap();
  for (const pair of root.items) {
    if (inBroken(pair)) continue;
    const value = pair.value;
    if ((isMap(value) || isSeq(value)) && !value.flow) {
      const entries = (value.items as unknown[]).filter((item) => !inBroken(item));
      const copy = isMap(value) ? new YAMLMap() : new YAMLSeq();
      copy.items = entries as never[];
      kept.items.push({ ...pair, value: entries.length > 0 ? copy : null } as Pair);
    } else {
      kept.items.push(pair);
    }
  }
  // Through a document, as the parse converts it: a collection used as a key is then written
  // as YAML, not as JSON. With every item broken the rest is a text of no items, which reads as null.
  if (kept.items.length === 0) return null;
  const doc = new Document(null, { logLevel: 'error' });
  doc.contents = kept;
  return doc.toJS();
}

function someOffsets(text: string, count = 40): number[] {
  const out: number[] = [0, text.length];
  for (let i = 1; i <= count; i++) out.push(Math.floor((i * 7919 * text.length) / (count * 7919 + 1)) % (text.length + 1));
  return out;
}

// ---- Edits ----

type Edit =
  | { kind: 'insert'; at: number; text: string; lineStart: boolean }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'indent' | 'dedent' | 'dropLine' | 'duplicateLine'; line: number };

/** Edits that keep most texts chunkable, or break them in ways a whole parse recovers from. */
const SNIPPETS = [
  'x', ' ', '\n', '  ', ':', ': ', '- ', '#', '# note\n', '  # note\n', '{', '}', '[', ']', ',', '"', "'", '|\n', '>-\n', '|+\n',
  '\r\n', 'key: value\n', 'key:\n', '  extra: 1\n', '  extra:\n', '  - item\n', '  -\n', 'zones:\n  z9: {}\n',
  '  web:\n    type: web-server\n', 'components:\n', '    dependsOn: [web]\n', '\n\n', 'ö', '\u2028',
];
/** Edits after which the text must be parsed whole. */
const REFUSED = ['\t', '&a ', '*a', '!!str ', '---\n', '...\n', '%YAML 1.2\n', '\r', '\uFEFF'];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 1, arbitrary: fc.constantFrom(...REFUSED) }, { weight: 2, arbitrary: fc.string({ maxLength: 4 }) }),
      lineStart: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constantFrom('indent' as const, 'dedent' as const, 'dropLine' as const, 'duplicateLine' as const), line: fc.nat() }),
);

/** Whole lines: comments and blank lines at every indentation, entries, empty values, block scalars. */
const LINES = [
  '', '# note', '  # note', '    # note', '  ', 'extra: 1', 'extra:', 'extra: |+\n  kept\n', 'extra: >-\n  folded\n  text',
  '  zz: { type: cache }', '  zz:', '  zz:\n    type: queue', '  zz: |\n    text\n\n', '  - { name: x, type: A, target: lb }', '  -',
  '    type: cache', '    note: "quoted # not a comment"', "    note: 'it''s'", '    dependsOn:', '    - a', '      - b',
  'components:', 'hosts:\n  h9: {}', '  "quoted key": 1', '  ? complex', '  : value', '  zz: # why', '    x: # why', '  - # why',
  '  zz: [a,\n    b]', '  zz: "multi\n    line"', '  zz: plain\n    continued', 'extra: [a,\nb]', 'extra: "open\nclose"',
  '  zz: {}\n    # trailing', '  zz:\n    - a\n  # between',
];

const lineEditArb = fc.record({ line: fc.nat(), remove: fc.boolean(), text: fc.constantFrom(...LINES) });

function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'insert') {
    let at = edit.at % (text.length + 1);
    if (edit.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
    return text.slice(0, at) + edit.text + text.slice(at);
  }
  if (edit.kind === 'delete') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + edit.length);
  }
  const lines = text.split('\n');
  const i = edit.line % lines.length;
  if (edit.kind === 'indent') lines[i] = `  ${lines[i]}`;
  else if (edit.kind === 'dedent') lines[i] = lines[i].replace(/^ {1,2}/, '');
  else if (edit.kind === 'dropLine') lines.splice(i, 1);
  else lines.splice(i, 0, lines[i]);
  return lines.join('\n');
}

const BASES = [...SAMPLES.map((s) => s.text), generateLargeDesignYaml(40, 7)];
/** Compose files to edit: the samples, a generated one, and random ones. */
const COMPOSE_BASES = fc.oneof(fc.constantFrom(...COMPOSE_SAMPLES.map((s) => s.text), composeOfServices(30).text), randomCompose);

// ---- Tests ----

describe('chunked parse', function () {
  // Long hunts (CHUNKED_PARSE_RUNS=10000) take minutes per property.
  this.timeout(Math.max(120_000, RUNS * 200));

  describe('cutting the text', () => {
    it('cuts a design into sections and block entries', () => {
      const text = 'version: 1\ndns:\n  - { name: www, type: A, target: h1 }\n  - name: api\n    type: A\n    target: h1\nhosts:\n  h1: { zone: z }\n  h2:\n    zone: z\nload:\n  peak: 10\n';
      const sections = splitSections(text)!;
      assert.deepEqual(
        sections.map((s) => [s.kind, text.slice(s.header.start, s.header.end), s.entries.map((e) => text.slice(e.start, e.end))]),
        [
          ['whole', 'version: 1\n', []],
          ['seq', 'dns:\n', ['  - { name: www, type: A, target: h1 }\n', '  - name: api\n    type: A\n    target: h1\n']],
          ['map', 'hosts:\n', ['  h1: { zone: z }\n', '  h2:\n    zone: z\n']],
          ['whole', 'load:\n  peak: 10\n', []],
        ],
      );
    });

    it('gives comments above an entry to that entry, and blank lines above them to the entry before', () => {
      const text = 'hosts:\n  h1: |+\n    text\n\n# about h2\n  # more\n  h2: {}\n';
      const [section] = splitSections(text)!;
      assert.deepEqual(
        section.entries.map((e) => text.slice(e.start, e.end)),
        ['  h1: |+\n    text\n\n', '# about h2\n  # more\n  h2: {}\n'],
      );
    });

    for (const [what, text] of [
      ['an anchor', 'a: &x 1\nb: 2\n'],
      ['an alias', 'a: 1\nb: [*x]\n'],
      ['a tag', 'a: !!str 1\nb: 2\n'],
      ['a document marker', 'a: 1\n---\nb: 2\n'],
      ['a document end marker', 'a: 1\n...\nb: 2\n'],
      ['a directive', '%YAML 1.2\n---\na: 1\n'],
      ['a top-level sequence', '- a\n- b\n'],
      ['a flow mapping at the top', '{ a: 1 }\n'],
      ['a quoted top-level key', '"a": 1\nb: 2\n'],
      ['an indented first line', '  a: 1\nb: 2\n'],
      ['a lone carriage return', 'a: 1\rb: 2\n'],
      ['a byte-order mark', '\uFEFFa: 1\n'],
    ] as const) {
      it(`parses a text with ${what} whole`, () => {
        assert.equal(splitSections(text), null);
        const cache = anySize();
        assertSameParse(parseText(text, undefined, { chunkCache: cache }), parseText(text));
        assert.equal(cache.lastRun.chunked, false);
      });
    }

    for (const [what, text] of [
      ['a tab that ends the indentation', 'a:\n  b: 1\n\tc: 2\nd: 3\n'],
      ['a tab in a block scalar', 'a:\n  b: |\n    \tx\n  c: 2\nd: 3\n'],
      ['a line indented less than its entries', 'a:\n  b: 1\n c: 2\n  d: 3\ne: 4\n'],
      ['a compact sequence', 'a:\n- x\n- y\nb: 1\n'],
      ['a flow collection closed at column 0', 'a: [x,\n]\nb: 1\n'],
      ['keys that are not plain identifiers', 'a: 1\nx  b:\n    c: 1\n[k]: 2\n1: 4\n'],
      ['an explicit key', 'a: 1\n? b\n: 2\nc: 3\n'],
      ['an empty key at column 0', 'a: 1\n: 2\nb: 3\n'],
      ['an empty key at column 0 among the entries of a section', 'a:\n  b: 1\n: 2\n  c: 3\nd:\n  e: 4\n  f: 5\n'],
      // yaml gives these to the root mapping without a word, so their section is read whole.
      ['an empty key indented less than the entries of a mapping', 'a:\n    b: 1\n  :\n    c: 3\nd:\n  e: 4\n  f: 5\n'],
      ['an empty key indented less than the entries of a sequence', 'a:\n  - b\n  - c\n : 2\nd:\n  - e\n  - f\n'],
      ['an empty key with no value indented less than the entries, last in its section', 'a:\n    b: 1\n    c: 2\n  :\nd:\n  e: 4\n  f: 5\n'],
    ] as const) {
      it(`cuts a text with ${what} and reads it as yaml does, or entry by entry when yaml reports it`, () => {
        assert.notEqual(splitSections(text), null);
        const cache = anySize();
        const warm = parseText(text, undefined, { chunkCache: cache });
        assert.equal(cache.lastRun.chunked, true);
        const whole = yamlWhole(text);
        assert.equal(hasYamlProblems(warm), hasYamlProblems(whole));
        if (!hasYamlProblems(whole)) assertSameParse(warm, whole, someOffsets(text));
        else assertSameParse(warm, parseText(text), someOffsets(text));
      });
    }

    it('parses whole a sequence at its key\'s column followed by a comment at a cut (yaml gives it the comment)', () => {
      const text = 'a:\n  zz:\n  - x\n  # between\n  b: 1\nc: 2\n';
      const cache = anySize();
      assertSameParse(parseText(text, undefined, { chunkCache: cache }), yamlWhole(text), someOffsets(text));
      assert.equal(cache.lastRun.chunked, false);
    });

    it('parses documents under the size threshold whole', () => {
      const cache = new ChunkCache();
      parseText(SAMPLES[0].text, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, false);
      assert.equal(cache.size, 0);
    });
  });

  describe('equals the whole parse', () => {
    for (const sample of [...SAMPLES, ...COMPOSE_SAMPLES]) {
      it(`on ${sample.name}`, () => {
        const cache = anySize();
        const chunked = parseText(sample.text, undefined, { chunkCache: cache });
        assert.equal(cache.lastRun.chunked, true, 'the sample was chunked');
        assertSameParse(chunked, parseText(sample.text), someOffsets(sample.text, 200));
      });
    }

    it('on generated large designs, chunked at the default threshold', () => {
      for (const seed of [1, 2]) {
        const text = generateLargeDesignYaml(500, seed);
        const cache = new ChunkCache();
        const chunked = parseText(text, undefined, { chunkCache: cache });
        assert.equal(cache.lastRun.chunked, true);
        assert.ok(cache.lastRun.composed > 500, `${cache.lastRun.composed} chunks`);
        assertSameParse(chunked, parseText(text), someOffsets(text, 300));
      }
    });

    it('on random Compose files', () => {
      fc.assert(
        fc.property(randomCompose, (text) => {
          const cache = anySize();
          const chunked = parseText(text, undefined, { chunkCache: cache });
          assert.equal(cache.lastRun.chunked, true);
          assertSameParse(chunked, yamlWhole(text), someOffsets(text));
        }),
        { numRuns: RUNS },
      );
    });

    it('on duplicate keys inside an entry and across entries, with their ranges from the chunks', () => {
      const text = 'name: a\nservices:\n  web:\n    image: x\n    image: y\n    deploy: { replicas: 1, replicas: 2 }\n  web:\n    image: z\nname: b\n';
      const cache = anySize();
      const chunked = parseText(text, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true);
      const whole = yamlWhole(text);
      assert.equal(whole.problems.filter((p) => /Duplicate key/.test(p.message)).length, 4);
      assertSameParse(chunked, whole, someOffsets(text));
      const moved = `# first\n${text}`;
      assertSameParse(parseText(moved, undefined, { chunkCache: cache }), yamlWhole(moved), someOffsets(moved));
      assert.ok(cache.lastRun.moved > 0);
    });

    it('on random designs', () => {
      fc.assert(
        fc.property(randomDesign(), ({ yaml }) => {
          const cache = anySize();
          assertSameParse(parseText(yaml, undefined, { chunkCache: cache }), parseText(yaml), someOffsets(yaml));
        }),
        { numRuns: RUNS },
      );
    });

    // Composed alone, `key: # why` takes the blank lines its chunk ends with; in a whole parse
    // it stops at the first one when a sibling follows, and takes them all when its map ends.
    for (const [what, text] of [
      ['at the top level', 'version: 1\ndomain: # why\n\n\nhosts:\n  h1: {}\n'],
      ['before a space-only line', 'version: 1\ndomain:   # why  \n   \n\nhosts:\n  h1: {}\n'],
      ['before a sibling entry', 'components:\n  a: 1\n  x: # why\n\n  \n  z: 1\n'],
      ['at the end of its section', 'components:\n  a: 1\n  x: # why\n\n\nhosts:\n  h1: {}\n'],
      ['with CRLF line ends', 'components:\r\n  a: 1\r\n  x: # why\r\n  \r\n\r\n  z: 1\r\n'],
    ] as const) {
      it(`on an empty value with a comment before blank lines at a cut, ${what}`, () => {
        const cache = anySize();
        const chunked = parseText(text, undefined, { chunkCache: cache });
        assert.equal(cache.lastRun.chunked, true);
        assertSameParse(chunked, yamlWhole(text), someOffsets(text));
      });
    }

    it('with CRLF line ends, duplicate keys and duplicate entries', () => {
      const text = `${SAMPLES[0].text}\ncomponents:\n  extra: { type: service }\n  extra: { type: service }\n  extra: { type: service }\n`.replace(/\n/g, '\r\n');
      const cache = anySize();
      const chunked = parseText(text, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true);
      const whole = parseText(text);
      assert.ok(whole.problems.some((p) => /Duplicate key "extra"/.test(p.message)));
      assertSameParse(chunked, whole, someOffsets(text, 100));
    });
  });

  describe('after edits, with the cache of the text before', () => {
    // Each property runs under the suite's seed and under the seeds that once found a disagreement.
    for (const seed of [undefined, -177699947]) {
      it(`equals a cold parse, for random edits anywhere; exactly yaml's when yaml finds no problem${seedName(seed)}`, () => {
        const counts = { chunked: 0, refused: 0, broken: 0, otherwise: 0, recovered: 0 };
        fc.assert(
          fc.property(fc.constantFrom(...BASES.keys()), fc.array(editArb, { minLength: 1, maxLength: 6 }), (base, edits) => {
            const cache = anySize();
            let text = BASES[base];
            parseText(text, undefined, { chunkCache: cache });
            for (const edit of edits) {
              text = applyEdit(text, edit);
              const warm = parseText(text, undefined, { chunkCache: cache });
              const broken = cache.lastRun.broken;
              assert.notEqual(cache.lastRun.fallback?.kind, 'failed', JSON.stringify(cache.lastRun.fallback));
              assert.deepEqual(warm.chunkFallback, cache.lastRun.fallback ?? undefined, 'the fallback is recorded on the parse result');
              const cold = parseText(text);
              const whole = yamlWhole(text);
              if (cache.lastRun.chunked) counts.chunked++;
              else if (splitSections(text) === null) counts.refused++;
              else if (whole.problems.length > 0) counts.broken++;
              else counts.otherwise++;
              assertSameParse(warm, cold, someOffsets(text, 20));
              assert.equal(hasYamlProblems(warm), hasYamlProblems(whole), 'yaml and the chunked parse disagree on whether the text has problems');
              if (!hasYamlProblems(whole)) {
                assert.deepEqual(broken, [], 'a chunk of a valid text has problems');
                assertSameParse(warm, whole, someOffsets(text, 20));
              }
              if (broken.length > 0) {
                counts.recovered++;
                // Recovery only ever happens to a text that yaml finds problems in.
                assert.ok(hasYamlProblems(whole), 'recovered a text yaml reads without problems');
                for (const e of warm.doc.errors) assert.ok(broken.some(([a, b]) => e.pos[0] >= a && e.pos[0] <= b), `${e.code} outside the broken chunks`);
                const rest = yamlWhole(withoutSpans(text, broken));
                if (!hasYamlProblems(rest)) assert.deepEqual(dataOutside(warm, broken), rest.data, 'the rest reads as the text without the broken entries');
              }
            }
          }),
          { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
        );
        // The property is about the chunked path: many edited texts must take it, and a text
        // that can be cut and has no YAML problem takes it unless an empty value sits at a cut.
        const total = counts.chunked + counts.refused + counts.broken + counts.otherwise;
        assert.ok(counts.chunked > total / 8, JSON.stringify(counts));
        assert.ok(counts.recovered > total / 20, JSON.stringify(counts));
        assert.ok(counts.otherwise < counts.chunked / 4, JSON.stringify(counts));
      });
    }

    // 831543175: a section's last entry ends with a comment line, and a column-0 comment follows.
    for (const seed of [undefined, 831543175]) {
      it(`equals a cold whole parse, for line edits that keep the text valid YAML${seedName(seed)}`, () => {
        let chunked = 0;
        let total = 0;
        fc.assert(
          fc.property(fc.constantFrom(...BASES.keys()), fc.array(lineEditArb, { minLength: 1, maxLength: 8 }), (base, edits) => {
            const cache = anySize();
            let text = BASES[base];
            parseText(text, undefined, { chunkCache: cache });
            for (const edit of edits) {
              const lines = text.split('\n');
              const at = edit.line % lines.length;
              if (edit.remove) lines.splice(at, 1);
              else lines.splice(at, 0, ...edit.text.split('\n'));
              text = lines.join('\n');
              const warm = parseText(text, undefined, { chunkCache: cache });
              total++;
              if (cache.lastRun.chunked) chunked++;
              assertSameParse(warm, parseText(text), someOffsets(text, 20));
            }
          }),
          { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
        );
        assert.ok(chunked > total / 3, `${chunked} of ${total} parses were chunked`);
      });
    }

    it('re-composes only the edited chunk', () => {
      const text = generateLargeDesignYaml(500, 3);
      const cache = new ChunkCache();
      parseText(text, undefined, { chunkCache: cache });
      const chunks = cache.size;
      const edited = text.replace('    software: gunicorn', '    sofware: gunicorn');
      const warm = parseText(edited, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true);
      assert.equal(cache.lastRun.composed, 1);
      assert.ok(cache.lastRun.moved > 0 && cache.lastRun.reused > 0);
      assert.equal(cache.size, chunks, 'the cache holds one version');
      assertSameParse(warm, parseText(edited), someOffsets(edited, 200));
    });

    it('gives an unchanged entry the same data object, moved or not', () => {
      const { text, editLine } = composeOfServices(300);
      const cache = new ChunkCache();
      const before = parseText(text, undefined, { chunkCache: cache });
      const lines = text.split('\n');
      lines[editLine] = '    restart: "no"  # longer than before';
      const after = parseText(lines.join('\n'), undefined, { chunkCache: cache });
      assert.ok(cache.lastRun.moved > 100 && cache.lastRun.reused > 100);
      const services = (p: ParsedDocument) => (p.data as { services: Record<string, unknown> }).services;
      const edited = `svc-${300 >> 1}`;
      for (const id of ['svc-0', 'svc-1', 'svc-299']) assert.equal(services(after)[id], services(before)[id], id);
      assert.notEqual(services(after)[edited], services(before)[edited]);
      assert.deepEqual(after.data, parseText(lines.join('\n')).data);
    });

    it('equals a cold parse and a cold analysis on edited Compose files, line edits and edits anywhere', () => {
      let chunked = 0;
      let total = 0;
      const anyEdit = fc.oneof(lineEditArb.map((line) => ({ line })), editArb.map((anywhere) => ({ anywhere })));
      fc.assert(
        fc.property(COMPOSE_BASES, fc.array(anyEdit, { minLength: 1, maxLength: 6 }), (base, edits) => {
          const cache = anySize();
          let text = base;
          analyze(text, { format: 'compose', chunkCache: cache });
          for (const edit of edits) {
            if ('anywhere' in edit) {
              text = applyEdit(text, edit.anywhere);
            } else {
              const lines = text.split('\n');
              const at = edit.line.line % lines.length;
              if (edit.line.remove) lines.splice(at, 1);
              else lines.splice(at, 0, ...edit.line.text.split('\n'));
              text = lines.join('\n');
            }
            const warm = analyze(text, { format: 'compose', chunkCache: cache });
            total++;
            if (cache.lastRun.chunked) chunked++;
            const cold = analyze(text, { format: 'compose' });
            assertSameParse(warm.parsed, cold.parsed, someOffsets(text, 10));
            if (!hasYamlProblems(cold.parsed)) assertSameParse(warm.parsed, yamlWhole(text), someOffsets(text, 10));
            assert.deepEqual(warm.findings, cold.findings);
            assert.deepEqual(warm.suppressed, cold.suppressed);
          }
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      );
      assert.ok(chunked > total / 4, `${chunked} of ${total} parses were chunked`);
    });

    it('leaves the earlier parse untouched when it moves chunks', () => {
      const text = generateLargeDesignYaml(200, 4);
      const cache = new ChunkCache(0);
      const before = parseText(text, undefined, { chunkCache: cache });
      const paths = pathsOf(before.data, 2_000);
      const ranges = paths.map((p) => before.sourceMap.rangeOf(p, 'node'));
      parseText(`# a new first line\n${text}`, undefined, { chunkCache: cache });
      assert.ok(cache.lastRun.moved > 100);
      assert.deepEqual(paths.map((p) => before.sourceMap.rangeOf(p, 'node')), ranges);
      assertSameParse(before, parseText(text));
    });

    it('keeps a YAML error in its entry, re-composing only that entry, and reuses the cache once it is fixed', () => {
      const text = generateLargeDesignYaml(500, 5);
      const cache = new ChunkCache();
      parseText(text, undefined, { chunkCache: cache });
      const at = text.indexOf('    software: gunicorn');
      const broken = text.replace('    software: gunicorn', '    software: "gunicorn');
      const warm = parseText(broken, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true);
      assert.equal(cache.lastRun.composed, 1);
      assert.equal(cache.lastRun.broken.length, 1);
      const [[start, end]] = cache.lastRun.broken;
      assert.ok(start <= at && at < end, 'the broken chunk is the edited entry');
      const syntax = warm.problems.filter((p) => p.rule === 'yaml-syntax');
      assert.ok(syntax.length > 0 && syntax.length <= 3, `${syntax.length} problems`);
      for (const e of warm.doc.errors) assert.ok(e.pos[0] >= start && e.pos[0] <= end, `${e.code} at ${e.pos} is outside the entry`);
      // yaml itself lets the open quote run on: its error lands further down.
      assert.ok(hasYamlProblems(yamlWhole(broken)));
      assertSameParse(warm, parseText(broken));
      assert.deepEqual(dataOutside(warm, cache.lastRun.broken), yamlWhole(withoutSpans(broken, cache.lastRun.broken)).data);
      const fixed = parseText(text, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true);
      assert.ok(cache.lastRun.composed <= 2, `${cache.lastRun.composed} chunks composed`);
      assertSameParse(fixed, yamlWhole(text));
    });

    it('reads a small text with a YAML error entry by entry too, with or without a cache', () => {
      const sample = SAMPLES.find((s) => s.text.includes('components:'))!.text;
      const broken = sample.replace(/^( {4}software: )/m, '$1"');
      assert.notEqual(broken, sample);
      const cold = parseText(broken);
      const cache = new ChunkCache();
      const warm = parseText(broken, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, true, 'the small broken text was cut');
      assertSameParse(warm, cold, someOffsets(broken, 60));
      assert.ok(hasYamlProblems(cold) && hasYamlProblems(yamlWhole(broken)));
      assert.deepEqual(dataOutside(cold, cache.lastRun.broken), yamlWhole(withoutSpans(broken, cache.lastRun.broken)).data);
    });

    it('reads a small text that stays broken entry by entry from the cache, and exactly as yaml does once it is fixed', () => {
      const sample = SAMPLES.find((s) => s.text.includes('components:'))!.text;
      const versions = [sample.replace(/^( {4}software: )/m, '$1"'), sample.replace(/^( {4}software: )/m, '$1"x'), sample];
      const cache = new ChunkCache();
      for (const [i, text] of versions.entries()) {
        const warm = parseText(text, undefined, { chunkCache: cache });
        if (i < 2) {
          assert.equal(cache.lastRun.chunked, true, `version ${i} was cut`);
          if (i > 0) assert.ok(cache.lastRun.reused + cache.lastRun.moved > 0, `version ${i} reused chunks`);
          assertSameParse(warm, parseText(text), someOffsets(text, 60));
        } else {
          assert.equal(cache.lastRun.chunked, true, 'the fixed version was read from the cache');
          assert.equal(hasYamlProblems(warm), false);
          assertSameParse(warm, yamlWhole(text), someOffsets(text, 60));
        }
      }
      // Clean again: the next version is parsed whole, as any small text is.
      parseText(`${sample}\n`, undefined, { chunkCache: cache });
      assert.equal(cache.lastRun.chunked, false);
    });

    it('confines a mis-indented entry to itself, where yaml alone reports every entry after it', () => {
      const text = generateLargeDesignYaml(300, 9);
      const lines = text.split('\n');
      const i = lines.findIndex((l, n) => n > lines.indexOf('hosts:') + 5 && /^ {2}\S+: \{ zone: /.test(l));
      lines[i] = lines[i].slice(1);
      const broken = lines.join('\n');
      const whole = yamlWhole(broken);
      const recovered = parseText(broken);
      const entries = (p: ParsedDocument, section: string) => Object.keys((p.data as Record<string, Record<string, unknown>>)[section] ?? {}).length;
      const cache = anySize();
      assert.deepEqual(parseText(broken, undefined, { chunkCache: cache }).problems, recovered.problems);
      // One chunk holds the errors: the entry above and the mis-indented line.
      assert.equal(cache.lastRun.broken.length, 1);
      const [[start, end]] = cache.lastRun.broken;
      assert.deepEqual(broken.slice(start, end).split('\n').slice(0, 2), [lines[i - 1], lines[i]]);
      assert.ok(recovered.doc.errors.length > 0 && recovered.doc.errors.every((e) => e.pos[0] >= start && e.pos[0] <= end));
      assert.ok(whole.doc.errors.length > 100, `yaml alone: ${whole.doc.errors.length} errors`);
      const clean = yamlWhole(text);
      for (const section of ['hosts', 'components']) assert.ok(entries(recovered, section) >= entries(clean, section) - 1, section);
    });

    it('keeps the cache to the chunks of the current text', () => {
      let text = generateLargeDesignYaml(300, 6);
      const cache = new ChunkCache(0);
      parseText(text, undefined, { chunkCache: cache });
      const size = cache.size;
      for (let i = 0; i < 30; i++) {
        text = text.replace(/capacity: (\d+)/, (_, n: string) => `capacity: ${Number(n) + 1}`);
        parseText(text, undefined, { chunkCache: cache });
        assert.equal(cache.size, size);
      }
    });

    it('gives the same findings from analyze, on edited large designs', () => {
      const text = generateLargeDesignYaml(400, 8);
      const lines = text.split('\n');
      const edits: ((ls: string[]) => void)[] = [
        (ls) => ls.splice(ls.indexOf('    software: gunicorn'), 1, '    sofware: gunicorn'),
        (ls) => ls.splice(ls.findIndex((l) => l.includes('runsOn: [s3-web-1')), 1, '  s3-web: { type: web-server, software: nginx, runsOn: [s3-web-9], dependsOn: [s3-app] }'),
        (ls) => ls.splice(ls.indexOf('components:') + 1, 0, '  # infra-review-ignore single-point-of-failure: accepted', '  s0-zzz: { type: service, dependsOn: [s0-zzz] }'),
        (ls) => ls.splice(ls.indexOf('hosts:') + 1, 1),
        (ls) => ls.splice(ls.indexOf('zones:') + 1, 0, '  zone-a: { region: r2 }'),
      ];
      const cache = new ChunkCache();
      analyze(text, { chunkCache: cache });
      for (const edit of edits) {
        edit(lines);
        const edited = lines.join('\n');
        const warm = analyze(edited, { chunkCache: cache });
        assert.equal(cache.lastRun.chunked, true);
        const cold = analyze(edited);
        const shape = (r: typeof warm) => r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range, related: f.related?.map((x) => x.range) }));
        assert.deepEqual(shape(warm), shape(cold));
        assert.deepEqual(warm.suppressed.map((f) => [f.rule, f.range]), cold.suppressed.map((f) => [f.rule, f.range]));
      }
    });
  });

  it('nothing outside the parser reads the comments that the chunked parse does not reproduce', () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !full.endsWith(path.join('model', 'chunked-parse.ts'))) sources.push(full);
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    const readers = sources.filter((f) => /\.(commentBefore|spaceBefore|comment)\b/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(readers.map((f) => path.relative(ROOT, f)), []);
  });
});
