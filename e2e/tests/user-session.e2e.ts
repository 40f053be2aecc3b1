// One user's session with infra-review in a real VS Code, on a copy of samples/: the
// findings of the one-server stack, hover, a quick fix, completion, then the diagram preview
// (click to the source, live update, "fail this", export). The steps build on each other:
// after a failed step the rest are skipped. The editor's findings are compared with what the
// project's CLI finds in the same file, never with hard-coded numbers.
import * as assert from 'assert';
import * as path from 'path';
import { parse } from 'yaml';
import { checkFile, countBySeverity, type CliFinding } from '../lib/cli';
import { SAMPLES_DIR } from '../lib/paths';
import { openPreview, parseSvgInBrowser, type DiagramNode } from '../lib/preview';
import { stepwiseSession } from '../lib/stepwise-session';
import { waitFor } from '../lib/wait';
import { positionOf, type Position, type Problem } from '../lib/workbench';

const SAMPLE = '1-one-server.infra.yaml';
const EXPORTED = '1-one-server.infra.svg';
/** Typed in step 4 (completing `runsOn`) and step 7 (a managed service, not on server-1). */
const CACHE_LINE = '  cache: { type: cache, software: redis, runsOn: [';
const QUEUE_LINE = '  queue: { type: queue, software: rabbitmq, replicas: 2 }';

/**
 * Typing is deterministic only without the editor's typing aids: auto-closed brackets,
 * auto-indent and suggestions that pop up unasked (a commit character could accept one).
 * VS Code's YAML support sets some of them for the language, which wins over plain user
 * settings: hence the same settings again under "[yaml]".
 */
const TYPING_AIDS_OFF = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
};
const SETTINGS = { ...TYPING_AIDS_OFF, '[yaml]': TYPING_AIDS_OFF };

interface Design {
  hosts?: Record<string, unknown>;
  components: Record<string, { runsOn?: string[]; replicas?: number; zones?: string[]; backup?: unknown }>;
}

const location = (f: CliFinding): string => `[Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}]`;
const asRow = (p: Pick<Problem, 'code' | 'severity' | 'location' | 'message'>): string =>
  `${p.location} ${p.severity} ${p.code}: ${p.message}`;
const expectedRows = (findings: readonly CliFinding[]): string[] =>
  findings.map((f) => asRow({ code: f.rule, severity: f.severity, location: location(f), message: f.message })).sort();
const keyOf = (text: string, key: string): Position => {
  const at = positionOf(text, `\n  ${key}:`);
  return { line: at.line + 1, column: 3 };
};

