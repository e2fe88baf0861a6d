import { createApiKey, listApiKeys } from '@/lib/api-keys/api-key-service';
import { createApiKeyBody } from '@/lib/api-keys/schemas';
import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/api-keys - the team's keys (never the keys themselves)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listApiKeys(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/api-keys - create a key; the key itself is in this answer only
export const POST = withTeam({ body: createApiKeyBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createApiKey(getDb(), ctx, body),
}));
