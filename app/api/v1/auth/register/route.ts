import { issueLoginToken } from '@/lib/auth/login-tokens';
import { registerUser } from '@/lib/auth/register-user';
import { registerBody } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/prisma';
import { withPublic } from '@/lib/http/route';
import { toUserView } from '@/lib/users/user-view';

// POST /api/v1/auth/register - create an account; answers with a login token for scripts
export const POST = withPublic({ body: registerBody }, async ({ body, ip, request }) => {
  const db = getDb();
  const user = await registerUser(db, body, ip);
  const token = await issueLoginToken(db, user.id, request.headers.get('user-agent'));
  return { status: 201, body: { user: toUserView(user), ...token } };
});
