// The protocol side's pure parts: settings, the debounce policy, document selection and the
// conversions to LSP shapes.

import assert from 'node:assert/strict';
import { analyze } from '../../src/analysis/engine';
import { AnalysisCache } from '../../src/lsp/analysis-cache';
import { toCompletionList, toDiagnostic } from '../../src/lsp/convert';
import { DesignDocuments, isDesignUri } from '../../src/lsp/documents';
import { parseSettings, settingsKey } from '../../src/lsp/settings';
import { quietInterval, ValidationScheduler } from '../../src/lsp/validation';
import type { CompletionCandidate } from '../../src/language/completion';

describe('lsp: documents', () => {
  it('handles infra.yaml and *.infra.yaml only', () => {
    assert.equal(isDesignUri('file:///a/infra.yaml'), true);
    assert.equal(isDesignUri('file:///a/shop.infra.yaml'), true);
    assert.equal(isDesignUri('untitled:Shop.Infra.YAML'), true);
    assert.equal(isDesignUri('file:///a/my%20shop.infra.yaml'), true);
    assert.equal(isDesignUri('file:///a/infra.yaml.bak'), false);
    assert.equal(isDesignUri('file:///a/docker-compose.yaml'), true);
    assert.equal(isDesignUri('file:///a/values.yaml'), false);
    assert.equal(isDesignUri('file:///a/notinfra.yaml'), false);
    assert.equal(isDesignUri('file:///infra.yaml/inner.yaml'), false);
  });

  it('decides a document once per version, reads its text only when its name leaves it open, and remembers the last decision', () => {
    const designs = new DesignDocuments();
    const MANIFEST = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n';
    let reads = 0;
    const doc = (uri: string, version: number, text: string) => ({ uri, version, getText: () => (reads++, text) });

    assert.equal(designs.isDesign(doc('file:///a/infra.yaml', 1, 'x: [')), true);
    assert.equal(reads, 0, 'a name that decides is never read past');

    const manifest = doc('file:///a/web.yaml', 1, MANIFEST);
    assert.equal(designs.isDesign(manifest), true);
    assert.equal(designs.isDesign(manifest), true);
    assert.equal(reads, 1, 'one sniff for one version');

    assert.equal(designs.wasDesign('file:///a/web.yaml'), true);
    assert.equal(designs.isDesign(doc('file:///a/web.yaml', 2, 'a: 1\n')), false, 'an edit without kind: makes it none');
    assert.equal(designs.wasDesign('file:///a/web.yaml'), false);
    designs.forget('file:///a/infra.yaml');
    assert.equal(designs.wasDesign('file:///a/infra.yaml'), false);
  });
});

describe('lsp: settings', () => {
  it('reads per-rule severities and the trace level, ignoring what is malformed', () => {
    const s = parseSettings({ rules: { spof: 'off', 'no-tls': 'warning', unused: 'loud', x: 3 }, trace: { server: 'verbose' } });
    assert.deepEqual(s, { rules: { spof: 'off', 'no-tls': 'warning' }, trace: 'verbose', composeProfiles: [] });
    assert.deepEqual(parseSettings(undefined), { rules: {}, trace: 'off', composeProfiles: [] });
    assert.deepEqual(parseSettings({ rules: [], 'trace.server': 'messages' }), { rules: {}, trace: 'messages', composeProfiles: [] });
  });

  it('reads the Compose profiles, nested or flat, keeping only names', () => {
    assert.deepEqual(parseSettings({ compose: { profiles: ['debug', 3] } }).composeProfiles, ['debug']);
    assert.deepEqual(parseSettings({ 'compose.profiles': ['tools'] }).composeProfiles, ['tools']);
    assert.notEqual(settingsKey(parseSettings({ compose: { profiles: ['debug'] } })), settingsKey(parseSettings({})));
  });

  it('keys equal rule settings equally, whatever their order', () => {
    const a = parseSettings({ rules: { spof: 'off', unused: 'error' } });
    const b = parseSettings({ rules: { unused: 'error', spof: 'off' } });
    assert.equal(settingsKey(a), settingsKey(b));
    assert.notEqual(settingsKey(a), settingsKey(parseSettings({ rules: { spof: 'off' } })));
  });
});

describe('lsp: analysis cache', () => {
  const doc = (version: number, text: string) => ({ uri: 'file:///a.infra.yaml', version, getText: () => text });
  const TEXT = 'version: 1\nname: x\nhosts:\n  h: {}\ncomponents:\n  web: { runsOn: [h] }\n';

  it('analyses each version once, again after a change of version or settings', () => {
    const cache = new AnalysisCache();
    const first = cache.get(doc(1, TEXT));
    assert.equal(cache.get(doc(1, TEXT)), first);
    assert.equal(cache.isCurrent(doc(2, TEXT)), false);
    const second = cache.get(doc(2, TEXT));
    assert.notEqual(second, first);
    assert.ok(second.result.findings.some((f) => f.rule === 'spof'));
    cache.setRules({ spof: 'off' }, 'spof-off');
    const third = cache.get(doc(2, TEXT));
    assert.notEqual(third, second);
    assert.ok(!third.result.findings.some((f) => f.rule === 'spof'));
  });
});

