import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { isPermission, type Permission } from './permissions';

// Membership and effective permissions of the caller in the team of the URL, resolved once per
// request. A non-member, or a key of another team, gets 404: the team's existence is not revealed.

export type RequestContext = {
  requestId: string;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
};

export type TeamContext = RequestContext & {
  team: TeamSummary;
  permissions: ReadonlySet<Permission>;
  /** The caller's role in the team (for a key: its creator's role, if still a member). */
  role: { id: string; name: string } | null;
};

const teamNotFound = (slug: string) => new AppError('not_found', `team "${slug}" not found`);

function asPermissions(value: unknown): Permission[] {
  return Array.isArray(value) ? value.filter(isPermission) : [];
}

export async function resolveTeamContext(db: Db, base: RequestContext, slug: string): Promise<TeamContext> {
  const { actor } = base;
  if (actor.kind === 'user') {
    const membership = await db.teamMembership.findFirst({
      where: { userId: actor.userId, team: { slug } },
      select: { team: { select: { id: true, slug: true, name: true } }, role: { select: { id: true, name: true, permissions: true } } },
    });
    if (!membership) throw teamNotFound(slug);
    const { role, team } = membership;
    return { ...base, team, role: { id: role.id, name: role.name }, permissions: new Set(asPermissions(role.permissions)) };
  }

  const team = await db.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!team || team.id !== actor.teamId) throw teamNotFound(slug);
  const creator = actor.creatorId
    ? await db.teamMembership.findUnique({
        where: { teamId_userId: { teamId: team.id, userId: actor.creatorId } },
        select: { role: { select: { id: true, name: true, permissions: true } } },
      })
    : null;
  // API.md: the key's own list intersected with its creator's current permissions; a key whose
  // creator left the team keeps only its own list, and never gains any.
  const capped = creator ? new Set(asPermissions(creator.role.permissions)) : null;
  const permissions = new Set(actor.keyPermissions.filter((p) => !capped || capped.has(p)));
  return { ...base, team, role: creator ? { id: creator.role.id, name: creator.role.name } : null, permissions };
}

export function can(ctx: TeamContext, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

export function requirePermission(ctx: TeamContext, permission: Permission): void {
  if (!can(ctx, permission)) throw new AppError('forbidden', `this needs the ${permission} permission`);
}
