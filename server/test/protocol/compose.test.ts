// The real server over stdio on a Compose file: diagnostics at the right key, hover, and a
// quick fix whose Compose edit makes its finding go away.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, CompletionRequest, DefinitionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, openedWithDiagnostics, positionOf as pos, ROOT } from '../../../test/support/lsp-client';

const SAMPLE = readFileSync(join(ROOT, 'samples', 'compose', 'three-tier.compose.yaml'), 'utf8');
const URI = 'file:///work/shop/compose.yaml';


describe('language server over stdio: a Compose file', function () {
  this.timeout(60_000);
  let client: LspClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ client, diagnostics } = await openedWithDiagnostics(URI, SAMPLE));
  });

  after(() => client?.kill());

  it('publishes diagnostics at the right key', () => {
    const engine = diagnostics.find((d) => d.code === 'spof' && /docker-engine/.test(String(d.message)));
    assert.deepEqual(engine?.range.start, pos(SAMPLE, 'services:'));
    const db = diagnostics.find((d) => d.code === 'spof' && /^Database db/.test(String(d.message)));
    assert.deepEqual(db?.range.start, pos(SAMPLE, '  db:', 2));
    assert.ok(!diagnostics.some((d) => d.code === 'schema'), 'a valid Compose file has no schema findings');
  });

  it('hovers a service and an inferred dependency', async () => {
    const service = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, '  cache:', 3) })) as Hover;
    assert.match((service.contents as MarkupContent).value, /\*\*cache\*\* · component · cache/);
    const inferred = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'cache:6379', 1) })) as Hover;
    assert.match((inferred.contents as MarkupContent).value, /\*\*inferred\*\*/);
  });

  it('goes from an environment host to its service', async () => {
    const location = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'amqp://guest@queue', 15) })) as Location;
    assert.deepEqual(location.range.start, pos(SAMPLE, '  queue:', 2));
  });

  it('completes an x-infra-review value and hovers an x-infra-review key', async () => {
    const uri = 'file:///work/shop/x/compose.yaml';
    const text = 'services:\n  db:\n    image: postgres:16\n    x-infra-review:\n      backup: { offsite: true }\n      mode: \n';
    const start = client.mark();
    await client.open(uri, text);
    await client.diagnostics(uri, () => true, start);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(text, 'mode: ', 6) })) as CompletionList | CompletionItem[];
    const items = Array.isArray(list) ? list : list.items;
    assert.deepEqual(items.map((i) => i.label), ['active-active', 'active-passive', 'primary-replica']);
    const offsite = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'offsite', 2) })) as Hover;
    assert.match((offsite.contents as MarkupContent).value, /^\*\*Offsite\*\*/);
  });

  it('a code action → a Compose edit → the diagnostic is gone', async () => {
    const uri = 'file:///work/shop/docker-compose.yml';
    const text = 'services:\n  lb:\n    image: haproxy:3.0   # the way in\n    ports: ["443:443"]\n';
    const start = client.mark();
    await client.open(uri, text);
    const { diagnostics: found } = await client.diagnostics(uri, () => true, start);
    const noCheck = found.find((d) => d.code === 'no-health-check');
    assert.ok(noCheck, found.map((d) => d.code).join());
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: noCheck.range, context: { diagnostics: [noCheck] } })) as CodeAction[];
    const fix = actions.find((a) => !/^Ignore/.test(a.title));
    assert.ok(fix?.edit?.changes?.[uri], actions.map((a) => a.title).join());
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), fix.edit.changes[uri]);
    assert.ok(fixed.includes('# the way in') && fixed.includes('healthcheck:'));
    const marker = client.mark();
    const version = await client.change(uri, [{ text: fixed }]);
    const after = await client.diagnostics(uri, (p) => p.version === version, marker);
    assert.ok(!after.diagnostics.some((d) => d.code === 'no-health-check'));
  });
});
