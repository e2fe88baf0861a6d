import type { Actor } from '@/lib/auth/actor';
import { sessionUserId } from '@/lib/auth/next-auth';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { resolveTeamContext, type RequestContext, type TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { noteRequestCaller } from '@/lib/observability/request-context';
import { requestIdFor } from '@/lib/observability/request-id';
import { hitRateLimit, rateLimitHeaders } from '@/lib/rate-limit/hit-rate-limit';
import { stampApiKeyUse } from '@/lib/api-keys/stamp-api-key-use';
import { stampCredentialUse } from '@/lib/auth/stamp-credential-use';
import { afterResponse } from './after-response';
import { checkSameOrigin } from './check-same-origin';
import { clientIp } from './client-ip';
import { toErrorResponse } from './error-response';
import { checkPathParams } from './query-params';
import { readJsonBody, type BodySchema } from './request-body';

// The one route wrapper: parse -> authenticate -> rate limit -> authorize -> handler -> respond.
// A handler returns data (sent as JSON, 200 unless it says otherwise) or a Response.

type Params = Record<string, string>;
type RouteArgs = { params: Promise<Params> };
export type Reply = Response | { status?: number; body: unknown; headers?: Record<string, string> };
type Input<B> = { request: Request; params: Params; url: URL; body: B };

type Options<B> = { body?: BodySchema<B> };

function toResponse(reply: Reply, headers: Record<string, string>): Response {
  if (reply instanceof Response) {
    for (const [k, v] of Object.entries(headers)) reply.headers.set(k, v);
    return reply;
  }
  if (reply.status === 204) return new Response(null, { status: 204, headers: { ...headers, ...reply.headers } });
  return Response.json(reply.body, { status: reply.status ?? 200, headers: { ...headers, ...reply.headers } });
}

function baseContext(request: Request, actor: Actor): RequestContext {
  return {
    requestId: requestIdFor(request.headers.get('x-request-id')),
    actor,
    ip: clientIp(request.headers),
    userAgent: request.headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}

async function authenticate(request: Request): Promise<{ ctx: RequestContext; limitHeaders: Record<string, string> }> {
  const db = getDb();
  const actor = await resolveActor(db, request.headers, sessionUserId);
  if (!actor) throw new AppError('unauthenticated', 'sign in, or send an API key or login token');
  noteRequestCaller({ actorKind: actor.kind });
  checkSameOrigin(request, actor);
  const key = actor.kind === 'api_key' ? `api:key:${actor.keyId}` : `api:user:${actor.userId}`;
  const limit = await hitRateLimit(db, key, env().rateLimits.apiPerMinute);
  const limitHeaders = rateLimitHeaders(limit);
  if (!limit.allowed) throw new AppError('rate_limited', `rate limit exceeded; retry in ${limit.resetSeconds} s`, undefined, limitHeaders);
  const ctx = baseContext(request, actor);
  // Last-used stamps after the response: they never slow the request.
  if (actor.kind === 'api_key') {
    const { teamId, keyId } = actor;
    afterResponse(() => stampApiKeyUse(db, teamId, keyId));
  } else afterResponse(() => stampCredentialUse(db, actor, ctx));
  return { ctx, limitHeaders };
}

/** A route anyone may call (register, login); the handler applies its own limits. */
export function withPublic<B = undefined>(options: Options<B>, handler: (input: Input<B> & { ip: string | null }) => Promise<Reply>) {
  return async (request: Request, { params }: RouteArgs): Promise<Response> => {
    const requestId = requestIdFor(request.headers.get('x-request-id'));
    try {
      const body = options.body ? await readJsonBody(request, options.body) : (undefined as B);
      const reply = await handler({ request, params: await params, url: new URL(request.url), body, ip: clientIp(request.headers) });
      return toResponse(reply, {});
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

/** A route for any signed-in caller, outside a team (the caller's teams, creating a team). */
export function withUser<B = undefined>(options: Options<B>, handler: (ctx: RequestContext, input: Input<B>) => Promise<Reply>) {
  return async (request: Request, { params }: RouteArgs): Promise<Response> => {
    let headers: Record<string, string> = {};
    let requestId = requestIdFor(request.headers.get('x-request-id'));
    try {
      const { ctx, limitHeaders } = await authenticate(request);
      headers = limitHeaders;
      requestId = ctx.requestId;
      const body = options.body ? await readJsonBody(request, options.body) : (undefined as B);
      return toResponse(await handler(ctx, { request, params: await params, url: new URL(request.url), body }), headers);
    } catch (error) {
      return toErrorResponse(error, requestId, headers);
    }
  };
}

/**
 * A route under /teams/{team}: the caller must be a member (or the team's key), else 404. What
 * they may do there is decided by the service the handler calls (requirePermission where each
 * service starts), never here, so a page or a job calling the same service gets the same answer.
 */
export function withTeam<B = undefined>(options: Options<B>, handler: (ctx: TeamContext, input: Input<B>) => Promise<Reply>) {
  return async (request: Request, { params }: RouteArgs): Promise<Response> => {
    let headers: Record<string, string> = {};
    let requestId = requestIdFor(request.headers.get('x-request-id'));
    try {
      const { ctx: base, limitHeaders } = await authenticate(request);
      headers = limitHeaders;
      requestId = base.requestId;
      const resolved = await params;
      checkPathParams(resolved); // a NUL in a slug or id names nothing: 404 before any SQL
      const ctx = await resolveTeamContext(getDb(), base, resolved.team);
      noteRequestCaller({ team: ctx.team.slug });
      const body = options.body ? await readJsonBody(request, options.body) : (undefined as B);
      return toResponse(await handler(ctx, { request, params: resolved, url: new URL(request.url), body }), headers);
    } catch (error) {
      return toErrorResponse(error, requestId, headers);
    }
  };
}
