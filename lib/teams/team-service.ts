import { actorIdOf } from '@/lib/auth/actor';
import { requireMember, requirePermission, type RequestContext, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/observability/logger';
import { insertTeamWithDefaultRoles } from './create-team';
import { listUserTeams } from './list-user-teams';

// Teams: create (creator becomes admin, default roles made), list the caller's, rename, delete.

export type TeamView = { id: string; slug: string; name: string; created_at: string; role: string | null; permissions?: string[] };

function view(
  team: { id: string; slug: string; name: string; createdAt: Date },
  role: string | null,
  permissions?: Iterable<string>,
): TeamView {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    created_at: team.createdAt.toISOString(),
    role,
    ...(permissions && { permissions: [...permissions] }),
  };
}

/** No team permission to check: any signed-in person may create a team (a key may not, below). */
export async function createTeam(db: Db, ctx: RequestContext, input: { name: string; slug: string }): Promise<TeamView> {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'API keys belong to one team and cannot create teams');
  if (ctx.actor.limits) throw new AppError('forbidden', 'a personal access token reaches only its own teams and cannot create one');
  const userId = ctx.actor.userId;
  const team = await db.$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError('conflict', `the slug "${input.slug}" is taken`, { reason: 'already_exists' });
    }
    const created = await insertTeamWithDefaultRoles(tx, { name: input.name.trim(), slug: input.slug, ownerId: userId });
    const teamCtx: TeamContext = { ...ctx, team: created, permissions: new Set(), role: null };
    await writeAudit(tx, teamCtx, {
      action: 'team.created',
      entityType: 'team',
      entityId: created.id,
      newData: { name: created.name, slug: created.slug },
    });
    return created;
  });
  return view(team, 'admin');
}

/** The caller's teams (a key: its own team), by name, bounded. No check: it reads only the caller's own. */
export async function listMyTeams(db: Db, ctx: RequestContext, limit = 200): Promise<TeamView[]> {
  if (ctx.actor.kind === 'api_key') {
    const team = await db.team.findUnique({ where: { id: ctx.actor.teamId } });
    return team ? [view(team, null)] : [];
  }
  const teams = await listUserTeams(db, ctx.actor.userId, limit);
  const limits = ctx.actor.limits; // a personal access token sees only the teams it reaches
  return teams.filter((t) => !limits || limits.teamIds.includes(t.id)).map((t) => view(t, t.role));
}

export async function getTeam(db: Db, ctx: TeamContext): Promise<TeamView> {
  requireMember(ctx);
  const team = await db.team.findUniqueOrThrow({ where: { id: ctx.team.id } });
  return view(team, ctx.role?.name ?? null, [...ctx.permissions].sort());
}

export async function updateTeam(db: Db, ctx: TeamContext, input: { name?: string; slug?: string }): Promise<TeamView> {
  requirePermission(ctx, 'team:manage');
  const team = await db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: ctx.team.id } });
    if (input.slug && input.slug !== before.slug && (await tx.team.findUnique({ where: { slug: input.slug }, select: { id: true } }))) {
      throw new AppError('conflict', `the slug "${input.slug}" is taken`, { reason: 'already_exists' });
    }
    const after = await tx.team.update({
      where: { id: ctx.team.id },
      data: {
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.slug !== undefined && { slug: input.slug }),
        updatedAt: new Date(),
      },
    });
    await writeAudit(tx, ctx, {
      action: 'team.updated',
      entityType: 'team',
      entityId: ctx.team.id,
      oldData: { name: before.name, slug: before.slug },
      newData: { name: after.name, slug: after.slug },
    });
    return after;
  });
  return view(team, ctx.role?.name ?? null);
}

/**
 * Deletes the team and, by the schema's cascades, everything it owns, its audit log included
 * (there is no team left to hold the record; the server log keeps the request).
 */
export async function deleteTeam(db: Db, ctx: TeamContext): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.team.delete({ where: { id: ctx.team.id } });
  const actorId = actorIdOf(ctx.actor);
  const { slug, id } = ctx.team;
  log().info({ reqId: ctx.requestId, team: slug, teamId: id, actor: ctx.actor.kind, actorId }, 'team deleted');
}
