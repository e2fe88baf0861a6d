import { resolveRunTokenContext, runTokenFrom } from '@/lib/auth/resolve-run-token';
import type { TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { noteRequestCaller } from '@/lib/observability/request-context';
import { requestIdFor } from '@/lib/observability/request-id';
import { hitRateLimit, rateLimitHeaders } from '@/lib/rate-limit/hit-rate-limit';
import { toErrorResponse } from './error-response';
import { checkPathParams } from './query-params';
import { readJsonBody, type BodySchema } from './request-body';
import { withTeam, type Reply } from './route';

// The wrapper of the two routes a run token may call (PATCH .../runs/{run}, POST .../runs/{run}/logs):
// with `Authorization: Bearer bprun_...` the context acts for the run of the URL alone
// (lib/auth/resolve-run-token.ts); with any other credential it is withTeam, unchanged.

type Params = Record<string, string>;
type Input<B> = { request: Request; params: Params; url: URL; body: B };

export function withTeamOrRunToken<B = undefined>(
  options: { body?: BodySchema<B> },
  handler: (ctx: TeamContext, input: Input<B>) => Promise<Reply>,
) {
  const asTeam = withTeam(options, handler);
  return async (request: Request, args: { params: Promise<Params> }): Promise<Response> => {
    const token = runTokenFrom(request.headers);
    if (!token) return asTeam(request, args);
    const requestId = requestIdFor(request.headers.get('x-request-id'));
    let headers: Record<string, string> = {};
    try {
      const params = await args.params;
      checkPathParams(params);
      const ctx = await resolveRunTokenContext(getDb(), token, params.team, params.run, requestId);
      noteRequestCaller({ actorKind: 'run', team: ctx.team.slug });
      const limit = await hitRateLimit(getDb(), `api:run:${params.run}`, env().rateLimits.apiPerMinute);
      headers = rateLimitHeaders(limit);
      if (!limit.allowed) throw new AppError('rate_limited', `rate limit exceeded; retry in ${limit.resetSeconds} s`, undefined, headers);
      const body = options.body ? await readJsonBody(request, options.body) : (undefined as B);
      const reply = await handler(ctx, { request, params, url: new URL(request.url), body });
      if (reply instanceof Response) return reply;
      if (reply.status === 204) return new Response(null, { status: 204, headers: { ...headers, ...reply.headers } });
      return Response.json(reply.body, { status: reply.status ?? 200, headers: { ...headers, ...reply.headers } });
    } catch (error) {
      return toErrorResponse(error, requestId, headers);
    }
  };
}
