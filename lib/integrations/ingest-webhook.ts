import { createHash, timingSafeEqual } from 'node:crypto';
import { limitBearerFailure } from '@/lib/auth/limit-bearer-failure';
import type { Db } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { verifyWebhookSignature } from '@/lib/net/sign-webhook';
import { hitRateLimit, rateLimitHeaders } from '@/lib/rate-limit/hit-rate-limit';
import { importFormatOf, parseImportFile } from '@/lib/import/parse-import-file';
import { parseRawJson } from '@/lib/http/request-body';
import { INTEGRATION_IDENTIFIER, INTEGRATION_LIMITS, SYNC_MODES, type SyncMode } from './integration-limits';
import { findIntegrationOrThrow, openIntegrationSecret } from './load-integration';
import { runIntegrationSync, type SyncAnswer, type SyncRequest } from './sync-integration';

// POST /api/v1/ingest/{team}/{integration}: a webhook call, with no user and no key. It is
// authenticated by the integration's secret, either as a signature over the exact body
// (X-Baseplate-Timestamp + X-Baseplate-Signature, as Baseplate signs its own webhooks:
// lib/net/sign-webhook.ts, constant-time, at most 5 minutes old) or as `Authorization: Bearer
// <secret>` (compared in constant time). Failures are counted per client address like bad API
// keys (429 past the limit); each integration has the API's per-minute rate limit. An unknown team
// or integration is a 404, counted as a failure too (no free probing). The body is JSON: an array
// of items, {"items": [...], "mode"?, "dry_run"?, "force"?}, or one object (one item); or, by its
// Content-Type, NDJSON or YAML (a Backstage catalog-info.yaml pushed by CI), whose items are read
// as an import reads them (lib/import/parse-import-file.ts), with mode, dry_run and force in the
// query. Only an authenticated body is parsed.

const notFound = () => new AppError('not_found', 'integration not found');

function sameSecret(given: string, secret: string): boolean {
  // Hashes first: equal lengths for timingSafeEqual, and no early exit on length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** The body as a sync request (see above). */
export function syncRequestOf(value: unknown): SyncRequest {
  if (Array.isArray(value)) return { items: value };
  if (value !== null && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    const { items, mode, dry_run, force, ...rest } = value as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length) throw new AppError('bad_request', `unknown field "${unknown[0].slice(0, 60)}" next to "items"`);
    if (mode !== undefined && !(SYNC_MODES as readonly unknown[]).includes(mode))
      throw new AppError('bad_request', `mode must be one of ${SYNC_MODES.join(', ')}`);
    if (dry_run !== undefined && typeof dry_run !== 'boolean') throw new AppError('bad_request', 'dry_run must be a boolean');
    if (force !== undefined && typeof force !== 'boolean') throw new AppError('bad_request', 'force must be a boolean');
    return { items: items as unknown[], mode: mode as SyncMode | undefined, dry_run, force };
  }
  if (value !== null && typeof value === 'object') return { items: [value] };
  throw new AppError('bad_request', 'the body must be an array of items, {"items": [...]}, or one item (an object)');
}

export type SyncOptions = Omit<SyncRequest, 'items'>;

/** A webhook body as a sync request: JSON as syncRequestOf reads it, NDJSON and YAML as files. */
export function syncRequestOfBody(text: string, contentType: string | null, query: SyncOptions): SyncRequest {
  const format = contentType ? importFormatOf(contentType) : 'json';
  if (format === 'csv')
    throw new AppError('bad_request', 'a CSV file is imported with POST /api/v1/teams/{team}/import?blueprint=', {
      reason: 'unsupported_media_type',
    });
  if (format === 'json') {
    const fromBody = syncRequestOf(parseRawJson(text).value);
    return { ...query, ...Object.fromEntries(Object.entries(fromBody).filter(([, v]) => v !== undefined)) } as SyncRequest;
  }
  return { ...query, items: parseImportFile(text, contentType, { maxItems: INTEGRATION_LIMITS.maxItems }) };
}

export async function ingestWebhook(
  db: Db,
  call: { teamSlug: string; identifier: string; headers: Headers; rawBody: string; query: SyncOptions; requestId: string },
): Promise<{ answer: SyncAnswer; headers: Record<string, string> }> {
  const refuse = async (error: AppError): Promise<never> => {
    await limitBearerFailure(db, call.headers); // 429 instead, past the limit
    throw error;
  };
  if (!INTEGRATION_IDENTIFIER.test(call.identifier) || call.teamSlug.length > 50) return refuse(notFound());
  const team = await db.team.findUnique({ where: { slug: call.teamSlug }, select: { id: true, slug: true, name: true } });
  if (!team) return refuse(notFound());
  const integration = await findIntegrationOrThrow(db, team.id, call.identifier).catch(() => null);
  if (!integration) return refuse(notFound());

  const secret = openIntegrationSecret(integration.row);
  const bearer = /^Bearer\s+(\S+)$/i.exec(call.headers.get('authorization') ?? '')?.[1];
  const check = bearer ? null : verifyWebhookSignature(secret, call.headers, call.rawBody);
  if (bearer ? !sameSecret(bearer, secret) : !check?.valid) {
    const why = check && !check.valid ? ` (${check.reason})` : '';
    return refuse(new AppError('unauthenticated', `the signature or bearer secret does not match this integration${why}`));
  }
  const limit = await hitRateLimit(db, `ingest:${integration.row.id}`, env().rateLimits.apiPerMinute);
  const headers = rateLimitHeaders(limit);
  if (!limit.allowed) throw new AppError('rate_limited', `rate limit exceeded; retry in ${limit.resetSeconds} s`, undefined, headers);
  const answer = await runIntegrationSync(
    db,
    team,
    integration,
    syncRequestOfBody(call.rawBody, call.headers.get('content-type'), call.query),
    {
      actor: { type: 'webhook' },
      source: 'webhook',
      requestId: call.requestId,
    },
  );
  return { answer, headers };
}
