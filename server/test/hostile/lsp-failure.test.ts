// The real server over stdio under failure: stale versions, positions past the end,
// unknown URIs, cancellation, broken notifications and shutdown in the middle of a
// validation. Each is answered correctly, and the server keeps answering afterwards.

import { strict as assert } from 'node:assert';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol/node';
import { DIAGRAM_REQUEST, EXPORT_SVG_REQUEST, NODE_AT_REQUEST, WHAT_IF_REQUEST } from '../../src/protocol';
import { ruleMeta } from '../../src/analysis/catalogue';
import { LspClient } from '../../../test/support/lsp-client';
import { loadSamples } from '../../../test/support/fuzz-inputs';
import { ringDesignYaml } from '../../../test/support/scale-designs';

const SAMPLE = loadSamples().find((s) => s.name === '1-one-server.infra.yaml')!.text;
const URI = 'file:///hostile/failure.infra.yaml';
const NEVER_OPENED = 'file:///hostile/never-opened.infra.yaml';

/** Where `needle` starts in `text`. */
function positionOf(text: string, needle: string, delta = 0): Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, needle);
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** A design of about `components` components (a few lines each). */
async function hoverOn(client: LspClient, uri: string, position: Position): Promise<Hover | null> {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
}

async function assertStillAnswers(client: LspClient): Promise<void> {
  const h = await hoverOn(client, URI, positionOf(SAMPLE, '\n  server-1:', 3));
  assert.ok(h, 'the server no longer answers hover');
}

