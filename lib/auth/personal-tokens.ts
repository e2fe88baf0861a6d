import type { RequestContext } from '@/lib/authz/team-context';
import { isPermission, type Permission } from '@/lib/authz/permissions';
import { lockTeamQuotaSql, quotaLockRow } from '@/lib/db/lock-team-quota.sql';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { logIdentityEvent } from './log-identity-event';
import { personOf } from './login-token-service';
import { PERSONAL_TOKENS_PER_PERSON, type CreatePersonalToken } from '@/lib/domain/personal-token-rules';
import { keyPrefix, newPersonalToken, sha256Hex } from './secrets';

// Personal access tokens (/api/v1/auth/personal-tokens): a person's bearer tokens for scripts,
// named, expiring, limited to some of their teams and to a permission list. The token acts as the
// person, and in each team never above the person's current role there (lib/authz/team-context.ts).
// Shown once; only its SHA-256 is kept. Revoking stamps revoked_at: the token fails on its next
// request, and the row stays in the list as revoked. Only the person, signed in or by a login
// token, manages them (personOf): an API key or a personal token gets 403.

export type PersonalTokenView = {
  id: string;
  name: string;
  prefix: string;
  teams: Array<{ id: string; slug: string; name: string }>;
  permissions: Permission[];
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked_at: string | null;
  status: 'active' | 'expired' | 'revoked';
};

const SELECT = {
  id: true,
  name: true,
  tokenPrefix: true,
  teamIds: true,
  permissions: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
} as const;

type Row = Prisma.PersonalAccessTokenGetPayload<{ select: typeof SELECT }>;

/** The newest first; at most this many (a person keeps at most 50 live ones). */
const LIST_LIMIT = 200;

function view(row: Row, teams: Map<string, { id: string; slug: string; name: string }>, now: Date): PersonalTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    // A team deleted since, or one the person has left, is no longer named (the token cannot reach it).
    teams: row.teamIds.flatMap((id) => teams.get(id) ?? []),
    permissions: Array.isArray(row.permissions) ? row.permissions.filter(isPermission) : [],
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    last_used_ip: row.lastUsedIp,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
  };
}

async function teamsOf(db: Db, userId: string) {
  const teams = await listUserTeams(db, userId, 1000);
  return { teams, byId: new Map(teams.map((t) => [t.id, { id: t.id, slug: t.slug, name: t.name }])) };
}

export async function listPersonalTokens(db: Db, ctx: RequestContext): Promise<{ personal_tokens: PersonalTokenView[] }> {
  const person = personOf(ctx);
  const [rows, { byId }] = await Promise.all([
    db.personalAccessToken.findMany({
      where: { userId: person.userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LIST_LIMIT,
      select: SELECT,
    }),
    teamsOf(db, person.userId),
  ]);
  const now = new Date();
  return { personal_tokens: rows.map((r) => view(r, byId, now)) };
}

/** Permissions the person holds in none of the chosen teams: a token asking for them is refused. */
function beyondRoles(permissions: Permission[], roles: Array<readonly Permission[]>): Permission[] {
  return permissions.filter((p) => !roles.some((held) => held.includes(p)));
}

export async function createPersonalToken(
  db: Db,
  ctx: RequestContext,
  input: CreatePersonalToken,
): Promise<{ personal_token: PersonalTokenView; token: string }> {
  const person = personOf(ctx);
  const teamIds = [...new Set(input.team_ids)];
  const memberships = await db.teamMembership.findMany({
    where: { userId: person.userId, teamId: { in: teamIds } },
    select: { teamId: true, role: { select: { permissions: true } } },
  });
  const mine = new Set(memberships.map((m) => m.teamId));
  const strangers = teamIds.filter((id) => !mine.has(id));
  if (strangers.length > 0) {
    throw new AppError(
      'validation_failed',
      'a personal token can reach only teams you belong to',
      strangers.map((id) => ({ path: `/team_ids/${input.team_ids.indexOf(id)}`, message: 'not one of your teams' })),
    );
  }
  const permissions = [...new Set(input.permissions)].sort();
  const roles = memberships.map((m) => (Array.isArray(m.role.permissions) ? m.role.permissions.filter(isPermission) : []));
  const beyond = beyondRoles(permissions, roles);
  if (beyond.length > 0) {
    throw new AppError(
      'validation_failed',
      'a personal token cannot have permissions your role lacks in every chosen team',
      beyond.map((p) => ({ path: '/permissions', message: `you do not have ${p} in any chosen team` })),
    );
  }
  const token = newPersonalToken();
  const now = new Date();
  const created = await db.$transaction(async (tx) => {
    // Serialises one person's creations, so two at once cannot both pass the count below (the
    // quota lock, keyed by the person here rather than a team).
    await runSql(tx, lockTeamQuotaSql(person.userId, 'personal_tokens'), quotaLockRow);
    const live = await tx.personalAccessToken.count({ where: { userId: person.userId, revokedAt: null, expiresAt: { gt: now } } });
    if (live >= PERSONAL_TOKENS_PER_PERSON) {
      throw new AppError('conflict', `at most ${PERSONAL_TOKENS_PER_PERSON} personal tokens may be active: revoke one first`, {
        reason: 'limit_reached',
      });
    }
    return tx.personalAccessToken.create({
      data: {
        userId: person.userId,
        name: input.name.trim(),
        tokenPrefix: keyPrefix(token),
        tokenHash: sha256Hex(token),
        teamIds,
        permissions,
        expiresAt: new Date(now.getTime() + input.expires_in_days * 86_400_000),
      },
      select: SELECT,
    });
  });
  logIdentityEvent(ctx, person, 'personal_token.created', { tokenId: created.id, prefix: created.tokenPrefix, teamIds, permissions });
  const { byId } = await teamsOf(db, person.userId);
  return { personal_token: view(created, byId, now), token };
}

/** 404 for another person's token or an unknown id; revoking twice is a no-op (204 both times). */
export async function revokePersonalToken(db: Db, ctx: RequestContext, tokenId: string): Promise<void> {
  const person = personOf(ctx);
  const found = await db.personalAccessToken.findFirst({ where: { id: tokenId, userId: person.userId }, select: { id: true } });
  if (!found) throw new AppError('not_found', 'personal token not found');
  const { count } = await db.personalAccessToken.updateMany({
    where: { id: tokenId, userId: person.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) logIdentityEvent(ctx, person, 'personal_token.revoked', { tokenId });
}
