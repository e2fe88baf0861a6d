import { revokeApiKey } from '@/lib/api-keys/api-key-service';
import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';

// DELETE /api/v1/teams/{team}/api-keys/{key_id} - revoke a key (its next request gets 401)
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await revokeApiKey(getDb(), ctx, uuidParam(params.keyId, 'API key'));
  return { status: 204, body: null };
});
