import { randomBytes } from 'node:crypto';
import type { Env } from '@/lib/env';
import { ensureRuntimeSecret } from './ensure-runtime-secret';

/**
 * Browser sessions are signed with AUTH_SECRET. When it is not set, one is generated on the first
 * start and kept in the data folder, so sessions survive restarts. Several instances behind a load
 * balancer must share one: set AUTH_SECRET for them.
 */
export function ensureAuthSecret(env: Env, log: (line: string) => void): string {
  if (env.authSecret) return env.authSecret;
  const secret = ensureRuntimeSecret(env, 'auth-secret', () => randomBytes(32).toString('base64url'));
  if (secret.created) {
    log(`generated a session secret in ${secret.path}${env.databaseUrl ? ' (set AUTH_SECRET when you run several instances)' : ''}`);
  }
  return secret.value;
}
