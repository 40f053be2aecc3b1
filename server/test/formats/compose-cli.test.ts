import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';

async function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('CLI on Compose files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-compose-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check finds Compose files in a folder walk and gives each file its format', async () => {
    fs.mkdirSync(path.join(dir, 'app'));
    fs.mkdirSync(path.join(dir, 'swarm'));
    fs.writeFileSync(path.join(dir, 'app', 'compose.yaml'), 'services:\n  web: { image: nginx, ports: ["80:80"] }\n');
    fs.writeFileSync(path.join(dir, 'swarm', 'docker-stack.yml'), 'services:\n  web: { image: nginx, ports: ["80:80"], deploy: { replicas: 2 } }\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'services: 3\n');
    fs.writeFileSync(path.join(dir, 'infra.yaml'), 'version: 1\nname: x\ncomponents:\n  web: { type: web-server, replicas: 2, tls: true }\n');
    const out = await run(['check', '--format', 'json'], dir);
    assert.equal(out.stderr, '');
    const report = JSON.parse(out.stdout) as { files: { path: string; format: string; spofs: { id: string }[] | null }[] };
    assert.deepEqual(report.files.map((f) => [f.path, f.format]), [['app/compose.yaml', 'compose'], ['infra.yaml', 'infra'], ['swarm/docker-stack.yml', 'compose']]);
    assert.deepEqual(report.files[0].spofs?.map((s) => s.id).sort(), ['docker-engine', 'web']);
    assert.deepEqual(report.files[2].spofs, [], 'two Swarm replicas on nodes of their own are no SPOF');
  });
});
