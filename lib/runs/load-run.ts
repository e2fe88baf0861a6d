import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { uuidParam } from '@/lib/http/pagination';
import { runSql } from '@/lib/db/run-sql';
import { idRow, lockRunSql } from './runs.sql';
import { RUN_SELECT, type RunRecord } from './run-view';

// A run through its team (another team's run id is a 404, as is any id that is not a UUID). A
// context acting for one run (a run token: lib/auth/resolve-run-token.ts) sees that run alone.

export async function findRunOrThrow(db: Db | Prisma.TransactionClient, ctx: TeamContext, runId: string): Promise<RunRecord> {
  const id = uuidParam(runId, `run "${runId}"`);
  const { actor } = ctx;
  if (actor.kind === 'system' && actor.on_behalf.type === 'run' && actor.on_behalf.id !== id) {
    throw new AppError('not_found', `run "${runId}" not found`);
  }
  const run = await db.actionRun.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id } }, select: RUN_SELECT });
  if (!run) throw new AppError('not_found', `run "${runId}" not found`);
  return run;
}

/** The same, locked FOR UPDATE for a transition (approval, cancel, report): one at a time per run. */
export async function lockRunOrThrow(tx: Prisma.TransactionClient, ctx: TeamContext, runId: string): Promise<RunRecord> {
  const id = uuidParam(runId, `run "${runId}"`);
  await runSql(tx, lockRunSql(ctx.team.id, id), idRow);
  return findRunOrThrow(tx, ctx, runId);
}
