// The Problems panel of a session compared with what the project's CLI finds in the same file:
// the editor and the command line must agree, finding for finding, at the same place.
import * as assert from 'assert';
import { countBySeverity, type CliFinding } from './cli';
import type { Session } from './session';
import type { Problem } from './workbench';

const location = (f: CliFinding): string => `[Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}]`;
const asRow = (p: Pick<Problem, 'code' | 'severity' | 'location' | 'message'>): string => `${p.location} ${p.severity} ${p.code}: ${p.message}`;

/** Opens `name` in the workspace and waits until the Problems panel lists exactly `expected` (the CLI's findings) for it. */
export async function openAndExpectProblems(session: Session, name: string, expected: readonly CliFinding[]): Promise<void> {
  const { workbench, steps } = session;
  await steps.step(`open ${name}`, () => workbench.openFile(name));
  const want = countBySeverity(expected);
  await steps.step('the status bar counts the findings', () =>
    workbench.waitForProblemCounts(
      (c) => c.errors === want.errors && c.warnings === want.warnings && c.infos === want.infos,
      `the status bar to count ${JSON.stringify(want)}`,
      90_000,
    ),
  );
  const problems = (await steps.step('problems panel lists the findings', () => workbench.problems())).filter((p) => p.file === name);
  assert.deepStrictEqual(problems.map(asRow).sort(), expected.map((f) => asRow({ code: f.rule, severity: f.severity, location: location(f), message: f.message })).sort());
  assert.ok(problems.every((p) => p.source === 'infra-review'), 'every problem comes from infra-review');
}
