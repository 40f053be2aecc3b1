// The real server over stdio on Kubernetes manifests, found by their content: diagnostics at
// the right field, hover on a workload and an inferred edge, definition from an env address
// to its Service and from the Service to its workload, the outline's elements, and a quick fix
// whose manifest edit makes its finding go away. A YAML file that is no manifest gets nothing.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, openedWithDiagnostics, positionOf as pos, ROOT } from '../../../test/support/lsp-client';

const SAMPLE = readFileSync(join(ROOT, 'samples', 'kubernetes', 'shop.yaml'), 'utf8');
const URI = 'file:///work/shop/k8s/shop.yaml';


describe('language server over stdio: Kubernetes manifests', function () {
  this.timeout(60_000);
  let client: LspClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ client, diagnostics } = await openedWithDiagnostics(URI, SAMPLE));
  });

  after(() => client?.kill());

  it('publishes diagnostics at the right field: replicas, the selector, the budget, the address', () => {
    const at = (code: string, pattern: RegExp) => diagnostics.find((d) => d.code === code && pattern.test(String(d.message)))?.range.start;
    assert.deepEqual(at('replicas-may-share-node', /catalog/), pos(SAMPLE, 'replicas: 2\n  selector:\n    matchLabels: { app: catalog }'));
    assert.deepEqual(at('route-reaches-nothing', /redis/), pos(SAMPLE, 'selector: { app: redis-cache }'));
    assert.deepEqual(at('disruption-budget-blocks-drain', /checkout/), pos(SAMPLE, '2            # as many'));
    assert.deepEqual(at('unresolved-address', /search/), pos(SAMPLE, 'http://search.search.svc'));
    assert.ok(!diagnostics.some((d) => d.code === 'schema' || d.code === 'yaml-syntax'));
  });

  it('hovers a workload (replicas, zones, what goes down) and an inferred dependency', async () => {
    const workload = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, '  name: storefront\n  namespace: shop\nspec:', 9) })) as Hover;
    const text = (workload.contents as MarkupContent).value;
    assert.match(text, /\*\*storefront\*\* · component/);
    assert.match(text, /\*\*Instances:\*\* 3/);
    assert.match(text, /zone zone-3/);
    const inferred = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'amqp://rabbitmq.shop', 8) })) as Hover;
    assert.match((inferred.contents as MarkupContent).value, /\*\*checkout\*\* → \*\*rabbitmq\*\*: \*\*inferred\*\*/);
  });

  it('goes from an env address to its Service, and from the Service to its workload', async () => {
    const toService = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'amqp://rabbitmq.shop', 8) })) as Location;
    assert.deepEqual(toService.range.start, pos(SAMPLE, 'name: rabbitmq\n  namespace: shop\nspec:\n  selector'));
    const toWorkload = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'selector: { app: rabbitmq }', 3) })) as Location;
    assert.deepEqual(toWorkload.range.start, pos(SAMPLE, 'name: rabbitmq\n  namespace: shop\nspec:\n  serviceName'));
  });

  it('outlines the workloads with their namespace and type', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['storefront', 'catalog', 'checkout', 'order-worker', 'rabbitmq', 'postgres', 'redis']);
    assert.equal(symbols.find((s) => s.name === 'postgres')?.detail, 'shop · database · postgres:16');
  });

  it('a code action → a manifest edit that keeps comments → the diagnostic is gone', async () => {
    const budget = diagnostics.find((d) => d.code === 'disruption-budget-blocks-drain')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: budget.range, context: { diagnostics: [budget] } })) as CodeAction[];
    const fix = actions.find((a) => /^Relax/.test(a.title));
    assert.ok(fix?.edit?.changes?.[URI], actions.map((a) => a.title).join());
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, SAMPLE), fix.edit.changes[URI]);
    assert.ok(fixed.includes('minAvailable: 1            # as many as the HPA'), 'the comment stays');
    const marker = client.mark();
    const version = await client.change(URI, [{ text: fixed }]);
    const after = await client.diagnostics(URI, (p) => p.version === version, marker);
    assert.ok(!after.diagnostics.some((d) => d.code === 'disruption-budget-blocks-drain'));
  });

  it('a YAML file that is no manifest gets no diagnostics, and one that becomes a manifest does', async () => {
    const uri = 'file:///work/shop/k8s/values.yaml';
    const start = client.mark();
    await client.open(uri, 'replicaCount: 1\n');
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lonely\nspec:\n  containers: [{ name: c, image: example/app }]\n';
    const version = await client.change(uri, [{ text: manifest }]);
    const published = await client.diagnostics(uri, () => true, start);
    assert.equal(published.version, version, 'nothing was published for the version that was no manifest');
    assert.ok(published.diagnostics.some((d) => d.code === 'spof'));
  });
});
