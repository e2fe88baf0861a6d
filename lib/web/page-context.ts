import { forbidden, notFound, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { UserActor } from '@/lib/auth/actor';
import { sessionUserId } from '@/lib/auth/next-auth';
import { actorFromSessionUser } from '@/lib/auth/resolve-actor';
import type { Permission } from '@/lib/authz/permissions';
import { resolveTeamContext, type TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { noteRequestCaller } from '@/lib/observability/request-context';
import { requestIdFor } from '@/lib/observability/request-id';

// The same request context as the API's, for server-rendered pages: a signed-in user (else the
// sign-in page), their membership of the URL's team (else 404) and the page's permission (else
// the 403 page). Cached per request, so a layout and its page resolve it once.

export const requireUser = cache(async (): Promise<UserActor> => {
  const actor = await actorFromSessionUser(getDb(), await sessionUserId());
  if (!actor || actor.kind !== 'user') redirect('/login');
  return actor;
});

export const loadTeamContext = cache(async (slug: string): Promise<TeamContext> => {
  const actor = await requireUser();
  const h = await headers();
  try {
    const requestId = requestIdFor(h.get('x-request-id'));
    const base = { requestId, actor, ip: clientIp(h), userAgent: h.get('user-agent') };
    const ctx = await resolveTeamContext(getDb(), base, slug);
    noteRequestCaller({ team: ctx.team.slug, actorKind: actor.kind });
    return ctx;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

/** The team context, or the 403 page when the caller lacks `permission`. */
export async function requireTeamPermission(slug: string, permission: Permission): Promise<TeamContext> {
  const ctx = await loadTeamContext(slug);
  if (!ctx.permissions.has(permission)) forbidden();
  return ctx;
}
