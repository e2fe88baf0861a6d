import { revokeSession } from '@/lib/auth/session-service';
import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withUser } from '@/lib/http/route';

// DELETE /api/v1/auth/sessions/{session_id} - sign one of the caller's browser sessions out (at once)
export const DELETE = withUser({}, async (ctx, { params }) => {
  await revokeSession(getDb(), ctx, uuidParam(params.sessionId, 'session'));
  return { status: 204, body: null };
});
