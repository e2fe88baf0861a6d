import { forbidden, notFound, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { UserActor } from '@/lib/auth/actor';
import { sessionUserId } from '@/lib/auth/next-auth';
import { stampCredentialUse } from '@/lib/auth/stamp-credential-use';
import { afterResponse } from '@/lib/http/after-response';
import { actorFromSessionUser } from '@/lib/auth/resolve-actor';
import { requireEntryPoint } from '@/lib/authz/may-call';
import type { EntryPoint } from '@/lib/authz/service-permissions';
import { resolveTeamContext, type TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { noteRequestCaller } from '@/lib/observability/request-context';
import { requestIdFor } from '@/lib/observability/request-id';
import { pagePathOf, REQUEST_PATH_HEADER, signInHref } from './sign-in-href';

// The same request context as the API's, for server-rendered pages: a signed-in user (else the
// sign-in page, which brings them back to this page's URL afterwards) and their membership of the
// URL's team (else 404), cached per request so a layout and its page resolve it once. Pages decide no permission: they call the services, and a refusal
// becomes the 403 page (or, for an optional part, that part is left out).

export const requireUser = cache(async (): Promise<UserActor> => {
  const actor = await actorFromSessionUser(getDb(), await sessionUserId());
  const h = await headers();
  if (!actor || actor.kind !== 'user') redirect(signInHref(pagePathOf(h.get(REQUEST_PATH_HEADER))));
  afterResponse(() => stampCredentialUse(getDb(), actor, { ip: clientIp(h), userAgent: h.get('user-agent') }));
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

/** A service's answer for a page: refused -> the 403 page, not found -> the 404 page. */
export async function orRefusalPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') forbidden();
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

/** A service's answer for an optional part of a page: refused -> `fallback` (the part is left out). */
/**
 * A page's tab title read through a service (a scorecard's or an integration's own title), or
 * `fallback` when the service refuses or finds nothing: the page itself then says why.
 */
export async function titleFrom<T>(work: Promise<T>, pick: (value: T) => string, fallback: string): Promise<string> {
  try {
    return pick(await work);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found')) return fallback;
    throw error;
  }
}

export async function unlessRefused<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return fallback;
    throw error;
  }
}

/**
 * For a page whose data the browser loads through the API: the team context, or the 403 page
 * when the service entry point behind that API would refuse the caller.
 */
export async function requireEntryPointPage(slug: string, entry: EntryPoint): Promise<TeamContext> {
  const ctx = await loadTeamContext(slug);
  await orRefusalPage(Promise.resolve().then(() => requireEntryPoint(ctx, entry)));
  return ctx;
}
