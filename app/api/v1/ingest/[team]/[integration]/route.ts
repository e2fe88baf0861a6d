import { getDb } from '@/lib/db/prisma';
import { withPublic } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { allowOnlyParams, checkPathParams, flagParam } from '@/lib/http/query-params';
import { SYNC_MODES, type SyncMode } from '@/lib/integrations/integration-limits';
import { readRawTextBody } from '@/lib/http/request-body';
import { ingestWebhook } from '@/lib/integrations/ingest-webhook';
import { requestIdFor } from '@/lib/observability/request-id';

// POST /api/v1/ingest/{team}/{integration} - webhook ingestion (JSON items, or an NDJSON / YAML file), authenticated by the integration's secret (signature or bearer)
export const POST = withPublic({}, async ({ request, params, url }) => {
  allowOnlyParams(url, ['mode', 'dry_run', 'force']);
  checkPathParams(params);
  const mode = url.searchParams.get('mode') ?? undefined;
  if (mode !== undefined && !(SYNC_MODES as readonly string[]).includes(mode))
    throw new AppError('bad_request', `mode must be one of ${SYNC_MODES.join(', ')}`);
  const query = { mode: mode as SyncMode | undefined, dry_run: flagParam(url, 'dry_run'), force: flagParam(url, 'force') };
  const text = await readRawTextBody(request);
  const { answer, headers } = await ingestWebhook(getDb(), {
    teamSlug: params.team,
    identifier: params.integration,
    headers: request.headers,
    rawBody: text,
    query,
    requestId: requestIdFor(request.headers.get('x-request-id')),
  });
  return { body: answer, headers };
});
