import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams, dateParam } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { listRuns } from '@/lib/runs/get-runs';

// GET /api/v1/teams/{team}/runs - the team's runs, newest first (filters action, entity with blueprint, status, since; cursor)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['action', 'blueprint', 'entity', 'status', 'since', 'limit', 'cursor']);
  const p = url.searchParams;
  const page = parsePageParams(url, { limit: 50, max: 200 });
  const optional = (name: string) => p.get(name) ?? undefined;
  const query = { action: optional('action'), blueprint: optional('blueprint'), entity: optional('entity'), status: optional('status') };
  return { body: await listRuns(getDb(), ctx, { ...query, since: dateParam(url, 'since'), ...page }) };
});
