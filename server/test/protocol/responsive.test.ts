// The server never freezes (issue 17, item 6): analyses run in worker threads, requests are
// answered from the last complete analysis while a new one runs, and a newer edit cancels an
// older, slow analysis. The slow analysis is a 30,000-deep dependsOn chain (about 15 s of
// analysis in-process), so the one time bound here, a hover within 200 ms (the issue's
// requirement), is far from what the old server took (the whole analysis).

import { strict as assert } from 'node:assert';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { dependsOnChain } from '../../../test/support/fuzz-inputs';
import { LspClient } from '../../../test/support/lsp-client';

const SMALL = `version: 1
name: small
hosts:
  h1: {}
  h2: {}
components:
  web:
    type: web-server
    runsOn: [h1, h2]
`;
/** The line and column of `web:` in SMALL (a component key, which has a hover). */
const ON_WEB = { line: 6, character: 3 };
const CHAIN = dependsOnChain(30_000);
const HOVERS = 5;

describe('the language server during a long analysis', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start({ infraReview: { rules: {} } });
    await client.initialize();
  });
  afterEach(() => client.kill());

  it('answers hovers within 200 ms from the last complete analysis while a multi-second one runs', async () => {
    const uri = 'file:///responsive/hover.infra.yaml';
    await client.open(uri, SMALL);
    await client.diagnostics(uri, (p) => p.version === 1);
    const expected = await hoverOn(uri);
    assert.match(JSON.stringify(expected?.contents), /web/);

    const slow = await client.change(uri, [{ text: CHAIN }]);
    const chainAnalysed = client.diagnostics(uri, (p) => p.version === slow);
    let analysing = true;
    void chainAnalysed.then(() => (analysing = false));
    // What the test proves does not depend on the clock: every hover is answered, from
    // version 1's analysis, while the chain's analysis still runs. The 200 ms is the issue's
    // figure; it is held by the median of the hovers, so that one that a loaded machine
    // happens to stall does not fail the run.
    const times: number[] = [];
    for (let i = 0; i < HOVERS; i++) {
      const started = performance.now();
      const answer = await hoverOn(uri);
      times.push(performance.now() - started);
      assert.ok(analysing, 'the chain was analysed before the hover: it proves nothing');
      assert.deepEqual(answer, expected, 'answered from the analysis of version 1');
    }
    const median = [...times].sort((a, b) => a - b)[HOVERS >> 1];
    assert.ok(median < 200, `median hover ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
    const published = await chainAnalysed;
    assert.ok(published.diagnostics.length > 30_000, `${published.diagnostics.length} diagnostics for the chain`);
  });

  it('cancels an older analysis when a newer edit comes', async () => {
    const uri = 'file:///responsive/cancel.infra.yaml';
    await client.open(uri, CHAIN);
    // A request about a document never analysed starts its analysis at once (and waits for it):
    // so the chain's analysis is running when the edit arrives, not merely scheduled.
    const firstHover = hoverOn(uri);
    const small = await client.change(uri, [{ text: SMALL }]);
    const published = await client.diagnostics(uri, (p) => p.version === small);
    assert.ok(published.diagnostics.length < 20, JSON.stringify(published.diagnostics.map((d) => d.message)));
    assert.ok(
      client.logMessages.some((m) => m.includes(`cancelled the analysis of ${uri} v1`)),
      `no cancellation in the log:\n${client.logMessages.join('\n')}`,
    );
    assert.ok(!client.published.some((p) => p.uri === uri && p.version === 1), 'the cancelled analysis published nothing');
    assert.equal(await firstHover, null, 'the hover waiting for the cancelled analysis has nothing to show');
    // The worker that took over answers from the new analysis.
    assert.match(JSON.stringify((await hoverOn(uri))?.contents), /web/);
  });

  async function hoverOn(uri: string): Promise<Hover | null> {
    return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: ON_WEB });
  }
});
