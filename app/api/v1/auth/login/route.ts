import { authenticatePassword } from '@/lib/auth/authenticate-password';
import { issueLoginToken } from '@/lib/auth/login-tokens';
import { loginBody } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/prisma';
import { withPublic } from '@/lib/http/route';
import { toUserView } from '@/lib/users/user-view';

// POST /api/v1/auth/login - exchange email and password for a bearer login token
export const POST = withPublic({ body: loginBody }, async ({ body, ip, request }) => {
  const db = getDb();
  const user = await authenticatePassword(db, { email: body.email, password: body.password, ip });
  const token = await issueLoginToken(db, user.id, request.headers.get('user-agent'));
  return { body: { user: toUserView(user), ...token } };
});
