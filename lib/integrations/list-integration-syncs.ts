import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { PageParams } from '@/lib/http/pagination';
import { isStorableDate } from '@/lib/http/query-params';
import type { SyncCounts } from './integration-view';
import { findIntegrationOrThrow } from './load-integration';
import { isUuid } from '@/lib/domain/uuid';

// GET .../integrations/{integration}/syncs: the integration's syncs, newest first, keyset on
// (started_at, id) (idx_integration_syncs_list), found through the team and integration of the URL.

export type SyncView = {
  id: string;
  mode: string;
  dry_run: boolean;
  source: string;
  started_at: string;
  finished_at: string | null;
  counts: SyncCounts;
  failures: Array<{ index: number; identifier?: string; path?: string; message: string }>;
  error: string | null;
  actor: Record<string, unknown>;
};

function afterSync(cursor: string | null) {
  if (!cursor) return {};
  const [at, id] = decodeCursor(cursor, 2);
  const startedAt = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || !isStorableDate(startedAt) || !isUuid(id)) {
    throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
  }
  return { OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { lt: id } }] };
}

export async function listIntegrationSyncs(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  page: PageParams,
): Promise<{ syncs: SyncView[]; next_cursor: string | null }> {
  requirePermission(ctx, 'integration:read');
  const { row } = await findIntegrationOrThrow(db, ctx.team.id, identifier);
  const rows = await db.integrationSync.findMany({
    where: { teamId: ctx.team.id, integrationId: row.id, ...afterSync(page.cursor) },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
  });
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  const last = items.at(-1);
  return {
    syncs: items.map((s) => ({
      id: s.id,
      mode: s.mode,
      dry_run: s.dryRun,
      source: s.source,
      started_at: s.startedAt.toISOString(),
      finished_at: s.finishedAt?.toISOString() ?? null,
      counts: s.counts as SyncCounts,
      failures: s.failures as SyncView['failures'],
      error: s.error,
      actor: s.actor as Record<string, unknown>,
    })),
    next_cursor: more && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null,
  };
}
