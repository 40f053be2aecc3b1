// The engine on hostile input: the limits of model/parse.ts give a clear yaml-syntax
// finding at a sensible place, nothing throws, and seeded fast-check runs over random
// bytes and edited samples hold up (test/support/fuzz-oracle.ts says what "hold up" means).
// `npm run fuzz` runs the same at full scale and many more runs.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, analyzeWithRules } from '../../src/analysis/engine';
import { ALL_RULES } from '../../src/analysis/rules';
import type { Rule } from '../../src/analysis/rule';
import { DEFAULT_LIMITS } from '../../src/model/parse';
import {
  aliasBomb,
  aliasKeyBomb,
  blockSeqNest,
  compactSeqNest,
  customTags,
  dependsOnChain,
  editingSessionArb,
  fixedInputs,
  flowMapNest,
  flowSeqNest,
  hugeFile,
  loadSamples,
  mergeKeys,
  multiDocument,
  mutatedSampleArb,
  openFlowNest,
  randomTextArb,
} from '../../../test/support/fuzz-inputs';
import { checkEditingSession, checkEngine } from '../../../test/support/fuzz-oracle';
import { designYamlOfLines } from '../../../test/support/random-design';

const samples = loadSamples();
const syntax = (text: string) => analyze(text).findings.filter((f) => f.rule === 'yaml-syntax');

