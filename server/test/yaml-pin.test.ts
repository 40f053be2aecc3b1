// yaml is pinned to one exact version because model/chunked-parse.ts places entries composed
// alone where a whole parse would put them, and so depends on how yaml ends its ranges. This
// suite fails loudly, naming the construct, when an upgrade changes either: the pin, or one of
// the range behaviours the chunked parse reproduces. Upgrading yaml means re-running the
// chunked-parse properties and updating these figures deliberately.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const PINNED = '2.9.1';

/** The ranges of the first top-level pair's value and of that value's first pair. */
function rangesOf(text: string): { value: unknown; innerKey: unknown; innerValue: unknown } {
  const doc = parseDocument(text, { uniqueKeys: false, strict: true, prettyErrors: false });
  assert.deepEqual(doc.errors, [], `${JSON.stringify(text)} parses without errors`);
  const first = (doc.contents as YAMLMap).items[0] as Pair<Node, YAMLMap>;
  const inner = first.value!.items[0] as Pair<Node, Node>;
  return { value: first.value!.range, innerKey: inner.key.range, innerValue: inner.value?.range };
}

describe('the yaml dependency', () => {
  it(`is pinned to exactly ${PINNED}, and that is the version installed`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
    const declared = manifest.dependencies?.yaml ?? manifest.devDependencies?.yaml;
    assert.equal(declared, PINNED, 'package.json must pin yaml exactly (no ^ or ~): chunked-parse.ts relies on its range behaviour');
    const installed = JSON.parse(fs.readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, PINNED, 'the installed yaml is not the pinned one: run npm ci');
  });

  // [start, end of value, end of node]; each line is a behaviour chunked-parse.ts mirrors.
  const behaviours: [string, string, ReturnType<typeof rangesOf>][] = [
    [
      'a block mapping ending with a comment line also takes the column-0 comments and blank lines after it',
      'hosts:\n  a:\n    - x\n  # c\n# d\n\nnext: 1\n',
      { value: [9, 20, 31], innerKey: [9, 10, 10], innerValue: [16, 20, 20] },
    ],
    [
      'an empty value before a comment stretches over the comment to the next line break',
      'a:\n  x: # why\n\n  y: 1\n',
      { value: [5, 22, 22], innerKey: [5, 6, 6], innerValue: [8, 8, 14] },
    ],
    ['an empty value at the end of a mapping ends where it starts', 'a:\n  x:\nb: 1\n', { value: [5, 7, 7], innerKey: [5, 6, 6], innerValue: [7, 7, 7] }],
    ['a compact sequence ends after its last item, before a following comment', 'a:\n  k:\n  - x\n# c\nb: 1\n', { value: [5, 14, 14], innerKey: [5, 6, 6], innerValue: [10, 14, 14] }],
    ['a kept block scalar (|+) ends after its trailing blank lines', 'a:\n  x: |+\n    t\n\nb: 1\n', { value: [5, 18, 18], innerKey: [5, 6, 6], innerValue: [8, 18, 18] }],
  ];
  for (const [what, text, expected] of behaviours) {
    it(`ranges: ${what}`, () => {
      assert.deepEqual(rangesOf(text), expected, `yaml ${PINNED}'s ranges changed for ${JSON.stringify(text)}: chunked-parse.ts must be re-checked before upgrading`);
    });
  }
});
