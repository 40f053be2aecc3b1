// `npm start` off loopback: code-server asks for a password (generated and printed, or
// the user's PASSWORD), or start refuses with one line before it starts anything.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { codeServerAuth, isLoopback } from '../e2e/lib/exposure';

const ROOT = path.resolve(__dirname, '..');

describe('npm start: who can reach code-server', () => {
  it('knows loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopback(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1']) assert.ok(!isLoopback(host), host);
  });

  it('on loopback: no authentication, as before', () => {
    assert.deepEqual(codeServerAuth('127.0.0.1', {}), { kind: 'none' });
  });

  it('off loopback: a generated password, different each time, or the PASSWORD given', () => {
    const a = codeServerAuth('0.0.0.0', {});
    const b = codeServerAuth('0.0.0.0', {});
    assert.equal(a.kind, 'password');
    assert.ok(a.kind === 'password' && b.kind === 'password' && a.password !== b.password);
    assert.ok(a.kind === 'password' && /^[A-Za-z0-9_-]{24}$/.test(a.password));
    assert.deepEqual(codeServerAuth('192.168.1.10', { PASSWORD: 'correct horse battery' }), { kind: 'password', password: 'correct horse battery' });
  });

  it('refuses a short PASSWORD or an empty HOST with one line, before starting anything', () => {
    assert.throws(() => codeServerAuth('0.0.0.0', { PASSWORD: 'secret' }), /^Error: refusing to listen on 0\.0\.0\.0 with a PASSWORD of 6 characters/);
    // The real `npm start` entry: exit 1, one line, and no code-server (setup.sh never ran).
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'e2e', 'start.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOST: '0.0.0.0', PASSWORD: 'short', PORT: '1' },
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^refusing to listen on 0\.0\.0\.0 with a PASSWORD of 5 characters[^\n]*\n$/);
  });
});
