// `check` reads a file without its yaml tree (model/parse.ts `parseCompact`, a CompactIndex
// for the SourceMap): what it finds must be what the editor's tree-backed analysis finds.
// The parse is compared answer by answer, the analysis finding by finding and the CLI's
// JSON and SARIF byte by byte, on the samples, random designs and hostile edits of them.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../src/analysis/engine';
import type { AnalysisResult } from '../src/analysis/engine';
import { availabilityOf } from '../src/analysis/availability';
import { formatOptionsFor } from '../src/formats';
import { FORMATTERS } from '../src/cli/formatters';
import { ChunkCache } from '../src/model/chunked-parse';
import { CompactIndex } from '../src/model/compact-index';
import { parseCompact, parseText } from '../src/model/parse';
import type { ParsedSource } from '../src/model/parse';
import type { Path } from '../src/model/types';
import { generateLargeDesignYaml, randomDesign } from '../../test/support/random-design';
import { randomCompose } from '../../test/support/random-compose';
import { hostileTextArb, loadSamples } from '../../test/support/fuzz-inputs';
import { pathsOf } from '../../test/support/same-parse';

const RUNS = Number(process.env.COMPACT_RUNS ?? 150);
const ROOT = path.join(__dirname, '..', '..');

/** Every sample, with the file name that tells its format. */
const SAMPLES = ['samples', 'samples/compose', 'samples/kubernetes'].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(ROOT, dir, f), 'utf8') })),
);
const INFRA_SAMPLES = loadSamples();

/** Texts that cross what the compact parse must handle like the whole one. */
const HOSTILE: Record<string, string> = {
  'a YAML error mid-file': `${INFRA_SAMPLES[3].text.replace('    type: web-server', '    type: [web-server')}`,
  'a mis-indented line': INFRA_SAMPLES[3].text.replace('    runsOn:', ' runsOn:'),
  'duplicate keys in a section and in an entry': `${INFRA_SAMPLES[0].text}\ncomponents:\n  extra: { type: cache, type: queue }\n  extra: { type: cache }\n`,
  'an alias to an anchor in another entry': 'version: 1\nhosts:\n  h1: &h { zone: a }\n  h2: *h\ncomponents:\n  web:\n    type: web-server\n    runsOn: [h1, h2]\n',
  'a merge key': 'version: 1\nhosts:\n  h1: { zone: a }\ncomponents:\n  base: &b { type: web-server, runsOn: [h1] }\n  web:\n    <<: *b\n',
  'ignore comments': `version: 1\nhosts:\n  h1: {}\ncomponents:\n  # infra-review-ignore spof: a lab\n  web:\n    type: web-server\n    runsOn: [h1]\n  # infra-review-ignore no-such-rule\n  db:\n    type: database\n    runsOn: [h1]\n`,
  'comments between entries and at the end': `${INFRA_SAMPLES[1].text}\n# trailing\n\n# more\n`,
  'an entry ending with an empty value': 'version: 1\ncomponents:\n  web:\n    type: web-server\n    notes:\n  db:\n    type: database\n    tags:\n      -\n  lb:\n    type: load-balancer\n',
  'an empty value at a cut': 'version: 1\nhosts:\n  h1:\n  h2: {}\ncomponents:\n  web:\n    type: web-server\n    runsOn: [h1]\n  lb:\n',
  'a block scalar keeping blank lines': 'version: 1\ncomponents:\n  web:\n    type: web-server\n    notes: |+\n      kept\n\n\n  db:\n    type: database\n',
  'CRLF line ends': INFRA_SAMPLES[2].text.replace(/\n/g, '\r\n'),
  'a second document': `${INFRA_SAMPLES[0].text}\n---\nversion: 1\n`,
  'nesting past the limit in one entry': `version: 1\ncomponents:\n  web:\n    type: web-server\n    x: ${'['.repeat(70)}${']'.repeat(70)}\n  db:\n    type: database\n`,
  'not a mapping': '- a\n- b\n',
  empty: '',
};

/** Asserts that the compact parse answers every question the analysis asks as the tree's does. */
function assertSameSource(text: string): void {
  const tree = parseText(text);
  const compact = parseCompact(text);
  assert.deepEqual(compact.data, tree.data, 'data');
  assert.deepEqual(compact.problems, tree.problems, 'problems');
  assert.deepEqual(compact.ignoreComments, tree.ignoreComments, 'ignore comments');
  assertSameIndex(compact, tree, text);
  // It streams every text the editor's chunked parse can cut (else it would hold the tree whole).
  const cache = new ChunkCache(0);
  parseText(text, undefined, { chunkCache: cache });
  assert.equal(compact.compactRead === 'streamed', cache.lastRun.chunked, 'streamed where the chunked parse cuts');
  // The index of a whole tree (the fallback) answers alike too.
  assertSameIndex({ ...tree, sourceMap: CompactIndex.ofTree(text, tree.doc.contents, tree.lineCounter.lineStarts) }, tree, text);
}

