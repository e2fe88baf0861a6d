import { describe, expect, it } from 'vitest';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { defaultRolePermissions } from '@/lib/authz/service-permissions';
import { AppError } from '@/lib/errors';
import { testDb } from '@/lib/test/database-per-file';
import {
  addMembership,
  createApiKeyRow,
  createTeam,
  createUser,
  expectAppError,
  requestContextFor,
  roleIdOf,
  userActorOf,
} from '@/lib/test/fixtures';
import { createTeam as createTeamService, listMyTeams } from '@/lib/teams/team-service';
import type { UserActor } from './actor';
import { createPersonalToken, listPersonalTokens, revokePersonalToken } from './personal-tokens';
import { resolveActor } from './resolve-actor';
import { listSessions } from './session-service';

// Personal access tokens: a person's bearer token acting as them, only in its teams, never above
// their CURRENT role there, ending at once when revoked, expired, or when the person is suspended.

const db = () => testDb();
const noSession = async () => null;
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function asToken(token: string): Promise<UserActor> {
  const actor = await resolveActor(db(), bearer(token), noSession);
  if (!actor || actor.kind !== 'user') throw new Error('expected a person');
  return actor;
}

/** A person who is an admin of team A and an editor of team B, and a token of theirs. */
async function world(permissions = defaultRolePermissions('admin'), reach: 'a' | 'both' = 'a') {
  const { team: a, owner: person } = await createTeam(db());
  const { team: b } = await createTeam(db());
  await addMembership(db(), b.id, 'editor', person);
  const ctx = requestContextFor(userActorOf(person));
  const teamIds = reach === 'a' ? [a.id] : [a.id, b.id];
  const made = await createPersonalToken(db(), ctx, { name: 'ci', team_ids: teamIds, permissions, expires_in_days: 30 });
  return { a, b, person, ctx, ...made };
}

async function expect401(promise: Promise<unknown>) {
  const error = await expectAppError(promise);
  expect(error.status).toBe(401);
}

