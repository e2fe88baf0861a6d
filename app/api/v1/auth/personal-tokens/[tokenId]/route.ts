import { revokePersonalToken } from '@/lib/auth/personal-tokens';
import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withUser } from '@/lib/http/route';

// DELETE /api/v1/auth/personal-tokens/{token_id} - revoke one of the caller's personal tokens (it fails on its next request)
export const DELETE = withUser({}, async (ctx, { params }) => {
  await revokePersonalToken(getDb(), ctx, uuidParam(params.tokenId, 'personal token'));
  return { status: 204, body: null };
});
