import { isBlueprintId } from '@/lib/blueprints/schemas';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { listTeamEvents } from '@/lib/events/list-events';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/events - the team's committed catalog changes after a cursor (a change feed)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['after', 'kind', 'blueprint', 'limit']);
  const p = url.searchParams;
  const { limit } = parsePageParams(url, { limit: 100, max: 1000 });
  const blueprint = p.get('blueprint');
  // A filter, not a path: a blueprint id that cannot exist is a bad query, not a missing resource.
  if (blueprint !== null && !isBlueprintId(blueprint)) throw new AppError('bad_request', `blueprint "${blueprint}" is not a blueprint id`);
  const kinds = p.get('kind')?.split(',').filter(Boolean);
  const feed = await listTeamEvents(getDb(), ctx, {
    after: p.get('after') || null,
    kinds: kinds?.length ? kinds : undefined,
    blueprintId: blueprint ?? undefined,
    limit,
  });
  return { body: feed };
});
