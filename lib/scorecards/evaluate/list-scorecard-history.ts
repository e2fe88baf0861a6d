import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { PageParams } from '@/lib/http/pagination';
import { isStorableDate } from '@/lib/http/query-params';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { findScorecardOrThrow } from '@/lib/scorecards/load-scorecard';

// GET .../scorecards/{sc}/history?entity=&limit&cursor: level changes, newest first, keyset on
// (at, id): idx_scorecard_level_changes_at, or idx_scorecard_level_changes_entity with `entity`.
// The history outlives the entity (a deleted entity's rows stay, by identifier).

export type LevelChange = { entity: string; from: string | null; to: string | null; at: string; cause: string };

function afterChange(cursor: string | null) {
  if (!cursor) return {};
  const [at, id] = decodeCursor(cursor, 2);
  const when = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || !/^\d{1,18}$/.test(id) || !isStorableDate(when)) {
    throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
  }
  return { OR: [{ at: { lt: when } }, { at: when, id: { lt: BigInt(id) } }] };
}

export async function listScorecardHistory(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  query: { entity: string | null } & PageParams,
): Promise<{ changes: LevelChange[]; next_cursor: string | null }> {
  requirePermission(ctx, 'scorecard:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const sc = await findScorecardOrThrow(db, ctx.team.id, blueprintId, identifier);
  const rows = await db.scorecardLevelChange.findMany({
    where: {
      teamId: ctx.team.id,
      scorecardId: sc.id,
      ...(query.entity !== null && { entityIdentifier: query.entity }),
      ...afterChange(query.cursor),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    changes: page.map((r) => ({ entity: r.entityIdentifier, from: r.fromLevel, to: r.toLevel, at: r.at.toISOString(), cause: r.cause })),
    next_cursor: more && last ? encodeCursor([last.at.toISOString(), last.id.toString()]) : null,
  };
}
