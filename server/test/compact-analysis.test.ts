// `check` reads a file without its yaml tree (model/parse.ts `parseCompact`, and the
// Kubernetes front end's `parseManifestsCompact`, a CompactIndex for the SourceMap): what it
// finds must be what the editor's tree-backed analysis finds. The parse is compared answer by
// answer, the analysis finding by finding and the CLI's JSON and SARIF byte by byte, on the
// samples, random designs, manifests and Compose files, and hostile edits of them.

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
import { DEFAULT_LIMITS, parseCompact, parseText } from '../src/model/parse';
import type { ParsedDocument, ParsedSource, ParseLimits } from '../src/model/parse';
import type { Path } from '../src/model/types';
import { parseManifests, parseManifestsCompact } from '../src/formats/kubernetes/parse';
import { generateLargeDesignYaml, randomDesign } from '../../test/support/random-design';
import { randomCompose } from '../../test/support/random-compose';
import { aliasBomb, hostileTextArb, loadSamples } from '../../test/support/fuzz-inputs';
import { manifestOfObjects } from '../../test/support/manifest-of-objects';
import { manifestArb } from '../../test/support/random-manifest';
import { pathsOf } from '../../test/support/same-parse';
import { workloadManifest } from '../../test/support/workload-design';

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
const KUBERNETES_SAMPLES = loadSamples('samples/kubernetes', /\.yaml$/);

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

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n';
const DEPLOYMENT = KUBERNETES_SAMPLES.find((s) => s.name === 'one-server.yaml')!.text;

/** Manifests that cross what the per-document compact parse must handle like the tree-backed one; `streamed` says which way it reads them. */
const KUBERNETES_HOSTILE: Record<string, { text: string; streamed: boolean }> = {
  'two identical documents (the editor would reuse the first one’s reading)': { text: `${SERVICE}---\n${SERVICE}---\n${SERVICE}`, streamed: true },
  'a kind: List': { text: `${DEPLOYMENT}---\nkind: List\napiVersion: v1\nitems:\n  - { apiVersion: v1, kind: Service, metadata: { name: a }, spec: { selector: { app: a } } }\n  - ${SERVICE.replace(/\n(?=.)/g, '\n    ')}`, streamed: true },
  'a YAML error in the last document': { text: `${SERVICE}---\nmetadata: { name: x\n  oops: [\n`, streamed: true },
  'a YAML error before the last document': { text: `${SERVICE}---\nmetadata: { name: x\n  oops: [\n---\n${DEPLOYMENT}`, streamed: false },
  'a directive': { text: `%YAML 1.2\n---\n${SERVICE}...\n%YAML 1.2\n---\n${DEPLOYMENT}`, streamed: false },
  'a Helm template': { text: `${SERVICE}---\nspec:\n  template: {{ .Values.x }}\n`, streamed: true },
  'duplicate keys': { text: `${SERVICE}---\n${SERVICE.replace('kind: Service\n', 'kind: Service\nkind: Pod\n')}`, streamed: true },
  'anchors and aliases inside a document': { text: `${DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nmetadata: &m { name: cfg }\ndata: { copy: *m }\n`, streamed: true },
  'aliases that expand too far': { text: `${SERVICE}---\n${aliasBomb()}\n---\n${DEPLOYMENT}`, streamed: true },
  'nesting past the limit': { text: `${SERVICE}---\nx: ${'['.repeat(70)}${']'.repeat(70)}\n`, streamed: false },
  'empty documents, comments only, and end markers': { text: `# leading\n---\n---\n${SERVICE}...\n# between\n---\n# only a comment\n---\n${DEPLOYMENT}...\n`, streamed: true },
  'ignore comments': { text: DEPLOYMENT.replace('spec:\n', 'spec:\n  # infra-review-ignore spof: a lab\n'), streamed: true },
  'CRLF line ends': { text: `${SERVICE}---\n${DEPLOYMENT}`.replace(/\n/g, '\r\n'), streamed: true },
  'a document that is not a mapping': { text: `- a\n- b\n---\n${SERVICE}`, streamed: true },
  empty: { text: '', streamed: true },
};

/** A format's two parses: the editor's, with the tree, and `check`'s. */
interface Parses {
  tree(text: string, limits: ParseLimits): ParsedDocument;
  compact(text: string, limits: ParseLimits): ParsedSource;
}
const MODEL_PARSES: Parses = { tree: (text, limits) => parseText(text, limits), compact: parseCompact };
const KUBERNETES_PARSES: Parses = { tree: (text, limits) => parseManifests(text, limits), compact: parseManifestsCompact };

