// The Compose front end on hostile input, as CI runs it: the seeded, bounded subset of
// `npm run fuzz -- --only compose` (test/fuzz/run.ts). The fixed monsters, scaled down as
// for infra.yaml (hostile/engine.test.ts), and seeded fast-check runs over random texts and
// randomly edited Compose samples, each read as a Compose file; test/support/fuzz-oracle.ts
// says what "holds up" means (no throw, findings well formed and inside the text, no rule
// failed, the editor features answer).

import fc from 'fast-check';
import { fixedInputs, loadSamples, mutatedSampleArb, randomTextArb } from '../../../test/support/fuzz-inputs';
import { checkEngine } from '../../../test/support/fuzz-oracle';

const composeSamples = loadSamples('samples/compose', /\.ya?ml$/);
const asCompose = (text: string) => void checkEngine(text, { format: 'compose' });

describe('hostile input: the Compose front end', () => {
  describe('fixed monsters, scaled down for CI', () => {
    for (const input of [...fixedInputs(composeSamples, { deep: 5000, keys: 5000, chain: 2000, huge: 17 * 1024 * 1024 }), ...composeSamples]) {
      it(input.name, () => asCompose(input.text));
    }
  });

  describe('seeded fast-check runs', () => {
    it('random bytes, code units and truncated Compose samples', () => {
      fc.assert(fc.property(randomTextArb(composeSamples), asCompose), { numRuns: 150, seed: 20261207 });
    });

    it('Compose samples with random edits (characters, lines, indentation, YAML tokens)', () => {
      fc.assert(fc.property(mutatedSampleArb(composeSamples, 12), asCompose), { numRuns: 300, seed: 13 });
    });
  });
});
