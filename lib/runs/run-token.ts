import { createHash, createHmac } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// A run's token (API.md "Actions and runs"): sent in the webhook body so the external system can
// PATCH the run and POST to its log without a team API key. It is derived, not stored: HMAC of the
// run id under BASEPLATE_SECRET_KEY, so the runner can put it into every webhook request of the run
// (also after a restart) while the database keeps only its SHA-256 (token_hash), which the run
// token resolver (lib/auth/resolve-run-token.ts) looks up. Finishing a run clears token_hash.

export const RUN_TOKEN_PATTERN = /^bprun_[0-9a-f]{48}$/;

/** `bprun_` and 48 hex characters (192 bits), the same for the same run and key. */
export function runTokenOf(runId: string): string {
  const key = env().secretKey;
  if (!key) throw new AppError('internal', 'BASEPLATE_SECRET_KEY is not set: run tokens cannot be made');
  return `bprun_${createHmac('sha256', key).update(`run-token\u0000${runId}`).digest('hex').slice(0, 48)}`;
}

/** What action_runs.token_hash keeps. */
export function runTokenHash(token: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(token).digest());
}
