// The real server over stdio, driven with real LSP requests.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import {
  DIAGRAM_REQUEST,
  EXPLAIN_RULE_REQUEST,
  EXPORT_SVG_REQUEST,
  NODE_AT_REQUEST,
  WHAT_IF_REQUEST,
} from '../../src/protocol';
import type { DiagramResult, ExplainRuleResult, ExportSvgResult, NodeAtResult, WhatIfResponse } from '../../src/protocol';
import { sceneColumnOrder } from '../../src/diagram/column-order';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, ROOT } from '../../../test/support/lsp-client';

const SAMPLE = readFileSync(join(ROOT, 'samples', '1-one-server.infra.yaml'), 'utf8');
const URI = 'file:///work/designs/one-server.infra.yaml';

/** The position of the `nth` occurrence of `needle` in `text`, `delta` characters in. */
function pos(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0, from = 0; i <= nth; i++) {
    index = text.indexOf(needle, from);
    assert.ok(index >= 0, `"${needle}" not in the text`);
    from = index + 1;
  }
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const rules = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('language server over stdio', function () {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ infraReview: { rules: {} } });
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'infra-review');
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    await client.open(URI, SAMPLE);
  });

  after(() => client?.kill());

  describe('diagnostics', () => {
    it('publishes the findings on open, with rule codes, source, docs link, related locations and the rule as data', async () => {
      const { diagnostics, version } = await client.diagnostics(URI);
      assert.equal(version, 1);
      assert.ok(rules(diagnostics).includes('spof'), rules(diagnostics).join());
      for (const d of diagnostics) {
        assert.equal(d.source, 'infra-review');
        assert.equal(d.codeDescription?.href, `https://github.com/infra-review/infra-review/blob/main/docs/rules.md#${d.code}`);
        assert.deepEqual(Object.keys(d.data as object), ['rule']);
        assert.equal((d.data as { rule: string }).rule, d.code);
      }
      const hostSpof = diagnostics.find((d) => d.code === 'spof' && /Host server-1/.test(messageOf(d)));
      assert.ok(hostSpof, 'the host is a SPOF');
      assert.equal(hostSpof.severity, 1);
      assert.ok(hostSpof.relatedInformation?.length, 'the components that go down are related');
      for (const r of hostSpof.relatedInformation!) assert.equal(r.location.uri, URI);
    });

    it('publishes updated diagnostics after a one-line edit, and again after it is undone', async () => {
      const line = pos(SAMPLE, 'software: nginx');
      const edit = (text: string) => [{ range: { start: line, end: { line: line.line, character: line.character + 'software: nginx'.length } }, text }];
      const broken = await client.change(URI, edit('sofware: nginx'));
      const withError = await client.diagnostics(URI, (p) => p.version === broken);
      const schema = withError.diagnostics.filter((d) => d.code === 'schema');
      assert.equal(schema.length, 1);
      assert.match(messageOf(schema[0]), /software/, 'did you mean');
      assert.equal(schema[0].range.start.line, line.line);

      const fixed = await client.change(URI, edit('software: nginx'));
      const clean = await client.diagnostics(URI, (p) => p.version === fixed);
      assert.deepEqual(rules(clean.diagnostics).filter((r) => r === 'schema'), []);
    });

    it('never publishes an older version after a newer one, and ends on the newest', async () => {
      const start = client.mark();
      const line = pos(SAMPLE, 'name: ').line;
      let last = 0;
      for (let i = 0; i < 8; i++) {
        last = await client.change(URI, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: `name: burst-${i}\n` }]);
      }
      await client.diagnostics(URI, (p) => p.version === last, start);
      // A round trip after the newest: anything still queued for older versions would show up by now.
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
      const versions = client.published.filter((p) => p.uri === URI && p.seq > start).map((p) => p.version ?? -1);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published in order: ${versions.join()}`);
      assert.equal(versions[versions.length - 1], last);
      assert.equal(new Set(versions).size, versions.length, 'each version at most once');
    });

    it('keeps several open files independent, and ignores YAML files that are not designs', async () => {
      const other = 'file:///work/designs/infra.yaml';
      const plain = 'file:///work/designs/values.yaml';
      const start = client.mark();
      await client.open(plain, 'version: 1\nservices: {}\n');
      await client.open(other, 'version: 1\nname: other\ncomponents:\n  web: { type: web-servr }\n');
      const published = await client.diagnostics(other, () => true, start);
      assert.deepEqual(rules(published.diagnostics).filter((r) => r === 'schema').length, 1);
      assert.ok(!client.published.some((p) => p.uri === plain), 'nothing for a plain YAML file');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: plain }, position: { line: 0, character: 1 } });
      assert.equal(hover, null);
      // The first document is untouched by the second.
      assert.ok(!client.published.some((p) => p.uri === URI && p.seq > start));
      await client.close(other);
      const cleared = await client.diagnostics(other, (p) => p.diagnostics.length === 0, published.seq);
      assert.ok(cleared);
    });
  });

  describe('features', () => {
    it('hovers a host with what goes down if it fails', async () => {
      const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: URI },
        position: pos(SAMPLE, 'server-1:', 2),
      })) as Hover;
      const md = (hover.contents as MarkupContent).value;
      assert.equal((hover.contents as MarkupContent).kind, 'markdown');
      assert.match(md, /\*\*server-1\*\* · host/);
      assert.match(md, /\*\*If it fails:\*\* .* go down; \*\*the service is down\*\*/);
      assert.match(md, /`spof`/);
    });

    it('hover text reads as written in a client that shows Markdown raw (Neovim 0.7)', async () => {
      const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: URI },
        position: pos(SAMPLE, 'server-1:', 2),
      })) as Hover;
      // A plain-text client prints the value as it comes, line by line.
      const lines = (hover.contents as MarkupContent).value.split('\n').filter((l) => l !== '');
      assert.equal(lines[0], '**server-1** · host');
      const facts = lines[1];
      assert.match(facts, /^IP 8\.8\.8\.8 · /);
      assert.doesNotMatch(lines.filter((l) => !l.startsWith('[')).join('\n'), /\\/, 'no backslash in the text of this design');
    });

    it('completes host ids in runsOn', async () => {
      const at = pos(SAMPLE, 'runsOn: [server-1]', 'runsOn: ['.length);
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: at })) as CompletionList;
      assert.deepEqual(list.items.map((i) => i.label), ['server-1']);
      // The word under the cursor is replaced; the range is shared through itemDefaults.
      assert.deepEqual(list.itemDefaults?.editRange, { start: at, end: { line: at.line, character: at.character + 'server-1'.length } });
    });

    it('goes to the definition of a host and finds its references', async () => {
      const at = pos(SAMPLE, 'runsOn: [server-1]', 'runsOn: ['.length + 1);
      const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: at })) as Location;
      assert.equal(def.uri, URI);
      assert.deepEqual(def.range.start, pos(SAMPLE, 'server-1:'));
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: URI },
        position: at,
        context: { includeDeclaration: true },
      })) as Location[];
      assert.deepEqual(refs.map((r) => r.range.start.line), [pos(SAMPLE, 'server-1:').line, ...[0, 1, 2].map((n) => pos(SAMPLE, 'runsOn: [server-1]', 0, n).line)]);
    });

    it('renames a component everywhere, and refuses an invalid name with a message', async () => {
      const at = pos(SAMPLE, '  app:', 3);
      const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: URI }, position: at });
      assert.deepEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : prepared, 'app');
      const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: URI }, position: at, newName: 'backend' })) as WorkspaceEdit;
      const edits = edit.changes![URI];
      assert.ok(edits.length >= 2, 'the key and its dependents');
      assert.ok(edits.every((e) => e.newText === 'backend'));
      await assert.rejects(
        client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: URI }, position: at, newName: 'not valid!' }),
        /not a valid component id/,
      );
    });

    it('lists zones, hosts and components as document symbols', async () => {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
      const components = symbols.find((s) => s.name === 'components');
      assert.ok(components?.children?.some((c) => c.name === 'db' && /database/.test(c.detail ?? '')));
      assert.ok(symbols.find((s) => s.name === 'hosts')?.children?.some((h) => h.name === 'server-1'));
    });

    it('offers a quick fix whose edit, applied, makes its finding go away', async () => {
      const uri = 'file:///work/designs/fix-me.infra.yaml';
      const start = client.mark();
      await client.open(uri, SAMPLE);
      const { diagnostics } = await client.diagnostics(uri, () => true, start);
      const fixable = diagnostics.find((d) => d.code === 'no-firewall');
      assert.ok(fixable, `a no-firewall finding among ${rules(diagnostics).join()}`);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: fixable.range,
        context: { diagnostics: [fixable] },
      })) as CodeAction[];
      assert.ok(actions.some((a) => /^Ignore no-firewall here/.test(a.title)), actions.map((a) => a.title).join());
      const fix = actions.find((a) => a.kind === 'quickfix' && !/^Ignore/.test(a.title));
      assert.ok(fix?.edit?.changes?.[uri], 'the fix carries a workspace edit for the document');
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, SAMPLE), fix.edit.changes[uri]);
      const marker = client.mark();
      const version = await client.change(uri, [{ text: fixed }]);
      const after = await client.diagnostics(uri, (p) => p.version === version, marker);
      assert.ok(!after.diagnostics.some((d) => d.code === 'no-firewall' && messageOf(d) === messageOf(fixable)), 'the finding is gone');
      assert.ok(!rules(after.diagnostics).includes('schema') && !rules(after.diagnostics).includes('yaml-syntax'), 'the edit is valid');
      await client.close(uri);
    });
  });

  describe('custom requests', () => {
    it('whatIf: failing the host takes its instances down', async () => {
      const w = await client.connection.sendRequest<WhatIfResponse>(WHAT_IF_REQUEST, { uri: URI, failed: [{ kind: 'host', id: 'server-1' }] });
      assert.equal(w.serviceDown, true);
      assert.ok(w.downNodes.includes('host:server-1'));
      assert.ok(w.downNodes.some((n) => n.startsWith('instance:db#')));
    });

    it('nodeAt: the cursor on a host names its node', async () => {
      const r = await client.connection.sendRequest<NodeAtResult>(NODE_AT_REQUEST, { uri: URI, position: pos(SAMPLE, 'server-1:', 1) });
      assert.deepEqual(r.nodeIds, ['host:server-1']);
    });

    it('explainRule: the catalogue entry as Markdown, null for an unknown rule', async () => {
      const r = await client.connection.sendRequest<ExplainRuleResult>(EXPLAIN_RULE_REQUEST, { rule: 'spof' });
      assert.match(r.markdown ?? '', /Single point of failure/);
      const none = await client.connection.sendRequest<ExplainRuleResult>(EXPLAIN_RULE_REQUEST, { rule: 'nope' });
      assert.equal(none.markdown, null);
    });

    it('diagram and exportSvg: the scene of the open document and its SVG', async () => {
      const d = await client.connection.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri: URI });
      assert.equal(d.uri, URI);
      assert.ok(d.scene.nodes.some((n) => n.id === 'host:server-1'));
      const svg = await client.connection.sendRequest<ExportSvgResult>(EXPORT_SVG_REQUEST, { uri: URI });
      assert.match(svg.svg, /<svg[\s>]/);
    });

    it('diagram: keeps the column order the preview sends, and ignores one that is not a list of names', async () => {
      const uri = 'file:///work/designs/four.infra.yaml';
      const services = ['a', 'b', 'c', 'd'].map((id) => `  ${id}: { type: app-server, replicas: 1, zones: [z1] }`);
      await client.open(uri, ['version: 1', 'zones:', '  z1: { region: r1 }', 'components:', ...services, ''].join('\n'));
      const column = (d: DiagramResult): string[] =>
        sceneColumnOrder(d.scene).find((c) => c.includes('instance:a#0')) ?? [];
      const free = await client.connection.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri });
      const reversed = [...column(free)].reverse();
      assert.equal(reversed.length, 4);
      const kept = await client.connection.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri, previousOrder: [reversed] });
      assert.deepEqual(column(kept), reversed);
      const junk = await client.connection.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri, previousOrder: 'x' });
      assert.deepEqual(column(junk), column(free));
      const mixed = await client.connection.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri, previousOrder: [[1, ...reversed, null], 'x', {}] });
      assert.deepEqual(column(mixed), reversed);
    });

    it('rejects a request about a document that is not open', async () => {
      await assert.rejects(client.connection.sendRequest(DIAGRAM_REQUEST, { uri: 'file:///nowhere.infra.yaml' }), /No open infra.yaml document/);
    });
  });

  describe('settings', () => {
    it('applies infraReview.rules.<id> from didChangeConfiguration to the open documents', async () => {
      assert.ok(client.registrations.includes('workspace/didChangeConfiguration'));
      let start = client.mark();
      await client.changeSettings({ infraReview: { rules: { spof: 'off' } } });
      const off = await client.diagnostics(URI, () => true, start);
      assert.ok(!rules(off.diagnostics).includes('spof'), rules(off.diagnostics).join());

      start = client.mark();
      await client.changeSettings({ infraReview: { rules: { spof: 'warning' } } });
      const warning = await client.diagnostics(URI, () => true, start);
      const spofs = warning.diagnostics.filter((d) => d.code === 'spof');
      assert.ok(spofs.length > 0);
      assert.ok(spofs.every((d) => d.severity === 2));

      start = client.mark();
      await client.changeSettings({ infraReview: { rules: {} } });
      const back = await client.diagnostics(URI, () => true, start);
      assert.ok(back.diagnostics.filter((d) => d.code === 'spof').every((d) => d.severity === 1));
    });
  });
});

describe('language server lifecycle', function () {
  let client: LspClient | undefined;
  after(() => client?.kill());

  it('reads the settings on start, and exits with 0 after shutdown and exit', async () => {
    client = await LspClient.start({ infraReview: { rules: { spof: 'off' } } });
    await client.initialize();
    await client.open(URI, SAMPLE);
    const first = await client.diagnostics(URI);
    assert.ok(first.diagnostics.length > 0);
    assert.ok(!rules(first.diagnostics).includes('spof'), 'the startup settings apply to the first diagnostics');
    assert.equal(await client.shutdown(), 0);
  });

  it('exits with 1 when the client closes its stdin without a shutdown', async () => {
    client = await LspClient.start({ infraReview: { rules: {} } });
    await client.initialize();
    await client.open(URI, SAMPLE);
    await client.diagnostics(URI);
    client.child.stdin.end();
    assert.equal(await client.exited, 1);
  });
});
