// The real server over stdio on Kubernetes manifests, found by their content: diagnostics at
// the right field, hover on a workload and an inferred edge, definition from an env address
// to its Service and from the Service to its workload, the outline's elements, and a quick fix
// whose manifest edit makes its finding go away. A YAML file that is no manifest gets nothing.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, CompletionRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, openedWithDiagnostics, positionOf as pos, ROOT } from '../../../test/support/lsp-client';

const SAMPLE = readFileSync(join(ROOT, 'samples', 'kubernetes', 'shop.yaml'), 'utf8');
const URI = 'file:///work/shop/k8s/shop.yaml';

/** One Service in front of two Deployments (a blue-green pair), and a frontend that calls it by address. */
const BLUE_GREEN = [
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2', '  selector: { matchLabels: { app: web } }', '  template:', '    metadata: { labels: { app: web } }', '    spec:', '      containers:', '        - name: web', '          image: example/web:1', '          env: [{ name: API_URL, value: "http://api:8080" }]'],
  ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  type: LoadBalancer', '  selector: { app: web }', '  ports: [{ port: 80 }]'],
  ...['blue', 'green'].map((track) => ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: api-${track}`, 'spec:', '  replicas: 1', `  selector: { matchLabels: { app: api, track: ${track} } }`, '  template:', `    metadata: { labels: { app: api, track: ${track} } }`, '    spec:', '      containers:', `        - name: api`, '          image: example/api:1']),
  ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: api', 'spec:', '  selector: { app: api }', '  ports: [{ port: 8080 }]'],
].map((lines) => lines.join('\n')).join('\n---\n') + '\n';


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
    assert.match(text, /#3 on a node of its own, zone zone-3/);
    assert.doesNotMatch(text, /\bhost\b/, 'Kubernetes has nodes, not hosts');
    const inferred = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'amqp://rabbitmq.shop', 8) })) as Hover;
    assert.match((inferred.contents as MarkupContent).value, /\*\*checkout\*\* → \*\*rabbitmq\*\*: \*\*inferred\*\*/);
  });

  it('goes from an env address to its Service, and from the Service to its workload', async () => {
    const toService = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'amqp://rabbitmq.shop', 8) })) as Location;
    assert.deepEqual(toService.range.start, pos(SAMPLE, 'name: rabbitmq\n  namespace: shop\nspec:\n  selector'));
    const toWorkload = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: pos(SAMPLE, 'selector: { app: rabbitmq }', 3) })) as Location;
    assert.deepEqual(toWorkload.range.start, pos(SAMPLE, 'name: rabbitmq\n  namespace: shop\nspec:\n  serviceName'));
  });

  it('reads a caller of a Service in front of two workloads as needing either, and goes from the Service to both (Location[]) and from the address to the Service; a Compose anyOf reads the same', async () => {
    const uri = 'file:///work/shop/k8s/blue-green.yaml';
    const marker = client.mark();
    await client.open(uri, BLUE_GREEN);
    const published = await client.diagnostics(uri, () => true, marker);
    // The frontend needs either colour: neither is a single point of failure, and the address says so.
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'spof' || d.code === 'deploy-downtime').map((d) => d.message), []);
    assert.ok(published.diagnostics.some((d) => d.code === 'no-health-check' && /api-blue/.test(String(d.message))), 'the pair is read (its findings are there)');
    const address = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(BLUE_GREEN, 'http://api:8080', 8) })) as Hover;
    const said = (address.contents as MarkupContent).value;
    assert.match(said, /\*\*web\*\* → any of \*\*api-blue\*\*, \*\*api-green\*\*: \*\*inferred\*\*/);
    assert.match(said, /\*\*api-blue\*\*[^]*\*\*If it fails:\*\* nothing else goes down; the service stays up\./);
    const both = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: pos(BLUE_GREEN, 'selector: { app: api }', 3) })) as Location[];
    assert.ok(Array.isArray(both), JSON.stringify(both));
    assert.deepEqual(both.map((l) => l.range.start), [pos(BLUE_GREEN, 'name: api-blue'), pos(BLUE_GREEN, 'name: api-green')]);
    const toService = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: pos(BLUE_GREEN, 'http://api:8080', 8) })) as Location;
    assert.deepEqual(toService.range.start, pos(BLUE_GREEN, 'name: api\nspec:'));
    await client.close(uri);
    // The same pair stated in a Compose file's x-infra-review reads the same way.
    const composeUri = 'file:///work/shop/compose.yaml';
    const compose = 'x-infra-review: { platform: swarm }\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    deploy: { replicas: 2 }\n    x-infra-review: { dependsOn: [{ anyOf: [api-blue, api-green] }] }\n  api-blue: { image: example/api:1 }\n  api-green: { image: example/api:2 }\n';
    const composeMarker = client.mark();
    await client.open(composeUri, compose);
    const composed = await client.diagnostics(composeUri, () => true, composeMarker);
    assert.deepEqual(composed.diagnostics.filter((d) => d.code === 'spof' || d.code === 'deploy-downtime' || d.code === 'schema').map((d) => d.message), []);
    const alternative = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: composeUri }, position: pos(compose, 'api-green] }', 2) })) as Hover;
    assert.match((alternative.contents as MarkupContent).value, /^\*\*web\*\* → any of \*\*api-blue\*\*, \*\*api-green\*\*; met while one of them is up[^]*\*\*api-green\*\* · component/);
    await client.close(composeUri);
  });

  it('completes infra-review/ annotation keys and values under metadata.annotations, and describes them on hover', async () => {
    const uri = 'file:///work/shop/k8s/annotated.yaml';
    const text = BLUE_GREEN.replace('  name: web\nspec:', '  name: web\n  annotations:\n    infra-review/tls: \nspec:');
    const marker = client.mark();
    await client.open(uri, text);
    await client.diagnostics(uri, () => true, marker);
    const items = (list: CompletionList | CompletionItem[] | null) => (Array.isArray(list) ? list : (list?.items ?? []));
    const keys = items(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(text, 'infra-review/tls', 4) }));
    assert.ok(keys.some((k) => k.label === 'infra-review/failover'), keys.map((k) => k.label).join());
    const values = items(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(text, 'infra-review/tls: ', 18) }));
    assert.deepEqual(values.map((v) => v.textEditText ?? v.textEdit?.newText ?? v.insertText ?? v.label), ['"true"', '"false"']);
    const described = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'infra-review/tls', 3) })) as Hover;
    assert.match((described.contents as MarkupContent).value, /accepts TLS/);
    await client.close(uri);
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

  it('single-zone offers a zone topologySpreadConstraints; the edit makes the finding go away', async () => {
    const reset = client.mark();
    const restored = await client.change(URI, [{ text: SAMPLE }]);
    const current = (await client.diagnostics(URI, (p) => p.version === restored, reset)).diagnostics;
    const unspread = current.find((d) => d.code === 'single-zone' && /replicas of catalog/.test(String(d.message)));
    assert.ok(unspread, current.map((d) => `${String(d.code)}: ${d.message}`).join('\n'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: unspread.range, context: { diagnostics: [unspread] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith("Spread catalog's pods over zones"));
    assert.ok(fix?.edit?.changes?.[URI], actions.map((a) => a.title).join());
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, SAMPLE), fix.edit.changes[URI]);
    assert.match(fixed, /topologySpreadConstraints:\n\s+- maxSkew: 1\n\s+topologyKey: topology\.kubernetes\.io\/zone\n\s+whenUnsatisfiable: DoNotSchedule\n\s+labelSelector: \{ matchLabels: \{ app: catalog \} \}\n/);
    assert.ok(fixed.includes('# the search cluster, defined in another repository'), 'comments stay');
    const marker = client.mark();
    const version = await client.change(URI, [{ text: fixed }]);
    const after = await client.diagnostics(URI, (p) => p.version === version, marker);
    assert.ok(!after.diagnostics.some((d) => d.code === 'single-zone' && /replicas of catalog/.test(String(d.message))));
    assert.ok(!after.diagnostics.some((d) => d.code === 'schema' || d.code === 'yaml-syntax'));
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
