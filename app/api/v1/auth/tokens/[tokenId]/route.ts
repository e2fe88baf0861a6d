import { revokeLoginToken } from '@/lib/auth/login-token-service';
import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withUser } from '@/lib/http/route';

// DELETE /api/v1/auth/tokens/{token_id} - revoke one of the caller's login tokens (it fails at once)
export const DELETE = withUser({}, async (ctx, { params }) => {
  await revokeLoginToken(getDb(), ctx, uuidParam(params.tokenId, 'login token'));
  return { status: 204, body: null };
});
