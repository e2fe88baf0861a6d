import { randomBytes } from 'node:crypto';
import { decodeSecretKey } from '@/lib/crypto/secret-key';
import { EnvError, type Env } from '@/lib/env';
import { ensureRuntimeSecret } from './ensure-runtime-secret';

/**
 * Secrets at rest are sealed with BASEPLATE_SECRET_KEY (lib/crypto/secret-box.ts). When it is not
 * set, one is generated on the first start and kept in the data folder, as AUTH_SECRET is. Unlike a
 * session secret, losing it loses the sealed secrets (they must be entered again): the warning says
 * to keep it with the backups, and several instances on one database must share one value.
 */
export function ensureSecretKey(env: Env, log: (line: string) => void): string {
  if (env.secretKey) return env.secretKey;
  const key = ensureRuntimeSecret(env, 'secret-key', () => randomBytes(32).toString('base64'));
  if (!decodeSecretKey(key.value)) throw new EnvError(`${key.path} does not hold a 32-byte key: restore it, or set BASEPLATE_SECRET_KEY`);
  if (key.created) {
    log(
      `generated the key that encrypts stored secrets in ${key.path}: back it up with the database` +
        `${env.databaseUrl ? ', and set BASEPLATE_SECRET_KEY when you run several instances' : ''}`,
    );
  }
  return key.value;
}