describe('a personal access token', () => {
  it('is shown once as bpp_ + 64 hex, stored hashed, and resolves to its person', async () => {
    const { person, token, personal_token } = await world();
    expect(token).toMatch(/^bpp_[0-9a-f]{64}$/);
    expect(personal_token.prefix).toBe(token.slice(0, 12));
    const row = await db().personalAccessToken.findUniqueOrThrow({ where: { id: personal_token.id } });
    expect(row.tokenHash).not.toContain(token.slice(4));
    const actor = await asToken(token);
    expect(actor).toMatchObject({ kind: 'user', userId: person.id, via: 'personal_token', credentialId: personal_token.id });
  });

  it('reaches only its teams: another team of the person is 404, like a key of another team', async () => {
    const { a, b, token } = await world();
    const actor = await asToken(token);
    const ctx = await resolveTeamContext(db(), requestContextFor(actor), a.slug);
    expect(ctx.team.id).toBe(a.id);
    const error = await expectAppError(resolveTeamContext(db(), requestContextFor(actor), b.slug));
    expect(error.code).toBe('not_found');
    expect((await listMyTeams(db(), requestContextFor(actor))).map((t) => t.id)).toEqual([a.id]);
  });

  it("holds its own permissions intersected with the person's role in each team", async () => {
    const { a, b, token } = await world(['entity:read', 'entity:write', 'team:manage'], 'both');
    const actor = await asToken(token);
    const inA = await resolveTeamContext(db(), requestContextFor(actor), a.slug); // admin there
    expect([...inA.permissions].sort()).toEqual(['entity:read', 'entity:write', 'team:manage']);
    const inB = await resolveTeamContext(db(), requestContextFor(actor), b.slug); // editor there: no team:manage
    expect([...inB.permissions].sort()).toEqual(['entity:read', 'entity:write']);
  });

  it('loses power on the next request when the person is demoted, and the team when removed', async () => {
    const { a, person, token } = await world();
    await db().teamMembership.update({
      where: { teamId_userId: { teamId: a.id, userId: person.id } },
      data: { roleId: await roleIdOf(db(), a.id, 'viewer') },
    });
    const demoted = await resolveTeamContext(db(), requestContextFor(await asToken(token)), a.slug);
    expect([...demoted.permissions].sort()).toEqual(defaultRolePermissions('viewer').sort());
    await db().teamMembership.delete({ where: { teamId_userId: { teamId: a.id, userId: person.id } } });
    const error = await expectAppError(resolveTeamContext(db(), requestContextFor(await asToken(token)), a.slug));
    expect(error.code).toBe('not_found');
  });

  it('stops on the next request once revoked (twice is fine), expired, or its person suspended', async () => {
    const revoked = await world();
    await asToken(revoked.token);
    await revokePersonalToken(db(), revoked.ctx, revoked.personal_token.id);
    await revokePersonalToken(db(), revoked.ctx, revoked.personal_token.id);
    await expect401(asToken(revoked.token));
    const listed = await listPersonalTokens(db(), revoked.ctx);
    expect(listed.personal_tokens.map((t) => [t.id, t.status])).toEqual([[revoked.personal_token.id, 'revoked']]);

    const expired = await world();
    await db().personalAccessToken.update({ where: { id: expired.personal_token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect401(asToken(expired.token));

    const suspended = await world();
    await db().user.update({ where: { id: suspended.person.id }, data: { status: 'suspended' } });
    await expect401(asToken(suspended.token));
  });

  it("cannot manage its person's account, nor create a team", async () => {
    const { token } = await world();
    const ctx = requestContextFor(await asToken(token));
    for (const work of [
      listSessions(db(), ctx),
      listPersonalTokens(db(), ctx),
      createTeamService(db(), ctx, { name: 'x', slug: `pat-${Date.now()}` }),
    ]) {
      expect((await expectAppError(work)).code).toBe('forbidden');
    }
  });
});

describe('making and revoking personal tokens', () => {
  it('refuses a team the person is not in, and permissions their role lacks in every chosen team', async () => {
    const { team: mine, owner: person } = await createTeam(db());
    const { team: theirs } = await createTeam(db());
    const viewer = await addMembership(db(), theirs.id, 'viewer');
    const ctx = requestContextFor(userActorOf(person));
    const stranger = await expectAppError(
      createPersonalToken(db(), ctx, { name: 'x', team_ids: [mine.id, theirs.id], permissions: ['entity:read'], expires_in_days: 1 }),
    );
    expect(stranger.code).toBe('validation_failed');
    expect(stranger.details).toEqual([{ path: '/team_ids/1', message: 'not one of your teams' }]);
    const beyond = await expectAppError(
      createPersonalToken(db(), requestContextFor(userActorOf(viewer)), {
        name: 'x',
        team_ids: [theirs.id],
        permissions: ['entity:read', 'entity:write'],
        expires_in_days: 1,
      }),
    );
    expect(beyond.code).toBe('validation_failed');
    expect(await db().personalAccessToken.count({ where: { userId: { in: [person.id, viewer.id] } } })).toBe(0);
  });

  it('expires after the days asked, and is refused to an API key', async () => {
    const { team, owner } = await createTeam(db());
    const before = Date.now();
    const { personal_token } = await createPersonalToken(db(), requestContextFor(userActorOf(owner)), {
      name: 'year',
      team_ids: [team.id],
      permissions: ['entity:read'],
      expires_in_days: 365,
    });
    const expires = Date.parse(personal_token.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 365 * 86_400_000);
    expect(expires).toBeLessThan(before + 366 * 86_400_000);
    const { row } = await createApiKeyRow(db(), { teamId: team.id, userId: owner.id, permissions: ['team:manage'] });
    const keyCtx = requestContextFor({
      kind: 'api_key',
      keyId: row.id,
      keyName: row.name,
      teamId: team.id,
      creatorId: owner.id,
      keyPermissions: ['team:manage'],
    });
    const error = await expectAppError(listPersonalTokens(db(), keyCtx));
    expect(error.code).toBe('forbidden');
  });

  it("answers 404 for another person's token and leaves it working", async () => {
    const { token, personal_token } = await world();
    const other = await createUser(db());
    const error = await expectAppError(revokePersonalToken(db(), requestContextFor(userActorOf(other)), personal_token.id));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('not_found');
    await asToken(token);
  });
});
