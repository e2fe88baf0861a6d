import { listLoginTokens } from '@/lib/auth/login-token-service';
import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';

// GET /api/v1/auth/tokens - the caller's unexpired login tokens, newest first (`current` marks the one in use)
export const GET = withUser({}, async (ctx) => ({ body: await listLoginTokens(getDb(), ctx) }));
