import { createPersonalToken, listPersonalTokens } from '@/lib/auth/personal-tokens';
import { createPersonalTokenBody } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';

// GET /api/v1/auth/personal-tokens - the caller's personal access tokens, newest first
export const GET = withUser({}, async (ctx) => ({ body: await listPersonalTokens(getDb(), ctx) }));

// POST /api/v1/auth/personal-tokens - make one; the token is in this answer only
export const POST = withUser({ body: createPersonalTokenBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createPersonalToken(getDb(), ctx, body),
}));