describe('language server under failure', function () {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ infraReview: { rules: {} } });
    await client.initialize();
    await client.open(URI, SAMPLE);
    await client.diagnostics(URI, (p) => p.version === 1);
  });
  after(() => client?.kill());

  it('answers every request about a never-opened URI with nothing, or an error for the preview', async () => {
    const doc = { textDocument: { uri: NEVER_OPENED }, position: { line: 0, character: 0 } };
    const c = client.connection;
    assert.equal(await c.sendRequest(HoverRequest.type, doc), null);
    assert.equal(await c.sendRequest(CompletionRequest.type, doc), null);
    assert.equal(await c.sendRequest(DefinitionRequest.type, doc), null);
    assert.deepEqual(await c.sendRequest(ReferencesRequest.type, { ...doc, context: { includeDeclaration: true } }), []);
    assert.deepEqual(await c.sendRequest(DocumentSymbolRequest.type, { textDocument: doc.textDocument }), []);
    assert.equal(await c.sendRequest(PrepareRenameRequest.type, doc), null);
    assert.equal(await c.sendRequest(RenameRequest.type, { ...doc, newName: 'x' }), null);
    const range = { start: doc.position, end: doc.position };
    assert.deepEqual(await c.sendRequest(CodeActionRequest.type, { textDocument: doc.textDocument, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await c.sendRequest(NODE_AT_REQUEST, { uri: NEVER_OPENED, position: doc.position }), { nodeIds: [] });
    for (const method of [DIAGRAM_REQUEST, EXPORT_SVG_REQUEST, WHAT_IF_REQUEST]) {
      await assert.rejects(c.sendRequest(method, { uri: NEVER_OPENED, failed: [] }), (err: unknown) => {
        assert.ok(err instanceof ResponseError);
        assert.equal(err.code, ErrorCodes.InvalidParams);
        assert.match(err.message, /No open infra\.yaml document at file:\/\/\/hostile\/never-opened\.infra\.yaml/);
        return true;
      });
    }
    // Notifications about it are ignored.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: NEVER_OPENED, version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.close(NEVER_OPENED);
    await assertStillAnswers(client);
  });

  it('answers positions past the end of the document, and negative ones, without failing', async () => {
    const c = client.connection;
    const td = { uri: URI };
    for (const position of [
      { line: 10_000, character: 0 },
      { line: 0, character: 10_000 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: -1, character: -5 },
    ]) {
      const doc = { textDocument: td, position };
      assert.equal(await c.sendRequest(HoverRequest.type, doc), null);
      const completion = await c.sendRequest(CompletionRequest.type, doc);
      assert.ok(completion === null || Array.isArray(completion) || Array.isArray(completion.items));
      assert.equal(await c.sendRequest(DefinitionRequest.type, doc), null);
      assert.deepEqual(await c.sendRequest(ReferencesRequest.type, { ...doc, context: { includeDeclaration: true } }), []);
      assert.equal(await c.sendRequest(PrepareRenameRequest.type, doc), null);
      const actions = await c.sendRequest(CodeActionRequest.type, { textDocument: td, range: { start: position, end: position }, context: { diagnostics: [] } });
      assert.deepEqual(actions, []);
      // The preview may highlight the node nearest to a clamped position: any ids will do.
      const at = (await c.sendRequest(NODE_AT_REQUEST, { uri: URI, position })) as { nodeIds: unknown };
      assert.ok(Array.isArray(at.nodeIds));
    }
    await assertStillAnswers(client);
  });

  it('never publishes diagnostics for a stale version, and answers code actions from stale diagnostics', async () => {
    const uri = 'file:///hostile/stale.infra.yaml';
    await client.open(uri, SAMPLE);
    const first = await client.diagnostics(uri, (p) => p.version === 1);
    const withFixes = first.diagnostics.filter((d) => ruleMeta(String(d.code))?.fixable);
    assert.ok(withFixes.length > 0, 'the sample has findings of rules with quick fixes');

    // A burst of edits: every publication is of a version that was current when sent,
    // versions only grow, and the last one is the final text's.
    const mark = client.mark();
    let version = 1;
    for (let i = 0; i < 30; i++) version = await client.change(uri, [{ text: `# edit ${i}\n${SAMPLE}` }]);
    version = await client.change(uri, [{ text: 'version: 1\nname: emptied\n' }]);
    const last = await client.diagnostics(uri, (p) => p.version === version, mark);
    const burst = client.published.filter((p) => p.uri === uri && p.seq > mark);
    const versions = burst.map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions out of order: ${versions}`);
    assert.equal(burst.at(-1), last);

    // Code actions for version-1 diagnostics, whose lines no longer exist: no crash, and any
    // edit stays inside the two-line document.
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: withFixes[0].range,
      context: { diagnostics: withFixes as Diagnostic[] },
    })) as CodeAction[];
    for (const action of actions) {
      for (const edit of action.edit?.changes?.[uri] ?? []) assert.ok(edit.range.start.line <= 2, JSON.stringify(edit));
    }
    // Diagnostics whose data is garbage are skipped.
    const garbage = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', data: { rule: 42, fixes: 'no' } };
    assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: garbage.range, context: { diagnostics: [garbage] } }), []);
    await client.close(uri);
    await assertStillAnswers(client);
  });

  it('survives a change without a version and a change range past the end', async () => {
    const uri = 'file:///hostile/bad-change.infra.yaml';
    await client.open(uri, SAMPLE);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'x' }] });
    const range = { start: { line: 5000, character: 0 }, end: { line: 9000, character: 3 } };
    const v = await client.change(uri, [{ range, text: '\n# appended' }]);
    const published = await client.diagnostics(uri, (p) => p.version === v);
    assert.ok(Array.isArray(published.diagnostics));
    await client.close(uri);
    await assertStillAnswers(client);
  });

  it('answers cancelled requests with RequestCancelled or a normal answer', async () => {
    const position = positionOf(SAMPLE, '\n  server-1:', 3);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }, source.token);
        source.cancel();
        try {
          const h = await pending;
          return h ? 'answered' : 'empty';
        } catch (err) {
          assert.ok(err instanceof ResponseError, String(err));
          assert.equal(err.code, -32800 /* RequestCancelled */);
          return 'cancelled';
        }
      }),
    );
    assert.ok(outcomes.every((o) => o === 'answered' || o === 'cancelled'), outcomes.join());
    await assertStillAnswers(client);
  });

  it('shuts down cleanly in the middle of validating a big document', async () => {
    const other = await LspClient.start({ infraReview: { rules: {} } });
    try {
      await other.initialize();
      const uri = 'file:///hostile/big.infra.yaml';
      const text = ringDesignYaml(3000);
      await other.open(uri, text);
      await other.change(uri, [{ text: text + '# one more line\n' }]);
      await other.connection.sendRequest(ShutdownRequest.type);
      await other.connection.sendNotification(ExitNotification.type);
      const code = await other.exited;
      assert.equal(code, 0, other.log);
      assert.doesNotMatch(other.log, /Error|failed/, other.log);
    } finally {
      other.kill();
    }
  });
});