describe('hostile input: the engine', function () {

  describe('limits', () => {
    it('refuses a text over maxBytes at once, with one finding at the start', () => {
      const findings = analyze(hugeFile(20 * 1024 * 1024)).findings;
      assert.equal(findings.length, 1);
      assert.equal(findings[0].rule, 'yaml-syntax');
      assert.equal(findings[0].message, 'The file is 20.0 MiB, over the 16.0 MiB limit: it was not analysed');
      assert.deepEqual(findings[0].range.start, { line: 0, character: 0 });
    });

    for (const [name, text, line] of [
      ['flow sequences 20k deep', flowSeqNest(20_000), 2],
      ['flow mappings 20k deep', flowMapNest(20_000), 2],
      ['unterminated flow 20k deep', openFlowNest(20_000), 2],
      ['compact block sequences 20k deep', compactSeqNest(20_000), 0],
      ['block sequences 2k deep by indentation', blockSeqNest(2000), 64],
    ] as const) {
      it(`refuses ${name} before composing it, at the collection past the limit`, () => {
        const findings = syntax(text);
        assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
        assert.equal(findings[0].message, `The document nests deeper than ${DEFAULT_LIMITS.maxDepth} levels: it was not analysed`);
        assert.equal(findings[0].range.start.line, line);
      });
    }

    it('accepts nesting at the limit', () => {
      const atLimit = flowSeqNest(DEFAULT_LIMITS.maxDepth - 1); // the root mapping is one level
      assert.deepEqual(syntax(atLimit), []);
      assert.equal(syntax(flowSeqNest(DEFAULT_LIMITS.maxDepth)).length, 1);
    });

    it('stops a billion-laughs alias bomb with a finding', () => {
      const findings = syntax(aliasBomb());
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, /^Aliases expand too far \(more than 10000 expansions\)/);
    });

    it('lets many merges of one small anchor through', () => {
      const result = analyze(aliasKeyBomb());
      assert.ok(!result.findings.some((f) => /Aliases expand too far/.test(f.message)));
      assert.ok(result.design.components.size >= 2000, `${result.design.components.size} components`);
    });

    it('lists at most maxSyntaxProblems YAML problems, then one summary', () => {
      const broken = Array.from({ length: 400 }, (_, i) => `k${i}: [unclosed, "x\n`).join('') + '\t: :\n';
      const findings = syntax(broken);
      assert.equal(findings.length, DEFAULT_LIMITS.maxSyntaxProblems + 1);
      assert.match(findings.at(-1)!.message, /^\d+ more YAML problems after this one are not listed$/);
    });
  });

  describe('odd YAML', () => {
    it('reads merge keys as YAML 1.2 does (a plain `<<` key, reported), even a self-merge', () => {
      const result = analyze(mergeKeys());
      const unknown = result.findings.filter((f) => f.rule === 'schema' && f.message.startsWith('Unknown key `<<`'));
      assert.deepEqual(unknown.map((f) => f.target.id).sort(), ['db', 'self', 'web']);
    });

    it('reads the first document of a multi-document file and says so', () => {
      const findings = syntax(multiDocument(samples[0].text));
      assert.equal(findings.length, 1);
      assert.equal(findings[0].message, 'The file holds more than one YAML document: only the first is read');
      assert.equal(findings[0].range.start.line, samples[0].text.split('\n').length);
    });

    it('reports custom and unknown tags as findings, and never evaluates them', () => {
      const findings = analyze(customTags()).findings;
      assert.ok(findings.length > 0);
      assert.ok(findings.every((f) => !f.message.includes('function(){}') || f.rule !== 'yaml-syntax'));
    });

    it('keeps every finding message on one line of bounded length', () => {
      const longKey = 'k'.repeat(5000);
      const text = `version: 1\nname: x\n? |\n  multi\n  line key\n: 1\n${longKey}: 2\n`;
      for (const f of analyze(text).findings) {
        assert.ok(!/[\r\n]/.test(f.message), f.message);
        assert.ok(f.message.length <= 400, `${f.message.length} chars`);
      }
    });
  });

  describe('a failing rule', () => {
    it('is reported as failed, and every other rule still reports', () => {
      const broken: Rule = {
        meta: { ...ALL_RULES[0].meta },
        check: () => {
          throw new Error('boom');
        },
      };
      const rest = ALL_RULES.filter((r) => r.meta.id !== broken.meta.id);
      const sample = samples[0].text;
      const normal = analyze(sample).findings.filter((f) => f.rule !== broken.meta.id);
      const withBroken = analyzeWithRules(sample, [broken, ...rest]).findings;
      const failed = withBroken.filter((f) => f.rule === broken.meta.id);
      assert.equal(failed.length, 1);
      assert.equal(failed[0].message, `Rule ${broken.meta.id} failed on this design and reported nothing: boom`);
      assert.deepEqual(
        withBroken.filter((f) => f.rule !== broken.meta.id).map((f) => [f.rule, f.message]),
        normal.map((f) => [f.rule, f.message]),
      );
    });
  });

  describe('fixed monsters, scaled down for CI', () => {
    for (const input of fixedInputs(samples, { deep: 5000, keys: 5000, chain: 2000, huge: 17 * 1024 * 1024 })) {
      it(input.name, () => {
        // checkEngine is the oracle (every finding in range, every feature answers); how long
        // it takes is a row of `npm run bench` (limits.bench.ts), not a bound here.
        const { findings } = checkEngine(input.text);
        assert.ok(findings > 0, 'a monster is always reported: a limit it hit, or what the design lacks');
      });
    }

    it('a 5k-deep dependsOn chain does not overflow the stack', () => {
      const result = analyze(dependsOnChain(5000));
      assert.ok(result.spofs && result.spofs.length >= 5000);
    });
  });

  describe('seeded fast-check runs', () => {
    it('random bytes, code units and truncated samples', () => {
      fc.assert(fc.property(randomTextArb(samples), (text) => void checkEngine(text)), { numRuns: 150, seed: 20261128 });
    });

    it('samples with random edits (characters, lines, indentation, YAML tokens)', () => {
      fc.assert(fc.property(mutatedSampleArb(samples), (text) => void checkEngine(text)), { numRuns: 150, seed: 6 });
    });

    it('editing sessions: with the chunk cache, every analysis equals a cold one', () => {
      const bases = [...samples, { name: 'generated 600-line design', text: designYamlOfLines(600) }];
      let chunked = 0;
      let recovered = 0;
      fc.assert(
        fc.property(editingSessionArb(bases, 8), (session) =>
          checkEditingSession(session, (_, cache) => {
            if (cache.lastRun.chunked) chunked++;
            if (cache.lastRun.broken.length > 0) recovered++;
          }),
        ),
        { numRuns: 60, seed: 7 },
      );
      // The sessions must go through the incremental path, clean and broken.
      assert.ok(chunked > 100 && recovered > 50, `${chunked} chunked, ${recovered} recovered`);
    });
  });
});