describe('a user session with infra-review in code-server', function () {
  const stepwise = stepwiseSession({ name: 'user-session', from: SAMPLES_DIR, settings: SETTINGS });
  const file = (): string => stepwise.file(SAMPLE);

  /** Waits until the Problems panel lists exactly the CLI's findings for the sample. */
  async function problemsMatchCli(expected: readonly CliFinding[]): Promise<Problem[]> {
    const { workbench } = stepwise.session;
    const want = countBySeverity(expected);
    await workbench.waitForProblemCounts(
      (c) => c.errors === want.errors && c.warnings === want.warnings && c.infos === want.infos,
      `the status bar to count ${JSON.stringify(want)}`,
      90_000,
    );
    const problems = (await workbench.problems()).filter((p) => p.file === SAMPLE);
    assert.deepStrictEqual(problems.map(asRow).sort(), expectedRows(expected), 'the Problems panel lists what the CLI finds');
    assert.ok(problems.every((p) => p.source === 'infra-review'), 'every problem comes from infra-review');
    return problems;
  }

  /** What the CLI finds in the saved sample, which must still be valid YAML in the format. */
  function checkValidSample(): CliFinding[] {
    const findings = checkFile(file());
    const broken = findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema');
    assert.deepStrictEqual(broken.map((f) => `${location(f)} ${f.message}`), [], 'the typed text is valid');
    return findings;
  }

  it('1. opening the one-server sample lists its findings in the Problems panel', async function () {
    const { workbench, steps } = stepwise.session;
    const expected = checkFile(file());
    assert.ok(expected.length > 0, 'the sample has findings');
    await steps.step('open the one-server sample', () => workbench.openFile(SAMPLE));
    const problems = await steps.step('problems panel lists the findings', () => problemsMatchCli(expected));
    assert.deepStrictEqual(
      [...new Set(problems.map((p) => p.code))].sort(),
      [...new Set(expected.map((f) => f.rule))].sort(),
      'the rule ids',
    );
    const spof = problems.find((p) => p.code === 'spof' && p.message.startsWith('Host server-1 is a single point of failure'));
    assert.ok(spof, `the host's SPOF is listed: ${JSON.stringify(problems)}`);
    assert.strictEqual(spof.severity, 'error');
  });

  it('2. hovering the host shows what goes down with it', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const text = workspace.read(SAMPLE);
    const design = parse(text) as Design;
    const onHost = Object.entries(design.components)
      .filter(([, c]) => c.runsOn?.includes('server-1'))
      .map(([id]) => id);
    assert.ok(onHost.length >= 2, `components run on server-1: ${onHost.join(', ')}`);
    const hover = await steps.step('hover the host server-1', () => workbench.hover(keyOf(text, 'server-1'), /If it fails:/));
    await workbench.dismiss();
    const ifItFails = /If it fails:([^\n]*)/.exec(hover)?.[1];
    assert.ok(ifItFails, `the hover says what happens if it fails: ${hover}`);
    for (const id of onHost) assert.match(ifItFails, new RegExp(`\\b${id}\\b`), `${id} goes down with server-1: ${ifItFails}`);
    assert.match(ifItFails, /go down/);
    assert.match(ifItFails, /the service is down/);
  });

  it('3. the quick fix adds a backup to db, and its no-backup finding disappears', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const before = workspace.read(SAMPLE);
    const findingsBefore = checkFile(file());
    assert.ok(findingsBefore.some((f) => f.rule === 'no-backup' && f.target.id === 'db'), 'db has no backup yet');
    const title = await steps.step('quick fix on db: add a backup', () =>
      // The title of no-backup's fix (server/src/analysis/rules/operations.ts).
      workbench.applyQuickFix(keyOf(before, 'db'), 'Add a daily offsite backup to db'),
    );
    assert.strictEqual(title, 'Add a daily offsite backup to db');
    await steps.step('save the file', () => workbench.save());

    const after = workspace.read(SAMPLE);
    assert.notStrictEqual(after, before, 'the file changed');
    assert.deepStrictEqual((parse(after) as Design).components.db?.backup, { schedule: 'daily', offsite: true });
    for (const line of before.split('\n')) assert.ok(after.includes(line), `the fix kept the line ${JSON.stringify(line)}`);

    const findingsAfter = checkFile(file());
    assert.ok(!findingsAfter.some((f) => f.rule === 'no-backup'), 'the CLI no longer finds no-backup');
    assert.strictEqual(findingsAfter.length, findingsBefore.length - 1, 'only that finding went away');
    const problems = await steps.step('no-backup is gone from the Problems panel', () => problemsMatchCli(findingsAfter));
    assert.ok(!problems.some((p) => p.code === 'no-backup'));
  });

  it('4. completion in runsOn offers the host ids', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const hosts = Object.keys((parse(workspace.read(SAMPLE)) as Design).hosts ?? {}).sort();
    const labels = await steps.step('complete runsOn of a new component', async () => {
      await workbench.goToEnd();
      await workbench.type(CACHE_LINE);
      return workbench.completionsHere();
    });
    assert.deepStrictEqual([...labels].sort(), hosts, 'exactly the host ids');
    await steps.step('accept the host and finish the line', async () => {
      await workbench.page.keyboard.press('Enter');
      await workbench.suggestWidget().waitFor({ state: 'hidden' });
      await workbench.type('] }');
      await workbench.save();
    });
    const component = (parse(workspace.read(SAMPLE)) as Design).components.cache;
    assert.deepStrictEqual(component?.runsOn, [hosts[0]], 'the accepted host is in runsOn');
    const findings = checkValidSample();
    await steps.step('problems of the new component', () => problemsMatchCli(findings));
  });

  it('5. the diagram preview shows every instance and marks the SPOFs', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const design = parse(workspace.read(SAMPLE)) as Design;
    const findings = checkFile(file());
    // The scene of the saved file: every component drawn (cache was added in step 4).
    const nodes = await steps.step('open the diagram preview', () =>
      openPreview(workbench, stepwise.preview, (drawn) => Object.keys(design.components).every((c) => drawn.some((n) => n.targetId === c)), `nodes for ${Object.keys(design.components).join(', ')}`),
    );
    for (const [id, component] of Object.entries(design.components)) {
      const count = component.runsOn?.length ?? component.replicas ?? 1;
      // Replicas on no modelled host, in one zone or none, are drawn once with a ×N badge.
      const once = !component.runsOn && count > 1 && (component.zones?.length ?? 0) <= 1;
      const drawn = nodes.filter((n) => n.targetKind === 'component' && n.targetId === id);
      assert.deepStrictEqual(
        drawn.map((n) => n.id).sort(),
        once ? [`workload:${id}`] : Array.from({ length: count }, (_, i) => `instance:${id}#${i}`),
        `the nodes of ${id}`,
      );
    }
    assert.ok(nodes.some((n) => n.id === 'host:server-1' && n.kind === 'host'), 'the host is drawn');

    const spofTargets = [...new Set(findings.filter((f) => f.rule === 'spof').map((f) => `${f.target.kind}:${f.target.id}`))].sort();
    const marked = (n: DiagramNode): boolean => n.spof && n.status === 'spof' && n.hasSpofBadge && n.classes.includes('ir-spof');
    assert.ok(spofTargets.includes('host:server-1'));
    assert.deepStrictEqual(
      [...new Set(nodes.filter(marked).map((n) => `${n.targetKind}:${n.targetId}`))].sort(),
      spofTargets,
      'the nodes marked SPOF (status, badge, class) are the CLI\'s SPOFs',
    );
    for (const target of spofTargets) {
      const unmarked = nodes.filter((n) => `${n.targetKind}:${n.targetId}` === target && !marked(n));
      assert.deepStrictEqual(unmarked.map((n) => n.id), [], `every node of ${target} is marked`);
    }
  });

  it('6. clicking a node moves the editor\'s cursor to its component', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const db = keyOf(workspace.read(SAMPLE), 'db');
    await workbench.goTo({ line: 1, column: 1 });
    const label = await steps.step('click the db instance', async () => {
      await stepwise.preview.node('instance:db#0').click();
      return waitFor(
        async () => {
          const text = await workbench.cursorLabel();
          return text.startsWith(`Ln ${db.line}, `) ? text : undefined;
        },
        { timeoutMs: 30_000, what: `the cursor on line ${db.line} (db)` },
      );
    });
    assert.match(label, new RegExp(`^Ln ${db.line}, Col \\d+`));
    const column = Number(/Col (\d+)/.exec(label)?.[1]);
    assert.ok(column >= db.column && column <= db.column + 'db'.length, `the cursor is on the key db: ${label}`);
    assert.match(label, /^Ln \d+, Col \d+( \(2 selected\))?$/, 'at most the key is selected');
  });

  it('7. typing a new component updates the preview', async function () {
    const { workbench, steps } = stepwise.session;
    const before = await stepwise.preview.version();
    assert.ok(before !== undefined);
    const version = await steps.step('type a new component: queue', async () => {
      await workbench.goToEnd();
      await workbench.page.keyboard.press('Enter');
      await workbench.type(QUEUE_LINE);
      await stepwise.preview.node('workload:queue').waitFor({ state: 'attached', timeout: 30_000 });
      return stepwise.preview.version();
    });
    assert.ok(version !== undefined && version > before, `data-version went from ${before} to ${version}`);
    // Two managed replicas on no modelled host: one node with a ×2 badge.
    assert.strictEqual(await stepwise.preview.node('workload:queue').getAttribute('data-replicas'), '2');
    assert.strictEqual(await stepwise.preview.node('workload:queue').locator('.ir-badge-replicas').textContent(), '×2');
    const ids = (await stepwise.preview.nodes()).map((n) => n.id);
    for (const id of ['workload:queue', 'instance:cache#0', 'instance:db#0', 'host:server-1']) {
      assert.ok(ids.includes(id), `${id} is drawn: ${ids.join(', ')}`);
    }
    assert.ok(await workbench.isDirty(), 'the preview followed the edit before it was saved');
    await workbench.save();
    const findings = checkValidSample();
    await steps.step('problems after the edit', () => problemsMatchCli(findings));
  });

  it('8. "Fail this" on the host greys out what depends on it', async function () {
    const { steps } = stepwise.session;
    const nodes = await steps.step('fail the host server-1', async () => {
      await stepwise.preview.clickContainer('host:server-1');
      await waitFor(async () => ((await stepwise.preview.button('ir-fail').isEnabled()) ? true : undefined), {
        timeoutMs: 30_000,
        what: '"Fail this" to be enabled for the selected host',
      });
      await stepwise.preview.button('ir-fail').click();
      await stepwise.preview.banner.waitFor({ state: 'visible', timeout: 30_000 });
      return waitFor(
        async () => {
          const drawn = await stepwise.preview.nodes();
          return drawn.some((n) => n.classes.includes('ir-down')) ? drawn : undefined;
        },
        { timeoutMs: 30_000, what: 'nodes marked down' },
      );
    });
    const host = nodes.find((n) => n.id === 'host:server-1');
    assert.ok(host?.classes.includes('ir-failed'), 'the host is marked failed');
    const onHost = nodes.filter((n) => n.kind === 'instance' && n.targetId !== 'queue');
    assert.deepStrictEqual(onHost.map((n) => n.targetId).sort(), ['app', 'cache', 'db', 'web']);
    for (const n of onHost) {
      assert.ok(n.classes.includes('ir-down'), `${n.id} is down`);
      assert.ok(n.opacity < 1, `${n.id} is greyed out (opacity ${n.opacity})`);
    }
    for (const n of nodes.filter((n) => n.targetId === 'queue')) {
      assert.ok(!n.classes.includes('ir-down') && n.opacity === 1, `${n.id} (not on server-1) stays up`);
    }
    const banner = (await stepwise.preview.banner.textContent()) ?? '';
    assert.match(banner, /^Service down: with host server-1 failed/);
    for (const id of ['web', 'app', 'db']) assert.match(banner, new RegExp(`\\b${id}\\b`));
  });

  it('9. "Export SVG" writes a valid SVG of the diagram into the workspace', async function () {
    const { workbench, steps, workspace } = stepwise.session;
    const shown = (await stepwise.preview.nodes()).map((n) => n.id).sort();
    const target = path.join(workspace.dir, EXPORTED);
    const proposed = await steps.step('export SVG: the save dialog', async () => {
      await stepwise.preview.button('ir-export-svg').click();
      return workbench.waitForSaveDialog(EXPORTED);
    });
    assert.strictEqual(proposed, target, 'the dialog proposes the SVG beside the design');
    const svg = await steps.step('accept the default name', async () => {
      await workbench.page.keyboard.press('Enter');
      await workbench.notification(/diagram exported to/).waitFor({ state: 'visible', timeout: 30_000 });
      return workspace.read(EXPORTED);
    });
    const parsed = await parseSvgInBrowser(workbench.page, svg);
    assert.strictEqual(parsed.error, null, 'the SVG parses as XML');
    assert.strictEqual(parsed.root, 'svg');
    assert.strictEqual(parsed.namespace, 'http://www.w3.org/2000/svg');
    assert.deepStrictEqual([...new Set(parsed.nodeIds)].sort(), shown, 'the SVG holds the nodes the preview shows');
  });

  it('10. search finds db by name; Focus shows its neighbourhood and what goes down with it', async function () {
    const { steps } = stepwise.session;
    const frame = stepwise.preview.frame;
    await steps.step('reset the what-if', async () => {
      if (await stepwise.preview.button('ir-reset').isEnabled()) await stepwise.preview.button('ir-reset').click();
      await stepwise.preview.banner.waitFor({ state: 'hidden', timeout: 30_000 });
    });
    await steps.step('type "db" in the search box', async () => {
      await frame.locator('#ir-search').click();
      await frame.locator('#ir-search').pressSequentially('db');
      await frame.locator('[data-node-id="instance:db#0"].ir-match-current.ir-selected').waitFor({ timeout: 30_000 });
    });
    assert.strictEqual(await frame.locator('#ir-search-count').textContent(), '1 of 1');
    const text = await steps.step('Focus on db', async () => {
      await frame.locator('#ir-focus').click();
      return waitFor(
        async () => {
          const t = (await frame.locator('#ir-focus-text').textContent()) ?? '';
          return /down with it\.$/.test(t) ? t : undefined;
        },
        { timeoutMs: 30_000, what: 'the focus bar with the blast radius from the server' },
      );
    });
    // db goes down with web and app (the server's what-if); the queue depends on nothing.
    assert.match(text, /^Focus on db: 0 it depends on, \d+ depending on it; 3 components go down with it\.$/);
    const nodes = await stepwise.preview.nodes();
    const byId = (id: string): DiagramNode | undefined => nodes.find((n) => n.id === id);
    for (const id of ['instance:web#0', 'instance:app#0']) {
      assert.ok(byId(id)?.classes.includes('ir-blast'), `${id} goes down with db`);
      assert.ok(!byId(id)?.classes.includes('ir-dimmed'), `${id} is in view`);
    }
    assert.ok(byId('workload:queue')?.classes.includes('ir-dimmed'), 'the queue is dimmed');
    assert.ok((byId('workload:queue')?.opacity ?? 1) < 0.5, 'and looks it');
    await steps.step('Show all', async () => {
      await frame.locator('#ir-unfocus').click();
      await frame.locator('#ir-focus-bar').waitFor({ state: 'hidden', timeout: 30_000 });
    });
    assert.ok(!(await stepwise.preview.nodes()).some((n) => n.classes.includes('ir-dimmed')), 'nothing is dimmed any more');
  });
});
