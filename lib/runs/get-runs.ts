import { isBlueprintId } from '@/lib/blueprints/schemas';
import { RUN_STATUSES, type RunStatus } from '@/lib/actions/action-types';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { isStorableDate } from '@/lib/http/query-params';
import { findRunOrThrow } from './load-run';
import { RUN_SELECT, toRunView, type RunView } from './run-view';
import { listRunsSql, runKeyRow, type RunFilter } from './runs.sql';

// Reading runs: one (GET .../runs/{run}) and the team's list (GET .../runs), newest first, keyset
// on (created_at, id), filtered by action, entity (with its blueprint), status and since.

export type RunListQuery = {
  action?: string;
  blueprint?: string;
  entity?: string;
  status?: string;
  since?: Date;
  limit: number;
  cursor: string | null;
};

/** GET .../runs/{run}. */
export async function getRun(db: Db, ctx: TeamContext, runId: string): Promise<RunView> {
  requirePermission(ctx, 'action:read');
  return toRunView(await findRunOrThrow(db, ctx, runId));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function afterOf(cursor: string | null): RunFilter['after'] {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  const createdAt = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id) || !isStorableDate(createdAt)) {
    throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
  }
  return { createdAt, id };
}

async function filterOf(db: Db, ctx: TeamContext, query: RunListQuery): Promise<RunFilter> {
  const filter: RunFilter = { since: query.since, after: afterOf(query.cursor) };
  if (query.status !== undefined) {
    if (!(RUN_STATUSES as readonly string[]).includes(query.status)) {
      throw new AppError('bad_request', `status must be one of ${RUN_STATUSES.join(', ')}`, { reason: 'invalid_status' });
    }
    filter.status = query.status as RunStatus;
  }
  if (query.action !== undefined) {
    const action = await db.action.findUnique({
      where: { teamId_identifier: { teamId: ctx.team.id, identifier: query.action } },
      select: { id: true },
    });
    if (!action) throw new AppError('not_found', `action "${query.action}" not found`);
    filter.actionId = action.id;
  }
  if (query.blueprint !== undefined && query.entity === undefined) {
    if (!isBlueprintId(query.blueprint)) throw new AppError('bad_request', 'blueprint is not a blueprint id');
    filter.blueprintId = query.blueprint; // the runs of the blueprint's actions (idx_action_runs_blueprint)
  }
  if (query.entity !== undefined) {
    if (query.blueprint === undefined)
      throw new AppError('bad_request', 'entity needs blueprint (an identifier is unique within its blueprint)');
    const where = { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId: query.blueprint, identifier: query.entity } };
    const entity = await db.entity.findUnique({ where, select: { id: true } });
    if (!entity) throw new AppError('not_found', `entity "${query.entity}" not found in blueprint "${query.blueprint}"`);
    filter.entityId = entity.id;
  }
  return filter;
}

/** GET .../runs. */
export async function listRuns(db: Db, ctx: TeamContext, query: RunListQuery): Promise<{ runs: RunView[]; next_cursor: string | null }> {
  requirePermission(ctx, 'action:read');
  const keys = await runSql(db, listRunsSql(ctx.team.id, await filterOf(db, ctx, query), query.limit), runKeyRow);
  const page = keys.slice(0, query.limit);
  const rows = await db.actionRun.findMany({ where: { teamId: ctx.team.id, id: { in: page.map((k) => k.id) } }, select: RUN_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const last = page.at(-1);
  return {
    runs: page.flatMap((k) => (byId.has(k.id) ? [toRunView(byId.get(k.id)!)] : [])),
    next_cursor: keys.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
