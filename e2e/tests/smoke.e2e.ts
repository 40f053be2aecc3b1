// The packaged extension in a real VS Code: a broken design gets infra-review's diagnostics.
import * as assert from 'assert';
import { installedExtension } from '../lib/extension';
import { openSession, type Session } from '../lib/session';

/** One server runs everything, DNS points straight at it, nothing is encrypted or firewalled. */
const BROKEN_DESIGN = `version: 1
name: broken
domain: foobar.com
dns:
  - name: www
    type: A
    target: server-1
hosts:
  server-1:
    ip: 8.8.8.8
components:
  web:
    type: web-server
    software: nginx
    runsOn: [server-1]
    dependsOn: [db]
  db:
    type: database
    software: mysql
    runsOn: [server-1]
`;

describe('smoke: infra-review in code-server', function () {
  let session: Session | undefined;

  before(async function () {
    assert.ok(
      installedExtension(),
      'the infra-review extension is not installed in e2e/.cache/extensions: `bash e2e/setup.sh` ' +
        'installs it from the .vsix that `npm run package` builds',
    );
    session = await openSession({ name: 'smoke', files: { 'infra.yaml': BROKEN_DESIGN } });
  });

  after(async function () {
    await session?.close();
  });

  it('reports the broken design in the status bar and the Problems panel', async function () {
    const { workbench, steps } = session!;
    await steps.step('open infra.yaml', () => workbench.openFile('infra.yaml'));
    const counts = await steps.step('diagnostics arrive', () =>
      workbench.waitForProblemCounts((c) => c.errors > 0, 'errors from infra-review in the status bar', 90_000),
    );
    assert.ok(counts.errors > 0, counts.label);
    const problems = await steps.step('problems panel', () => workbench.problems());
    const ours = problems.filter((p) => p.source === 'infra-review' && p.file === 'infra.yaml');
    assert.ok(ours.length > 0, `no infra-review finding in ${JSON.stringify(problems)}`);
    assert.strictEqual(ours.length, counts.errors + counts.warnings + counts.infos, 'the panel lists what the status bar counts');
    const hostSpof = ours.find((p) => p.code === 'spof' && p.message.includes('server-1'));
    assert.ok(hostSpof, `the single server is reported as a SPOF: ${JSON.stringify(ours)}`);
    assert.strictEqual(hostSpof.severity, 'error');
  });
});
