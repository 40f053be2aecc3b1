// The harness itself, with only VS Code's built-in extensions: code-server comes up, the
// workbench renders, the helpers read what a user sees, and teardown ends every process.
import * as assert from 'assert';
import { openSession, type Session } from '../lib/session';
import { groupMembers, isAlive } from '../lib/processes';
import { positionOf } from '../lib/workbench';

const BROKEN_JSON = '{\n  "name": "demo",\n  "version": \n}\n';
// A local schema: hover and completion come from VS Code's JSON support, offline.
const SCHEMA_JSON = JSON.stringify({
  type: 'object',
  properties: {
    mode: { description: 'How the instances share the load.', enum: ['active-active', 'active-passive'] },
  },
});
const DATA_JSON = '{\n  "$schema": "./schema.json",\n  "mode": ""\n}\n';

describe('e2e harness (code-server + Chromium, built-in extensions only)', function () {
  let session: Session | undefined;
  const pids: number[] = [];

  before(async function () {
    session = await openSession({
      name: 'harness',
      files: { 'broken.json': BROKEN_JSON, 'schema.json': SCHEMA_JSON, 'data.json': DATA_JSON },
    });
    pids.push(session.server.pid);
  });

  after(async function () {
    await session?.close();
  });

  it('shows the workbench with the workspace and no welcome page or trust dialog', async function () {
    const { page } = session!.browser;
    await session!.steps.step('clean first screen', async () => {
      assert.strictEqual(await page.locator('.monaco-workbench').count(), 1);
      assert.strictEqual(await page.locator('.tab').count(), 0, 'no editor (welcome page) is open');
      assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, 'no dialog (workspace trust)');
      assert.match((await page.title()) ?? '', /workspace/);
    });
  });

  it('opens a file with Quick Open and reports its problems in the status bar and the Problems panel', async function () {
    const { workbench, steps } = session!;
    await steps.step('open broken.json', () => workbench.openFile('broken.json'));
    const counts = await steps.step('status bar counts the error', () =>
      workbench.waitForProblemCounts((c) => c.errors > 0, 'an error in the status bar'),
    );
    assert.strictEqual(counts.errors, 1, counts.label);
    const problems = await steps.step('problems panel', () => workbench.problems());
    assert.deepStrictEqual(
      problems.map((p) => [p.severity, p.message, p.source, p.file]),
      [['error', 'Value expected', 'json', 'broken.json']],
    );
  });

  it('reads hovers and completions in the editor', async function () {
    const { workbench, steps } = session!;
    await steps.step('open data.json', () => workbench.openFile('data.json'));
    const hover = await steps.step('hover "mode"', () => workbench.hover(positionOf(DATA_JSON, 'mode')));
    assert.match(hover, /How the instances share the load/);
    await workbench.dismiss();
    const value = positionOf(DATA_JSON, '""');
    const labels = await steps.step('complete the value of "mode"', () =>
      workbench.completions({ line: value.line, column: value.column + 1 }),
    );
    assert.deepStrictEqual(labels.sort(), ['"active-active"', '"active-passive"'].sort());
    await workbench.dismiss();
  });

  it('ends code-server, its watcher and extension host on close', async function () {
    const { server } = session!;
    await session!.close();
    session = undefined;
    assert.strictEqual(isAlive(server.pid), false);
    assert.deepStrictEqual(groupMembers(pids[0]!), [], 'nothing is left in its process group');
  });
});
