// Hostile inputs for the engine, the CLI and the language server: fixed monsters (huge,
// deep, alias bombs, odd YAML features) and fast-check arbitraries (random bytes, edits to
// the samples). Shared by the CI tests in server/test/hostile/ and by `npm run fuzz`.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

export const ROOT = join(__dirname, '..', '..');

export interface NamedInput {
  name: string;
  text: string;
}

export function loadSamples(folder = 'samples', pattern = /\.infra\.yaml$/): NamedInput[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Bytes as the CLI decodes them from disk: UTF-8, invalid sequences become U+FFFD. */
export function decodeAsCli(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---- Fixed inputs ------------------------------------------------------------------------

const HEADER = 'version: 1\nname: hostile\n';

export function flowSeqNest(depth: number): string {
  return `${HEADER}components: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

export function flowMapNest(depth: number): string {
  return `${HEADER}components: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
}

/** Unterminated: `[[[[…` to the end of the file. */
export function openFlowNest(depth: number): string {
  return `${HEADER}components: ${'['.repeat(depth)}\n`;
}

/** Block sequences nested by indentation, one level per line. */
export function blockSeqNest(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}- `);
  return lines.join('\n') + 'x\n';
}

/** `- - - - x`: compact nested sequences on one line. */
export function compactSeqNest(depth: number): string {
  return `${'- '.repeat(depth)}x\n`;
}

/** Billion laughs: `levels` anchors, each a list of `fanout` aliases of the one before. */
export function aliasBomb(levels = 9, fanout = 9): string {
  const lines = [HEADER.trimEnd(), 'x-lol:', '  l0: &l0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [${Array(fanout).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push(`components: *l${levels}`);
  return lines.join('\n') + '\n';
}

/** Aliases used as keys and merge keys, which yaml resolves specially. */
export function aliasKeyBomb(): string {
  const lines = [HEADER.trimEnd(), 'x-base: &b {type: service, software: x}', 'components:'];
  for (let i = 0; i < 2000; i++) lines.push(`  c${i}: {<<: *b, dependsOn: [c${i + 1}]}`);
  lines.push('  c2000: *b', '  *b : 1');
  return lines.join('\n') + '\n';
}

export function mergeKeys(): string {
  return [
    'version: 1',
    'name: merges',
    'x-web: &web',
    '  type: web-server',
    '  software: nginx',
    'x-more: &more {replicas: 2}',
    'components:',
    '  web:',
    '    <<: [*web, *more]',
    '    dependsOn: [db]',
    '  db:',
    '    <<: *web',
    '    type: database',
    '  self: &self',
    '    <<: *self',
    '',
  ].join('\n');
}

export function multiDocument(sample: string): string {
  return `${sample}\n---\n${sample}\n...\n---\nversion: 2\n--- !!str\nplain\n`;
}

export function customTags(): string {
  return [
    '%YAML 1.2',
    '%TAG !e! tag:example.com,2000:',
    '---',
    'version: !!int 1',
    'name: !!str tags',
    'description: !!binary aGVsbG8=',
    'domain: !e!domain foobar.com',
    'hosts: !!map',
    '  h1: !!omap [ip: 1.2.3.4]',
    '  h2: !!set {a, b}',
    '  h3: !!pairs [a: 1, a: 2]',
    '  h4: !unknown {x: 1}',
    'components:',
    '  web: !!python/object:os.system {type: web-server}',
    '  app: !<tag:yaml.org,2002:js/function> "function(){}"',
    '  db: {type: !!float nan, replicas: !!int 0x1G, runsOn: !!timestamp 2001-12-14}',
    '  cache: {type: !!null, dependsOn: !!seq [!!bool yes]}',
    '',
  ].join('\n');
}

export function manyKeys(count: number): string {
  const lines = [HEADER.trimEnd(), 'hosts:'];
  for (let i = 0; i < count; i++) lines.push(`  h${i}: {}`);
  return lines.join('\n') + '\n';
}

export function dependsOnChain(depth: number): string {
  const lines = [HEADER.trimEnd(), 'components:'];
  for (let i = 0; i < depth; i++) lines.push(`  c${i}:`, '    type: service', ...(i + 1 < depth ? [`    dependsOn: [c${i + 1}]`] : []));
  return lines.join('\n') + '\n';
}

/** A syntactically fine design of about `bytes` characters (one long description). */
export function hugeFile(bytes: number): string {
  const head = `${HEADER}description: `;
  return head + 'a'.repeat(Math.max(0, bytes - head.length - 1)) + '\n';
}

export function withBom(text: string): string {
  return '\ufeff' + text;
}

export function withCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Leading indentation made of tabs (YAML forbids them; the file must still be reported on). */
export function withTabs(text: string): string {
  return text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
}

/** Bytes that are not UTF-8 in the middle of a sample, as the CLI would read them. */
export function invalidUtf8Bytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const mid = Math.floor(bytes.length / 2);
  const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80]);
  return Buffer.concat([bytes.subarray(0, mid), bad, bytes.subarray(mid)]);
}

/** The fixed monsters, at the given scale (1 = as the issue says; tests use smaller ones). */
export function fixedInputs(samples: NamedInput[], scale: { deep: number; keys: number; chain: number; huge: number }): NamedInput[] {
  const sample = samples[0].text;
  const out: NamedInput[] = [
    { name: `flow sequences nested ${scale.deep} deep`, text: flowSeqNest(scale.deep) },
    { name: `flow mappings nested ${scale.deep} deep`, text: flowMapNest(scale.deep) },
    { name: `unterminated flow nesting ${scale.deep} deep`, text: openFlowNest(scale.deep) },
    { name: `block sequences nested ${Math.min(scale.deep, 3000)} deep`, text: blockSeqNest(Math.min(scale.deep, 3000)) },
    { name: `compact sequences nested ${scale.deep} deep`, text: compactSeqNest(scale.deep) },
    { name: 'billion laughs', text: aliasBomb() },
    { name: 'alias keys and merge-key bomb', text: aliasKeyBomb() },
    { name: 'merge keys', text: mergeKeys() },
    { name: 'multi-document file', text: multiDocument(sample) },
    { name: 'custom and unknown tags', text: customTags() },
    { name: `mapping of ${scale.keys} keys`, text: manyKeys(scale.keys) },
    { name: `dependsOn chain ${scale.chain} deep`, text: dependsOnChain(scale.chain) },
    { name: `file of ${(scale.huge / 1e6).toFixed(0)} MB`, text: hugeFile(scale.huge) },
    { name: 'empty file', text: '' },
    { name: 'only a BOM', text: '\ufeff' },
    { name: 'NUL bytes', text: '\0\0\0version: 1\0\n' },
    { name: 'lone surrogates', text: `${HEADER}name: "\ud800\udfff\udc00"\ncomponents: {"\ud83d": {type: web-server}}\n` },
  ];
  for (const s of samples) {
    out.push({ name: `${s.name} with a BOM`, text: withBom(s.text) });
    out.push({ name: `${s.name} with CRLF`, text: withCrlf(s.text) });
    out.push({ name: `${s.name} indented with tabs`, text: withTabs(s.text) });
    out.push({ name: `${s.name} with invalid UTF-8`, text: decodeAsCli(invalidUtf8Bytes(s.text)) });
    out.push({ name: `${s.name} as UTF-16`, text: decodeAsCli(Buffer.from('\ufeff' + s.text, 'utf16le')) });
  }
  return out;
}

// ---- Arbitraries -------------------------------------------------------------------------

/** Fragments that mean something to YAML or to the design format. */
const TOKENS = [
  '\n', '\r\n', '\r', '\t', ' ', '  ', '- ', ': ', ':', '? ', ',', '[', ']', '{', '}', '#', '&a ', '*a', '<<: *a', '!!str ',
  '!!map ', '!foo ', '!<tag:x> ', '|', '>-', '"', "'", '\\', '---\n', '...\n', '%YAML 1.1\n', '\ufeff', '\ud800', '\u202e',
  '\0', 'dependsOn: [', 'runsOn: [', 'type: ', 'mode: active-passive', 'replicas: 9999999999', 'zone: ', '~', 'null', '.inf',
  '0x', '1e999', '# infra-review-ignore spof', '# infra-review-ignore spof: reason',
];

export type Edit =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; text: string }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'truncate'; at: number };

const position = fc.nat({ max: 1_000_000 });
const fragment = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }));

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: position, text: fragment }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('replace' as const), at: position, text: fragment }),
  fc.record({ op: fc.constant('deleteLine' as const), line: position }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: position }),
  fc.record({ op: fc.constant('indent' as const), line: position, by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
);

export function applyEdit(text: string, e: Edit): string {
  switch (e.op) {
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'replace': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at + e.text.length);
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    default: {
      const lines = text.split('\n');
      const i = e.line % lines.length;
      if (e.op === 'deleteLine') lines.splice(i, 1);
      else if (e.op === 'duplicateLine') lines.splice(i, 0, lines[i]);
      else lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** A sample with 1–`maxEdits` random edits. */
export function mutatedSampleArb(samples: NamedInput[], maxEdits = 8): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...samples.map((s) => s.text)), fc.array(editArb, { minLength: 1, maxLength: maxEdits }))
    .map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** Random bytes read as the CLI reads them, random code units, and random truncations. */
export function randomTextArb(samples: NamedInput[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map(decodeAsCli),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 500 }),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((parts) => parts.join('')),
    fc.tuple(fc.constantFrom(...samples.map((s) => s.text)), position).map(([text, at]) => text.slice(0, at % (text.length + 1))),
  );
}

/**
 * An editing session: a base text, the cache the session parses with (the editor's, which
 * cuts texts of DEFAULT_MIN_CHUNKED_LINES and more and broken ones of any size, or one that
 * cuts every text), and the edits typed one after the other. No truncation: what followed would edit a stub.
 */
export interface EditingSession {
  base: NamedInput;
  cutAnySize: boolean;
  edits: Edit[];
}

export function editingSessionArb(bases: NamedInput[], maxEdits = 20): fc.Arbitrary<EditingSession> {
  return fc.record({
    base: fc.constantFrom(...bases),
    cutAnySize: fc.boolean(),
    edits: fc.array(editArb.filter((e) => e.op !== 'truncate'), { minLength: 1, maxLength: maxEdits }),
  });
}

export function hostileTextArb(samples: NamedInput[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: mutatedSampleArb(samples) }, { weight: 1, arbitrary: randomTextArb(samples) });
}
