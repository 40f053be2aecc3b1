// The diagnostics a worker sends as a delta against its previous answer (lsp/diagnostics-delta.ts)
// decode to exactly the diagnostics of a from-scratch analysis, whatever the sequence of
// versions; and what is unchanged crosses as an index. The message writer that reuses the
// JSON of diagnostics already written (lsp/message-encoder.ts) writes what JSON.stringify would.

import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { analyze } from '../../src/analysis/engine';
import type { Diagnostic } from 'vscode-languageserver/node';
import { toDiagnostic } from '../../src/lsp/convert';
import { DiagnosticsDecoder, DiagnosticsEncoder } from '../../src/lsp/diagnostics-delta';
import { messageJson } from '../../src/lsp/message-encoder';
import { randomDesign } from '../../../test/support/random-design';

const URI = 'file:///delta/infra.yaml';
const diagnosticsOf = (text: string) => analyze(text).findings.map((f) => toDiagnostic(f, URI));

/** A version of the text: as it is, with one line removed, or with one line misspelt. */
const edited = (yaml: string, edit: { kind: 'none' | 'drop' | 'misspell'; at: number }): string => {
  const lines = yaml.split('\n');
  const at = edit.at % lines.length;
  if (edit.kind === 'drop') lines.splice(at, 1);
  if (edit.kind === 'misspell') lines[at] = lines[at].replace(/([a-z])([a-z]):/, '$2$1:');
  return lines.join('\n');
};

describe('lsp: diagnostics as a delta from the worker', () => {
  it('decodes to the diagnostics of each version, over random designs and random edits', () => {
    const version = fc.record({
      design: randomDesign(),
      edit: fc.record({ kind: fc.constantFrom('none' as const, 'drop' as const, 'misspell' as const), at: fc.nat() }),
    });
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 6 }), (versions) => {
        const encoder = new DiagnosticsEncoder();
        const decoder = new DiagnosticsDecoder();
        let before: Diagnostic[] = [];
        for (const v of versions) {
          const text = edited(v.design.yaml, v.edit);
          const diagnostics = diagnosticsOf(text);
          // Structured clone, as the worker's message is.
          const sent = structuredClone(encoder.encode(URI, diagnostics));
          assert.deepEqual(decoder.decode(URI, sent), diagnosticsOf(text));
          // Nothing that is unchanged crosses in full.
          sent.items.forEach((item, i) => {
            if (typeof item !== 'number') assert.ok(!before.some((b) => isDeepStrictEqual(b, diagnostics[i])), `diagnostic ${i} is unchanged, yet sent whole`);
          });
          before = diagnostics;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sends an unchanged diagnostic as its index, and a changed one in full', () => {
    const text = 'version: 1\nname: x\nhosts:\n  h1: {}\ncomponents:\n  web: { type: web-server, runsOn: [h1] }\n  db: { type: database, runsOn: [h1] }\n';
    const encoder = new DiagnosticsEncoder();
    const first = diagnosticsOf(text);
    assert.ok(first.length >= 2, `${first.length} diagnostics: too few to show anything`);
    const full = encoder.encode(URI, first);
    assert.equal(full.base, undefined);
    assert.ok(full.items.every((item) => typeof item !== 'number'));

    const same = encoder.encode(URI, first);
    assert.deepEqual(same, { seq: 1, base: 0, items: first.map((_, i) => i) });

    const changed = [{ ...first[0], message: `${first[0].message}!` }, ...first.slice(1)];
    const delta = encoder.encode(URI, changed);
    assert.deepEqual(delta.items, [changed[0], ...first.slice(1).map((_, i) => i + 1)]);
  });

  it('refuses a delta against an answer it does not hold', () => {
    const decoder = new DiagnosticsDecoder();
    assert.throws(() => decoder.decode(URI, { seq: 3, base: 2, items: [0] }), /out of step/);
    decoder.decode(URI, { seq: 0, items: [] });
    assert.throws(() => decoder.decode(URI, { seq: 1, base: 0, items: [0] }), /refers to item 0/);
  });
});

describe('lsp: the JSON of published diagnostics', () => {
  const publish = (diagnostics: unknown[], version = 1) => ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: URI, version, diagnostics },
  });

  it('is what JSON.stringify writes, over random designs and edits, each diagnostic written once or again', () => {
    fc.assert(
      fc.property(fc.array(randomDesign(), { minLength: 1, maxLength: 4 }), (designs) => {
        const decoder = new DiagnosticsDecoder();
        const encoder = new DiagnosticsEncoder();
        designs.forEach((d, version) => {
          // Decoded, as the server publishes them: the unchanged ones are the objects written before.
          const diagnostics = decoder.decode(URI, structuredClone(encoder.encode(URI, diagnosticsOf(d.yaml))));
          const msg = publish(diagnostics, version);
          assert.equal(messageJson(msg).toString('utf-8'), JSON.stringify(msg));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('writes non-ASCII text and an empty list as JSON.stringify does', () => {
    for (const diagnostics of [[], [{ message: 'Zone “é” — 😀', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }]]) {
      const msg = publish(diagnostics);
      assert.equal(messageJson(msg).toString('utf-8'), JSON.stringify(msg));
    }
  });

  it('reuses the JSON of a diagnostic object it wrote before (so an object must not change once published)', () => {
    const diagnostic = { message: 'before', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    messageJson(publish([diagnostic]));
    diagnostic.message = 'after';
    assert.match(messageJson(publish([diagnostic])).toString('utf-8'), /"message":"before"/);
    assert.match(messageJson(publish([{ ...diagnostic }])).toString('utf-8'), /"message":"after"/);
  });

  it('writes any other message as JSON.stringify does', () => {
    for (const msg of [
      { jsonrpc: '2.0', id: 1, result: { contents: 'x' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } },
      { ...publish([]), extra: true },
    ]) {
      assert.equal(messageJson(msg as never).toString('utf-8'), JSON.stringify(msg));
    }
  });
});
