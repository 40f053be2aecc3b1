// A code-server session whose tests are the steps of one story: one session for the whole
// describe block, later steps skipped once one fails (they would only fail for its reason),
// a screenshot named in the error of a failed step, and a check that closing the session
// ends everything code-server started.
import * as assert from 'assert';
import * as path from 'path';
import { installedExtension } from './extension';
import { DiagramPreview } from './preview';
import { groupMembers } from './processes';
import { openSession, type Session, type SessionOptions } from './session';

export interface StepwiseSession {
  readonly session: Session;
  /** The diagram preview in the session's page (open it with `openPreview`). */
  readonly preview: DiagramPreview;
  /** The path of a workspace file. */
  file(name: string): string;
}

/**
 * Registers the hooks in the calling describe block; `session` and `preview` are there once
 * its `before` has run. `previewTimeoutMs`: how long the preview may take to draw.
 */
export function stepwiseSession(options: SessionOptions & { previewTimeoutMs?: number }): StepwiseSession {
  const holder: { session?: Session; preview?: DiagramPreview } = {};
  let failedStep = false;

  before(async function () {
    assert.ok(
      installedExtension(),
      'the infra-review extension is not installed in e2e/.cache/extensions: `bash e2e/setup.sh` ' +
        'installs it from the .vsix that `npm run package` builds',
    );
    holder.session = await openSession(options);
  });

  beforeEach(function () {
    if (failedStep) this.skip();
  });

  // A failed assertion outside a step also gets its screenshot, named in the error.
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    failedStep = true;
    if (test.err && holder.session) await holder.session.steps.nameScreenshotIn(test.err, test.title);
  });

  after(async function () {
    const session = holder.session;
    if (!session) return;
    console.log(`\n${session.steps.summary()}`);
    const { pid } = session.server;
    await session.close();
    assert.deepStrictEqual(groupMembers(pid), [], 'closing the session ended code-server and everything it started');
  });

  const opened = (): Session => {
    assert.ok(holder.session, 'the session is opened in the before hook');
    return holder.session;
  };
  return {
    get session(): Session {
      return opened();
    },
    get preview(): DiagramPreview {
      return (holder.preview ??= new DiagramPreview(opened().browser.page, options.previewTimeoutMs));
    },
    file: (name) => path.join(opened().workspace.dir, name),
  };
}
