// Where teams run linters: the composite GitHub Action (action.yml), whose review step is
// run here with bash as the runner would, and the pre-commit hooks, whose `files` pattern
// must match exactly the names `check` reads.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { checkCommand } from '../src/cli/commands/check';
import { diffCommand } from '../src/cli/commands/diff';
import { detectFormat } from '../src/formats/detect';

const ROOT = path.resolve(__dirname, '../..');

interface Step {
  name: string;
  id?: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files?: string; exclude?: string; types?: string[]; language: string }[];

describe('GitHub Action (action.yml)', () => {
  let dir: string;
  let shims: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-action-'));
    shims = path.join(dir, '.bin');
    fs.mkdirSync(shims);
    fs.symlinkSync(path.join(ROOT, 'bin', 'infra-review'), path.join(shims, 'infra-review'));
    fs.cpSync(path.join(ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the review step as the runner does: its env from the inputs, bash, GITHUB_OUTPUT. */
  function review(inputs: Record<string, string>): { code: number | null; output: string; stdout: string } {
    const step = action.runs.steps.find((s) => s.id === 'review')!;
    const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default]));
    const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, v.replace(/^\$\{\{ inputs\.([a-z-]+) \}\}$/, (_, name: string) => values[name])]));
    const githubOutput = path.join(dir, 'github-output');
    fs.writeFileSync(githubOutput, '');
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1', GITHUB_OUTPUT: githubOutput, PATH: `${shims}${path.delimiter}${process.env.PATH}` } });
    return { code: r.status, output: fs.readFileSync(githubOutput, 'utf8'), stdout: r.stdout + r.stderr };
  }

  it('is a composite action whose scripts take inputs only through the environment', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) assert.doesNotMatch(step.run, /\$\{\{/, `${step.name} pastes an expression into its script`);
    for (const input of ['paths', 'fail-on', 'format', 'output', 'base']) assert.ok(action.inputs[input], input);
  });

  it('the options it passes exist in check and diff', () => {
    for (const command of [checkCommand, diffCommand]) {
      for (const option of ['format', 'fail-on', 'output']) assert.ok(command.options.some((o) => o.name === option), `${command.name} --${option}`);
    }
    assert.ok(diffCommand.options.some((o) => o.name === 'base'));
  });

  it('check with SARIF to a file: exit code 1 and the output, the file written', () => {
    const r = review({ paths: 'samples/1-one-server.infra.yaml samples/4-scaled.infra.yaml', format: 'sarif', output: 'infra-review.sarif' });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.output, 'exit-code=1\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'infra-review.sarif'), 'utf8')) as { version: string };
    assert.equal(sarif.version, '2.1.0');
  });

  it('passes when nothing reaches fail-on, and a path is never run as shell', () => {
    assert.equal(review({ paths: 'samples/4-scaled.infra.yaml', 'fail-on': 'error' }).output, 'exit-code=0\n');
    const hostile = review({ paths: '$(touch pwned) `touch pwned2`' });
    assert.equal(hostile.code, 2);
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')) && !fs.existsSync(path.join(dir, 'pwned2')));
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const names = [
    'infra.yaml', 'web.infra.yaml', 'a/b/infra.yaml', 'a/b/prod.infra.yaml', 'x.infra.yaml.bak', 'infra.yml', 'notinfra.yaml',
    'myinfra.yaml', '.infra.yaml', 'infra.yaml/readme.md', 'compose.yaml', 'ainfra.yaml', 'Infra.yaml', 'compose.yml',
    'docker-compose.yml', 'docker-compose.prod.yaml', 'docker-compose..yaml', 'web.compose.yaml', '.compose.yaml',
    'docker-stack.yml', 'Docker-Compose.YML', 'mycompose.yaml', 'compose.json', 'values.yaml', 'a/docker-stack.yaml',
  ];

  // pre-commit's Python regex says "(?i)"; JavaScript takes the flag apart.
  const regex = (p: string) => new RegExp(p.replace(/^\(\?i\)/, ''), p.startsWith('(?i)') ? 'i' : '');

  for (const hook of hooks.filter((h) => h.files !== undefined)) {
    it(`${hook.id}: runs check and matches exactly the files check reads`, () => {
      assert.match(hook.entry, /^infra-review check\b/);
      assert.equal(hook.language, 'node');
      const pattern = regex(hook.files!);
      for (const name of names) assert.equal(pattern.test(name), detectFormat(name) !== undefined, name);
    });
  }

  it('infra-review-manifests: takes the other YAML files, and check --detect reads the manifests among them', () => {
    const hook = hooks.find((h) => h.id === 'infra-review-manifests')!;
    assert.deepEqual(hook.types, ['yaml']);
    assert.match(hook.entry, /^infra-review check --detect$/);
    const excluded = regex(hook.exclude!);
    for (const name of [...names, 'kustomization.yaml', 'a/Kustomization.yml', 'deploy.yaml', 'k8s/app.yml']) {
      const yamlFile = /\.ya?ml$/i.test(name);
      const passed = yamlFile && !excluded.test(name);
      assert.equal(passed, yamlFile && detectFormat(name) === undefined && !/(^|\/)kustomization\.ya?ml$/i.test(name), name);
    }
  });
});
