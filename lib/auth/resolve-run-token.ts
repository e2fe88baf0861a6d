import { timingSafeEqual } from 'node:crypto';
import { systemContext } from '@/lib/authz/system-context';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { RUN_TOKEN_PATTERN, runTokenHash, runTokenOf } from '@/lib/runs/run-token';
import { isUuid } from '@/lib/domain/uuid';

// Run tokens (`Authorization: Bearer bprun_...`, API.md "Actions and runs"): the credential a
// webhook receiver gets to report on its run. It is not an actor of resolveActor (which refuses
// it, so it works on no other route); only PATCH .../runs/{run} and POST .../runs/{run}/logs
// resolve it here, against the run of their URL: the context acts for that run alone (the system
// on behalf of the run, permission action:execute), and the run services refuse any other run.

/** The run token of the Authorization header, or undefined when there is none. */
export function runTokenFrom(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match && RUN_TOKEN_PATTERN.test(match[1]) ? match[1] : undefined;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b);

/**
 * The context of a run token presented for run `runId` of team `slug`. Another run's id (or
 * another team's) is a 404, as for anything not found; the run's own token once the run has
 * finished is a 401 (run tokens last until the run ends).
 */
export async function resolveRunTokenContext(db: Db, token: string, slug: string, runId: string, requestId: string): Promise<TeamContext> {
  const notFound = new AppError('not_found', `run "${runId}" not found`);
  if (!isUuid(runId)) throw notFound;
  const id = runId.toLowerCase();
  // The token is derived from the run id: a token made for another run never matches this one.
  if (!sameBytes(runTokenHash(token), runTokenHash(runTokenOf(id)))) throw notFound;
  const team = await db.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  const run = team && (await db.actionRun.findUnique({ where: { teamId_id: { teamId: team.id, id } }, select: { tokenHash: true } }));
  if (!team || !run) throw notFound;
  if (!run.tokenHash || !sameBytes(run.tokenHash, runTokenHash(token))) {
    throw new AppError('unauthenticated', 'the run token is no longer valid (the run has finished)');
  }
  return systemContext(team, { on_behalf: { type: 'run', id }, permissions: ['action:execute'], requestId });
}
