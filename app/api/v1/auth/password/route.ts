import { changePassword } from '@/lib/auth/change-password';
import { changePasswordBody } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';

// POST /api/v1/auth/password - change the caller's password; ends their other sessions and login tokens
export const POST = withUser({ body: changePasswordBody }, async (ctx, { body }) => ({ body: await changePassword(getDb(), ctx, body) }));
