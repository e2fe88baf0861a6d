import { getDb } from '@/lib/db/prisma';
import { withPublic } from '@/lib/http/route';
import { allowOnlyParams, checkPathParams } from '@/lib/http/query-params';
import { readRawJsonBody } from '@/lib/http/request-body';
import { ingestWebhook } from '@/lib/integrations/ingest-webhook';
import { requestIdFor } from '@/lib/observability/request-id';

// POST /api/v1/ingest/{team}/{integration} - webhook ingestion, authenticated by the integration's secret (signature or bearer)
export const POST = withPublic({}, async ({ request, params, url }) => {
  allowOnlyParams(url, []);
  checkPathParams(params);
  const { text, value } = await readRawJsonBody(request);
  const { answer, headers } = await ingestWebhook(getDb(), {
    teamSlug: params.team,
    identifier: params.integration,
    headers: request.headers,
    rawBody: text,
    body: value,
    requestId: requestIdFor(request.headers.get('x-request-id')),
  });
  return { body: answer, headers };
});
