// Hostile documents through the real server over stdio: after each didOpen / didChange
// the server publishes diagnostics for that version and still answers a hover on a sane
// document. A seeded subset of what `npm run fuzz` sends.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { Position } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../../../test/support/lsp-client';
import { fixedInputs, hostileTextArb, loadSamples } from '../../../test/support/fuzz-inputs';

const samples = loadSamples();
const SANE = 'file:///hostile/sane.infra.yaml';
const SANE_TEXT = samples[0].text;
const HOST: Position = (() => {
  const before = SANE_TEXT.slice(0, SANE_TEXT.indexOf('\n  server-1:') + 3);
  return { line: before.split('\n').length - 1, character: 2 };
})();

describe('hostile documents through the language server', function () {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ infraReview: { rules: {} } });
    await client.initialize();
    await client.open(SANE, SANE_TEXT);
    await client.diagnostics(SANE, (p) => p.version === 1);
  });
  after(() => client?.kill());

  async function stillAnswers(what: string): Promise<void> {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SANE }, position: HOST });
    assert.ok(h, `no hover after ${what}\n${client.log}`);
  }

  it('opens each fixed monster, then changes it, and keeps answering', async () => {
    // The per-encoding variants of one sample stand for all of them (the engine test has the rest).
    const inputs = fixedInputs(samples.slice(0, 1), { deep: 20_000, keys: 2000, chain: 500, huge: 20 * 1024 * 1024 });
    for (const [i, input] of inputs.entries()) {
      const uri = `file:///hostile/fixed-${i}.infra.yaml`;
      await client.open(uri, input.text);
      const opened = await client.diagnostics(uri, (p) => p.version === 1);
      assert.ok(opened.diagnostics.length > 0 || input.text.trim() === '', `${input.name}: no diagnostics`);
      const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
      await client.diagnostics(uri, (p) => p.version === v);
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } });
      await client.close(uri);
      await stillAnswers(input.name);
    }
  });

  it('takes seeded random texts as edits to one document', async () => {
    const uri = 'file:///hostile/random.infra.yaml';
    await client.open(uri, SANE_TEXT);
    const texts = fc.sample(hostileTextArb(samples), { numRuns: 60, seed: 1128 });
    for (const text of texts) {
      const v = await client.change(uri, [{ text }]);
      await client.diagnostics(uri, (p) => p.version === v);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } });
    }
    await stillAnswers('random texts');
    assert.doesNotMatch(client.log, /failed:/, client.log);
  });
});