function assertSameIndex(compact: ParsedSource, tree: ReturnType<typeof parseText>, text: string): void {
  const a = compact.sourceMap;
  const b = tree.sourceMap;
  assert.equal(a.lineCount(), b.lineCount(), 'line count');
  const paths: Path[] = pathsOf(tree.data, 2_000).flatMap((p) => [p, [...p, 'missing'], [...p, 0], [...p, 99]]);
  for (const p of paths) {
    for (const part of ['key', 'value', 'node'] as const) assert.deepEqual(a.rangeOf(p, part), b.rangeOf(p, part), `rangeOf(${JSON.stringify(p)}, ${part})`);
    assert.deepEqual(a.firstKeyRange(p), b.firstKeyRange(p), `firstKeyRange(${JSON.stringify(p)})`);
  }
  const step = Math.max(1, Math.floor(text.length / 400));
  for (let offset = 0; offset <= text.length; offset += step) assert.deepEqual(a.pathAtOffset(offset), b.pathAtOffset(offset), `pathAtOffset(${offset})`);
}

/** The CLI's JSON and SARIF reports of one analysis. */
function reports(result: AnalysisResult<ParsedSource>): string[] {
  const report = { path: 'design.yaml', format: result.format, findings: result.findings, spofs: result.spofs, availability: availabilityOf(result) };
  const ctx = { toolName: 'infra-review', version: '0.0.0', informationUri: 'https://example.invalid', color: false };
  return [FORMATTERS.json([report], ctx), FORMATTERS.sarif([report], ctx)];
}

/** Asserts that the compact analysis of `text` is the tree-backed one. */
function assertSameAnalysis(text: string, name = 'design.infra.yaml'): void {
  const options = formatOptionsFor(name, [], text);
  const tree = analyze(text, options);
  const compact = analyze(text, { ...options, sourceIndex: 'compact' });
  assert.deepEqual(compact.findings, tree.findings, 'findings');
  assert.deepEqual(compact.suppressed, tree.suppressed, 'suppressed');
  assert.deepEqual(compact.spofs, tree.spofs, 'SPOFs');
  // Its figures (the functions it carries are closures over each model).
  assert.equal(JSON.stringify(availabilityOf(compact)), JSON.stringify(availabilityOf(tree)), 'availability');
  assert.deepEqual(reports(compact), reports(tree), 'JSON and SARIF');
}

describe('check without the yaml tree (the compact index)', () => {
  for (const sample of SAMPLES) {
    it(`analyses ${sample.name} as the tree-backed analysis does`, () => {
      assertSameAnalysis(sample.text, sample.name);
      if (!sample.name.includes('kubernetes')) assertSameSource(sample.text);
    });
  }

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`reads ${name} as the whole parse does`, () => {
      assertSameSource(text);
      assertSameAnalysis(text);
    });
  }

  it('streams a cuttable text and parses one with anchors whole, and says which', () => {
    assert.equal(parseCompact(INFRA_SAMPLES[3].text).compactRead, 'streamed');
    assert.equal(parseCompact(HOSTILE['a YAML error mid-file']).compactRead, 'streamed');
    assert.equal(parseCompact(HOSTILE['an alias to an anchor in another entry']).compactRead, 'whole');
    assert.equal(parseCompact(HOSTILE['nesting past the limit in one entry']).compactRead, 'whole');
  });

  it('analyses a generated 400-component design alike', () => {
    const text = generateLargeDesignYaml(400, 3);
    assert.equal(parseCompact(text).compactRead, 'streamed');
    assertSameSource(text);
    assertSameAnalysis(text);
  });

  it('analyses random designs alike', () => {
    fc.assert(
      fc.property(randomDesign(), ({ yaml }) => {
        assertSameSource(yaml);
        assertSameAnalysis(yaml);
      }),
      { numRuns: RUNS },
    );
  });

  it('analyses random Compose files alike', () => {
    fc.assert(
      fc.property(randomCompose, (text) => {
        assertSameSource(text);
        assertSameAnalysis(text, 'compose.yaml');
      }),
      { numRuns: RUNS },
    );
  });

  it('reads hostile edits of the samples alike (YAML errors anywhere, duplicate keys, comments, aliases)', () => {
    const streamed = { streamed: 0, whole: 0 };
    fc.assert(
      fc.property(hostileTextArb(INFRA_SAMPLES), (text) => {
        streamed[parseCompact(text).compactRead ?? 'whole']++;
        assertSameSource(text);
        assertSameAnalysis(text);
      }),
      { numRuns: RUNS * 2 },
    );
    // The property is about the streamed path: many of the texts must take it.
    assert.ok(streamed.streamed > streamed.whole / 4, JSON.stringify(streamed));
  });
});