describe('lsp: debounce', () => {
  it('analyses small files at once and waits longer for slower analyses, up to a bound', () => {
    assert.equal(quietInterval(5), 0);
    assert.equal(quietInterval(30), 0);
    assert.equal(quietInterval(100), 50);
    assert.ok(quietInterval(400) > quietInterval(100));
    assert.equal(quietInterval(10_000), 250);
  });

  it('coalesces changes that arrive before the run, and runs again for a change during a run', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    let startedOnce = new Promise<void>((r) => (started = r));
    const scheduler = new ValidationScheduler(async (uri) => {
      runs.push(uri);
      started();
      await new Promise<void>((r) => (release = r));
      return 1;
    });
    scheduler.schedule('a');
    scheduler.schedule('a');
    scheduler.schedule('a');
    await startedOnce;
    assert.deepEqual(runs, ['a']);
    // A change while the run is going on: one more run after it.
    startedOnce = new Promise<void>((r) => (started = r));
    scheduler.schedule('a');
    scheduler.schedule('a');
    release();
    await startedOnce;
    assert.deepEqual(runs, ['a', 'a']);
    release();
    scheduler.dispose();
  });

  it('analyses an isolated edit at once, and a burst of edits once after it pauses', async () => {
    let clock = 0;
    const runs: number[] = [];
    let ran: () => void = () => undefined;
    const next = () => new Promise<void>((r) => (ran = r));
    // Each analysis takes "100 ms": the quiet interval is then 50 ms.
    const scheduler = new ValidationScheduler(async () => {
      runs.push(clock);
      setImmediate(ran); // once the scheduler has seen this run end
      return 100;
    }, () => clock);
    let done = next();
    assert.equal(scheduler.schedule('a'), 0);
    await done;
    clock = 1_000; // long after: an isolated edit
    done = next();
    assert.equal(scheduler.schedule('a'), 0);
    await done;
    assert.deepEqual(runs, [0, 1_000]);
    clock = 1_010; // three quick edits: one analysis, after the last, 50 ms after it
    done = next();
    const waits = [scheduler.schedule('a')];
    clock = 1_020;
    waits.push(scheduler.schedule('a'));
    clock = 1_030;
    waits.push(scheduler.schedule('a'));
    assert.deepEqual(waits, [50, 50, 50]);
    await done;
    assert.deepEqual(runs, [0, 1_000, 1_030]);
    scheduler.dispose();
  });

  it('keeps documents independent', async () => {
    const seen = new Set<string>();
    let done: () => void = () => undefined;
    const both = new Promise<void>((r) => (done = r));
    const scheduler = new ValidationScheduler(async (uri) => {
      seen.add(uri);
      if (seen.size === 2) done();
      return 1;
    });
    scheduler.schedule('a');
    scheduler.schedule('b');
    await both;
    assert.deepEqual([...seen].sort(), ['a', 'b']);
    scheduler.dispose();
  });
});

describe('lsp: conversions', () => {
  it('turns a finding into a diagnostic with code, source, docs link, related locations and its rule as data', () => {
    const result = analyze('version: 1\nname: x\nhosts:\n  h: {}\ncomponents:\n  web: { runsOn: [h], dependsOn: [db] }\n  db: { type: database, runsOn: [h] }\n');
    const spof = result.findings.find((f) => f.rule === 'spof' && f.target.kind === 'host')!;
    const d = toDiagnostic(spof, 'file:///a.infra.yaml');
    assert.equal(d.code, 'spof');
    assert.equal(d.source, 'infra-review');
    assert.equal(d.severity, 1);
    assert.equal(d.codeDescription?.href, 'https://github.com/infra-review/infra-review/blob/main/docs/rules.md#spof');
    assert.deepEqual(d.range, spof.range);
    assert.deepEqual(d.data, { rule: 'spof' }, 'the fixes stay in the analysis');
    assert.equal(d.relatedInformation?.length, spof.related?.length);
    assert.ok(d.relatedInformation?.every((r) => r.location.uri === 'file:///a.infra.yaml'));
    assert.equal(d.tags, undefined);
  });

  it('shares the replaced range through itemDefaults when the client takes it', () => {
    const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 6 } };
    const candidates: CompletionCandidate[] = [
      { label: 'web-1', kind: 'host', insertText: 'web-1', snippet: false, replace: range },
      { label: 'mode', kind: 'property', insertText: 'mode: ', snippet: false, replace: range, retrigger: true },
    ];
    const shared = toCompletionList(candidates, true);
    assert.deepEqual(shared.itemDefaults?.editRange, range);
    assert.equal(shared.items[0].textEdit, undefined);
    assert.equal(shared.items[0].textEditText, undefined);
    assert.equal(shared.items[1].textEditText, 'mode: ');
    assert.equal(shared.items[1].command?.command, 'editor.action.triggerSuggest');
    const plain = toCompletionList(candidates, false);
    assert.equal(plain.itemDefaults, undefined);
    assert.deepEqual(plain.items[0].textEdit, { range, newText: 'web-1' });
  });
});
