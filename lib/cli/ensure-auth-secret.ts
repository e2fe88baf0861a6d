import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '@/lib/env';

/**
 * Browser sessions are signed with AUTH_SECRET. When it is not set, one is generated on the first
 * start and kept in the data folder, so sessions survive restarts. Several instances behind a load
 * balancer must share one: set AUTH_SECRET for them.
 */
export function ensureAuthSecret(env: Env, log: (line: string) => void): string {
  if (env.authSecret) return env.authSecret;
  const file = path.join(env.dataDir, 'auth-secret');
  mkdirSync(env.dataDir, { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    log(`generated a session secret in ${file}${env.databaseUrl ? ' (set AUTH_SECRET when you run several instances)' : ''}`);
  }
  return readFileSync(file, 'utf8').trim();
}