/** Asserts that the compact parse answers every question the analysis asks as the tree's does; the compact one. */
function assertSameSource(text: string, parses = MODEL_PARSES, limits = DEFAULT_LIMITS): ParsedSource {
  const tree = parses.tree(text, limits);
  const compact = parses.compact(text, limits);
  assert.deepEqual(compact.data, tree.data, 'data');
  assert.deepEqual(compact.problems, tree.problems, 'problems');
  assert.deepEqual(compact.ignoreComments, tree.ignoreComments, 'ignore comments');
  assertSameIndex(compact, tree, text);
  // The index of a whole tree (the fallback) answers alike too.
  assertSameIndex({ ...tree, sourceMap: CompactIndex.ofTree(text, tree.doc.contents, tree.lineCounter.lineStarts) }, tree, text);
  if (parses !== MODEL_PARSES) return compact;
  // It streams every text the editor's chunked parse can cut (else it would hold the tree whole).
  const cache = new ChunkCache(0);
  parseText(text, undefined, { chunkCache: cache });
  assert.equal(compact.compactRead === 'streamed', cache.lastRun.chunked, 'streamed where the chunked parse cuts');
  return compact;
}

function assertSameIndex(compact: ParsedSource, tree: ParsedDocument, text: string): void {
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
function assertSameAnalysis(text: string, name = 'design.infra.yaml', options = formatOptionsFor(name, [], text)): void {
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
      else assert.equal(assertSameSource(sample.text, KUBERNETES_PARSES).compactRead, 'streamed');
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

  describe('Kubernetes manifests, read document by document', () => {
    const KUBERNETES = { format: 'kubernetes' as const, frontEnd: {} };

    for (const [name, { text, streamed }] of Object.entries(KUBERNETES_HOSTILE)) {
      it(`reads ${name} as the tree-backed parse does (${streamed ? 'document by document' : 'whole'})`, () => {
        assert.equal(assertSameSource(text, KUBERNETES_PARSES).compactRead, streamed ? 'streamed' : 'whole');
        assertSameAnalysis(text, 'manifests.yaml', KUBERNETES);
      });
    }

    it('refuses a text over the size limit or nested too deep with the same findings', () => {
      const small = { ...DEFAULT_LIMITS, maxBytes: SERVICE.length };
      const refused = assertSameSource(`${SERVICE}---\n${SERVICE}`, KUBERNETES_PARSES, small);
      assert.equal(refused.problems.length, 1, 'one finding');
      assert.match(refused.problems[0].message, /over the .* limit/);
      const deep = assertSameSource(KUBERNETES_HOSTILE['nesting past the limit'].text, KUBERNETES_PARSES);
      assert.match(deep.problems[0].message, /nests deeper than 64 levels/);
    });

    it('analyses generated manifests alike: 300 objects, 300 with every 7th broken, 100 workloads in namespaces', () => {
      const cases = [
        { text: manifestOfObjects(300).text, streamed: true },
        { text: manifestOfObjects(300, 7).text, streamed: false },
        { text: workloadManifest(100, 5), streamed: true },
      ];
      for (const { text, streamed } of cases) {
        assert.equal(assertSameSource(text, KUBERNETES_PARSES).compactRead, streamed ? 'streamed' : 'whole');
        assertSameAnalysis(text, 'manifests.yaml', KUBERNETES);
      }
    });

    it('analyses random manifests alike', () => {
      const read = { streamed: 0, whole: 0 };
      fc.assert(
        fc.property(manifestArb, (text) => {
          read[assertSameSource(text, KUBERNETES_PARSES).compactRead ?? 'whole']++;
          assertSameAnalysis(text, 'manifests.yaml', KUBERNETES);
        }),
        { numRuns: RUNS },
      );
      // Most hold a directive or a YAML error before their last document and are read whole;
      // the property is about the per-document path, which a good share must take.
      assert.ok(read.streamed > RUNS / 10, JSON.stringify(read));
    });

    it('reads hostile edits of the Kubernetes samples alike', () => {
      fc.assert(
        fc.property(hostileTextArb(KUBERNETES_SAMPLES), (text) => {
          assertSameSource(text, KUBERNETES_PARSES);
          assertSameAnalysis(text, 'manifests.yaml', KUBERNETES);
        }),
        { numRuns: RUNS },
      );
    });
  });
});
