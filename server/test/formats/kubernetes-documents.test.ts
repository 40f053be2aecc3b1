// The per-document parse of a manifest (formats/kubernetes/documents.ts) against yaml reading
// the whole text: for random manifests, and for each version of a random edit sequence parsed
// with the cache warmed by the version before, the same node tree and ranges, data, problems
// and findings. And it must reuse: a one-line edit composes one document again.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../src/analysis/engine';
import { ChunkCache } from '../../src/model/chunked-parse';
import { DEFAULT_LIMITS } from '../../src/model/parse';
import type { ParsedDocument } from '../../src/model/parse';
import { manifestCacheOf, parseManifests, parseManifestsWhole } from '../../src/formats/kubernetes/parse';
import { manifestOfObjects } from '../../../test/support/manifest-of-objects';
import { manifestArb } from '../../../test/support/random-manifest';
import { assertSameParse } from '../../../test/support/same-parse';

const RUNS = Number(process.env.KUBERNETES_DOCUMENTS_RUNS ?? 200);

type Edit = { at: number; remove: number; insert: string };
const INSERTS = ['x', '\n', '---\n', '...\n', '  ', '#', '"', '[', '{{ x }}', '- ', ': ', '|\n', 'kind: Service\n', '\r\n', '---', '.', '-'];
const editArb: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.constantFrom(...INSERTS) });

function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** Findings in a comparable form (the result holds the parse itself). */
const findingsOf = (text: string, chunkCache?: ChunkCache) => analyze(text, { format: 'kubernetes', chunkCache }).findings;

function assertSame(cached: ParsedDocument, text: string): void {
  const whole = parseManifestsWhole(text, DEFAULT_LIMITS);
  assertSameParse(cached, whole);
  assert.equal(cached.data === undefined, whole.data === undefined, 'readable');
}

describe('Kubernetes documents: per-document parse', () => {
  it('reads random manifests as yaml reads the whole text', () => {
    fc.assert(
      fc.property(manifestArb, (text) => {
        assertSame(parseManifests(text, DEFAULT_LIMITS), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads every version of an edited manifest, with the cache of the version before, as a cold whole parse', () => {
    fc.assert(
      fc.property(manifestArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const cache = new ChunkCache();
        let text = start;
        assertSame(parseManifests(text, DEFAULT_LIMITS, { chunkCache: cache }), text);
        for (const e of edits) {
          text = applyEdit(text, e);
          assertSame(parseManifests(text, DEFAULT_LIMITS, { chunkCache: cache }), text);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same findings with a warm cache as without one', () => {
    fc.assert(
      fc.property(manifestArb, editArb, (start, e) => {
        const cache = new ChunkCache();
        findingsOf(start, cache);
        const text = applyEdit(start, e);
        assert.deepEqual(findingsOf(text, cache), findingsOf(text));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('composes only the edited document again after a one-line edit, and moves the ones after it', () => {
    const { text, editLine } = manifestOfObjects(200);
    const cache = new ChunkCache();
    parseManifests(text, DEFAULT_LIMITS, { chunkCache: cache });
    const manifests = manifestCacheOf(cache);
    assert.equal(manifests.lastRun.composed, 200);
    const lines = text.split('\n');
    lines[editLine] = '    infra-review/capacity: "5000"';
    const edited = lines.join('\n');
    const parsed = parseManifests(edited, DEFAULT_LIMITS, { chunkCache: cache });
    assert.deepEqual({ pieces: manifests.lastRun.pieces, composed: manifests.lastRun.composed }, { pieces: 200, composed: 1 });
    assert.ok(manifests.lastRun.moved > 50, `moved ${manifests.lastRun.moved}`);
    assertSame(parsed, edited);
  });

  it('keeps a YAML error in its document: the others read as if it were not there', () => {
    const good = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n';
    const text = `${good}---\nmetadata: { name: x\n  oops: [\n---\n${good.replace('web', 'api')}`;
    const parsed = parseManifests(text, DEFAULT_LIMITS);
    const data = parsed.data as unknown[];
    assert.equal(data.length, 3);
    assert.deepEqual((data[2] as { metadata: unknown }).metadata, { name: 'api' });
    assert.ok(parsed.problems.length > 0);
    for (const p of parsed.problems) assert.ok(p.range!.start.line >= 7 && p.range!.end.line <= 9, `${p.message} at line ${p.range!.start.line}`);
  });

  it('does not cut at an indented `---` in a block scalar, and reads a directive like yaml', () => {
    const text = 'kind: ConfigMap\ndata:\n  s: |\n    a\n    ---\n    b\n---\nkind: Service\n';
    assert.equal((parseManifests(text, DEFAULT_LIMITS).data as unknown[]).length, 2);
    const directive = '%YAML 1.2\n---\nkind: Service\n...\n%YAML 1.2\n---\nkind: Pod\n';
    assertSame(parseManifests(directive, DEFAULT_LIMITS), directive);
  });
});
