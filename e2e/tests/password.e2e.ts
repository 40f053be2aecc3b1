// `npm start` off loopback asks for a password: code-server started as start.ts starts it
// there (`--auth password`, the password in its environment) turns a visitor without the
// password to the login page, and lets one with it in. Run on 127.0.0.1 so that the test
// itself opens nothing to the network.
import * as assert from 'assert';
import * as http from 'http';
import { startCodeServer, type CodeServer } from '../lib/code-server';
import { codeServerAuth } from '../lib/exposure';
import { createWorkspace } from '../lib/workspace';

function request(port: number, path: string, options: { method?: string; body?: string; cookie?: string } = {}): Promise<{ status: number; location?: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: {
          ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(options.body) } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, cookie: res.headers['set-cookie']?.map((c) => c.split(';')[0]).join('; ') });
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

describe('npm start off loopback: code-server asks for the password', function () {
  let server: CodeServer | undefined;
  let password = '';
  let workspace: ReturnType<typeof createWorkspace> | undefined;

  before(async function () {
    const auth = codeServerAuth('0.0.0.0', {});
    assert.strictEqual(auth.kind, 'password');
    password = auth.kind === 'password' ? auth.password : '';
    workspace = createWorkspace({ files: { 'infra.yaml': 'version: 1\nname: x\n' } });
    server = await startCodeServer({ workspace: workspace.dir, host: '127.0.0.1', password, startTimeoutMs: 120_000 });
  });

  after(async function () {
    await server?.stop();
    await workspace?.remove();
  });

  it('sends a visitor without the password to the login page', async function () {
    const res = await request(server!.port, '/');
    assert.strictEqual(res.status, 302);
    assert.match(res.location ?? '', /login/);
  });

  it('refuses a wrong password and accepts the generated one', async function () {
    const wrong = await request(server!.port, '/login', { method: 'POST', body: `password=${encodeURIComponent(`${password}x`)}` });
    assert.notStrictEqual(wrong.status, 302, 'no redirect into the workbench');
    const right = await request(server!.port, '/login', { method: 'POST', body: `password=${encodeURIComponent(password)}` });
    assert.strictEqual(right.status, 302);
    assert.ok(right.cookie, 'a session cookie');
    // In: the workbench, or code-server's redirect to the workspace folder; not the login page.
    const inside = await request(server!.port, '/', { cookie: right.cookie });
    assert.ok(inside.status === 200 || (inside.status === 302 && !/login/.test(inside.location ?? '')), `${inside.status} ${inside.location}`);
    const again = await request(server!.port, '/', {});
    assert.match(again.location ?? '', /login/, 'without the cookie, still the login page');
  });
});
