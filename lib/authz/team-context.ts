import type { Actor, ContextActor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { isPermission, type Permission } from './permissions';
import { teamRoleRow, teamWithRoleSql } from './team-context.sql';

// Membership and effective permissions of the caller in the team of the URL, resolved once per
// request. A non-member, or a key of another team, gets 404: the team's existence is not revealed.

export type RequestContext = {
  requestId: string;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
};

/**
 * What every team service takes first. Its actor is a request's (user or key, resolved below) or
 * the system's (systemContext), which no request can produce.
 */
export type TeamContext = Omit<RequestContext, 'actor'> & {
  actor: ContextActor;
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
  const userId = actor.kind === 'user' ? actor.userId : actor.creatorId;
  const [row] = await runSql(db, teamWithRoleSql(slug, userId), teamRoleRow);
  const team = row ? { id: row.id, slug: row.slug, name: row.name } : null;
  const role = row?.role_id ? { id: row.role_id, name: row.role_name! } : null;
  const rolePermissions = asPermissions(row?.role_permissions);

  if (actor.kind === 'user') {
    if (!team || !role) throw teamNotFound(slug);
    // A personal access token: only its teams (another is 404, as for a key of another team), and
    // its own permissions intersected with the person's current role, so it can only narrow.
    if (actor.limits) {
      const { teamIds, permissions } = actor.limits;
      if (!teamIds.includes(team.id)) throw teamNotFound(slug);
      return { ...base, team, role, permissions: new Set(rolePermissions.filter((p) => permissions.includes(p))) };
    }
    return { ...base, team, role, permissions: new Set(rolePermissions) };
  }
  if (!team || team.id !== actor.teamId) throw teamNotFound(slug);
  // API.md: the key's own list intersected with its creator's current permissions; a key whose
  // creator left the team keeps only its own list, and never gains any.
  const capped = role ? new Set(rolePermissions) : null;
  const permissions = new Set(actor.keyPermissions.filter((p) => !capped || capped.has(p)));
  return { ...base, team, role, permissions };
}

export function can(ctx: TeamContext, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

/**
 * The one permission check, called where each service entry point starts (CONVENTIONS.md habit
 * 3), so a page, a route, a job or an integration cannot decide differently. Unknown = denied.
 */
export function requirePermission(ctx: TeamContext, permission: Permission): void {
  if (!can(ctx, permission)) throw new AppError('forbidden', `this needs the ${permission} permission`);
}

/**
 * For entry points any member may call (the team, its members and roles): the context itself is
 * the proof, since resolveTeamContext refuses non-members (404) and systemContext names its team.
 * Called all the same, so every entry point states what it needs on its first line.
 */
export function requireMember(ctx: TeamContext): void {
  if (!ctx.team?.id) throw new AppError('not_found', 'team not found');
}
