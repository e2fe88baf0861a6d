import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '@/lib/env';

/**
 * A secret the operator may set, else generated on the first start and kept (mode 0600) in the data
 * folder, so that `npm start` works with no configuration and the value survives restarts. Returns
 * the value and whether this call created it.
 */
export function ensureRuntimeSecret(env: Env, file: string, generate: () => string): { value: string; created: boolean; path: string } {
  const full = path.join(env.dataDir, file);
  mkdirSync(env.dataDir, { recursive: true });
  const created = !existsSync(full);
  if (created) writeFileSync(full, generate(), { mode: 0o600 });
  return { value: readFileSync(full, 'utf8').trim(), created, path: full };
}
