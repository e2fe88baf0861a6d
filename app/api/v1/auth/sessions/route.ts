import { listSessions } from '@/lib/auth/session-service';
import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';

// GET /api/v1/auth/sessions - the caller's browser sessions, newest first (`current` marks this one)
export const GET = withUser({}, async (ctx) => ({ body: await listSessions(getDb(), ctx) }));
