// Who can reach `npm start`'s code-server. It gives a terminal on this machine to whoever
// opens it, so `--auth none` is only for a loopback address; on any other address it asks
// for a password, generated here and printed once, or it does not start.

import { randomBytes } from 'crypto';
import { isIP } from 'net';

export type CodeServerAuth = { kind: 'none' } | { kind: 'password'; password: string };

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (isIP(bare) === 4) return bare.split('.')[0] === '127';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  return mapped !== null && mapped[1].split('.')[0] === '127';
}

/**
 * The authentication for code-server on `host`. Off loopback: a password, the one in
 * `PASSWORD` when the user chose one (12 characters at least), else 24 random characters.
 * Throws with a one-line reason when it cannot be safe.
 */
export function codeServerAuth(host: string, env: Readonly<Record<string, string | undefined>>): CodeServerAuth {
  if (host.trim() === '') throw new Error('HOST is empty: leave it unset for 127.0.0.1, or give the address to listen on');
  if (isLoopback(host)) return { kind: 'none' };
  const chosen = env.PASSWORD;
  if (chosen !== undefined && chosen !== '') {
    if (chosen.length < 12) throw new Error(`refusing to listen on ${host} with a PASSWORD of ${chosen.length} characters: use 12 or more, or leave PASSWORD unset for a generated one`);
    return { kind: 'password', password: chosen };
  }
  return { kind: 'password', password: randomBytes(18).toString('base64url') };
}
