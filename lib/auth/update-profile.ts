import type { RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { USER_SELECT, toUserView, type UserView } from '@/lib/users/user-view';
import { logIdentityEvent } from './log-identity-event';
import { personOf } from './login-token-service';

// A person changes their own display name (PATCH /api/v1/auth/me). The email is the sign-in name
// and stays as registered.

export async function updateProfile(db: Db, ctx: RequestContext, input: { name: string }): Promise<{ user: UserView }> {
  const person = personOf(ctx);
  const name = input.name.trim();
  const user = await db.user.update({ where: { id: person.userId }, data: { name, updatedAt: new Date() }, select: USER_SELECT });
  logIdentityEvent(ctx, person, 'profile.updated', { fields: ['name'] });
  return { user: toUserView(user) };
}
