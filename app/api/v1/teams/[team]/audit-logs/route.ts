import { listAuditLogs } from '@/lib/audit/list-audit-logs';
import { getDb } from '@/lib/db/prisma';
import { parsePageParams, uuidParam } from '@/lib/http/pagination';
import { allowOnlyParams, dateParam } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { AppError } from '@/lib/errors';

const FILTERS = ['entity_type', 'entity_id', 'action', 'actor_id', 'since', 'until'];

// GET /api/v1/teams/{team}/audit-logs - the team's change history, newest first, filterable
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, [...FILTERS, 'limit', 'cursor']);
  const p = url.searchParams;
  const actorId = p.get('actor_id');
  if (actorId !== null && !/^[0-9a-f-]{36}$/i.test(actorId))
    throw new AppError('bad_request', 'actor_id must be a user or API key id (UUID)');
  const filters = {
    entityType: p.get('entity_type') || undefined,
    entityId: p.get('entity_id') || undefined,
    action: p.get('action') || undefined,
    actorId: actorId ? uuidParam(actorId, 'actor') : undefined,
    since: dateParam(url, 'since'),
    until: dateParam(url, 'until'),
  };
  return { body: await listAuditLogs(getDb(), ctx, filters, parsePageParams(url)) };
});
