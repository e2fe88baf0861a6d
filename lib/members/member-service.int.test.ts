import { describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import { toErrorResponse } from '@/lib/http/error-response';
import { testDb } from '@/lib/test/database-per-file';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { addMembership, createApiKeyRow, createTeam, createUser, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { addMember, changeMemberRole, listMembers, removeMember } from './member-service';

// Members against the real database: the last holder of team:manage is protected (also when two
// admins act at the same moment), and every change writes its audit row in its own transaction.

async function auditCount(teamId: string): Promise<number> {
  return testDb().auditLog.count({ where: { teamId } });
}

async function rolesOf(teamId: string): Promise<Record<string, string>> {
  const rows = await testDb().teamMembership.findMany({ where: { teamId }, select: { userId: true, role: { select: { name: true } } } });
  return Object.fromEntries(rows.map((r) => [r.userId, r.role.name]));
}

async function adminTeam() {
  const { team, owner } = await createTeam(testDb());
  return { team, owner, ctx: await teamContextOf(owner, team.slug) };
}

describe('addMember', () => {
  it('adds an existing user by email (any case) and writes the audit row', async () => {
    const { team, owner, ctx } = await adminTeam();
    const user = await createUser(testDb());
    const member = await addMember(testDb(), ctx, { email: user.email.toUpperCase(), role: 'editor' });
    expect(member).toMatchObject({ user_id: user.id, email: user.email, role: { name: 'editor' } });
    expect((await rolesOf(team.id))[user.id]).toBe('editor');

    const audit = await testDb().auditLog.findMany({ where: { teamId: team.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'member.added',
      entityType: 'member',
      entityId: user.id,
      actorType: 'user',
      userId: owner.id,
      apiKeyId: null,
      newData: { email: user.email, role: 'editor' },
      oldData: null,
      ipAddress: ctx.ip,
      userAgent: 'vitest',
      requestId: ctx.requestId,
    });
  });

  it('is a 404 for an email no account uses', async () => {
    const { team, ctx } = await adminTeam();
    const before = await auditCount(team.id);
    const error = await expectAppError(addMember(testDb(), ctx, { email: 'nobody-here@example.com', role: 'viewer' }));
    expect(error.code).toBe('not_found');
    expect(await auditCount(team.id)).toBe(before);
  });

  it("is a 422 for a role the team does not have (another team's custom role included)", async () => {
    const { team, ctx } = await adminTeam();
    const other = await createTeam(testDb());
    await testDb().role.create({ data: { teamId: other.team.id, name: 'auditor', permissions: ['entity:read'] } });
    const user = await createUser(testDb());
    for (const role of ['owner', 'auditor']) {
      const error = await expectAppError(addMember(testDb(), ctx, { email: user.email, role }));
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([{ path: '/role', message: expect.any(String) }]);
    }
    expect(await rolesOf(team.id)).not.toHaveProperty(user.id);
    expect(await auditCount(team.id)).toBe(0);
  });

  it('is a 409 for someone already in the team, and leaves their role alone', async () => {
    const { team, owner, ctx } = await adminTeam();
    const user = await addMembership(testDb(), team.id, 'viewer');
    expect((await expectAppError(addMember(testDb(), ctx, { email: user.email, role: 'admin' }))).code).toBe('conflict');
    expect((await expectAppError(addMember(testDb(), ctx, { email: owner.email, role: 'viewer' }))).code).toBe('conflict');
    expect(await rolesOf(team.id)).toEqual({ [owner.id]: 'admin', [user.id]: 'viewer' });
    expect(await auditCount(team.id)).toBe(0);
  });

  it('adding the same person twice at the same moment: one member, one audit row, the other a 409', async () => {
    const { team, ctx } = await adminTeam();
    const user = await createUser(testDb());
    const results = await Promise.allSettled([
      addMember(testDb(), ctx, { email: user.email, role: 'viewer' }),
      addMember(testDb(), ctx, { email: user.email, role: 'editor' }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    // An AppError conflict, or the unique violation the HTTP edge maps to 409.
    expect(toErrorResponse(rejected[0].reason, 'test').status).toBe(409);
    expect(await testDb().teamMembership.count({ where: { teamId: team.id, userId: user.id } })).toBe(1);
    expect(await auditCount(team.id)).toBe(1);
  });

  it('writes the audit row in the same transaction: if the audit row fails, no member is added', async () => {
    const { team, ctx } = await adminTeam();
    const user = await createUser(testDb());
    // An address the audit_logs.ip_address INET column refuses: the audit insert fails last.
    const broken: TeamContext = { ...ctx, ip: 'not-an-ip' };
    await expect(addMember(testDb(), broken, { email: user.email, role: 'viewer' })).rejects.toThrow();
    expect(await rolesOf(team.id)).not.toHaveProperty(user.id);
    expect(await auditCount(team.id)).toBe(0);
  });
});

describe('changeMemberRole and removeMember', () => {
  it('changes a role and records old and new', async () => {
    const { team, ctx } = await adminTeam();
    const user = await addMembership(testDb(), team.id, 'viewer');
    const changed = await changeMemberRole(testDb(), ctx, user.id, { role: 'editor' });
    expect(changed.role.name).toBe('editor');
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { teamId: team.id, action: 'member.role_changed' } });
    expect(audit).toMatchObject({
      entityId: user.id,
      oldData: { email: user.email, role: 'viewer' },
      newData: { email: user.email, role: 'editor' },
    });
  });

  it('refuses to demote the last admin (409), with no audit row and no change', async () => {
    const { team, owner, ctx } = await adminTeam();
    await addMembership(testDb(), team.id, 'editor');
    const before = await auditCount(team.id);
    const error = await expectAppError(changeMemberRole(testDb(), ctx, owner.id, { role: 'editor' }));
    expect(error.code).toBe('conflict');
    expect(error.status).toBe(409);
    expect((await rolesOf(team.id))[owner.id]).toBe('admin');
    expect(await auditCount(team.id)).toBe(before);
  });

  it('refuses to remove the last admin (409), with no audit row and no change', async () => {
    const { team, owner, ctx } = await adminTeam();
    const before = await auditCount(team.id);
    expect((await expectAppError(removeMember(testDb(), ctx, owner.id))).code).toBe('conflict');
    expect(await rolesOf(team.id)).toHaveProperty(owner.id, 'admin');
    expect(await auditCount(team.id)).toBe(before);
  });

  it('lets the last admin move between roles that both manage the team', async () => {
    const { team, owner, ctx } = await adminTeam();
    await testDb().role.create({ data: { teamId: team.id, name: 'owner', permissions: ['team:manage'] } });
    await changeMemberRole(testDb(), ctx, owner.id, { role: 'owner' });
    expect((await rolesOf(team.id))[owner.id]).toBe('owner');
  });

  it('allows demoting and removing an admin once another one exists', async () => {
    const { team, owner, ctx } = await adminTeam();
    const second = await addMembership(testDb(), team.id, 'admin');
    await changeMemberRole(testDb(), ctx, owner.id, { role: 'viewer' });
    expect((await rolesOf(team.id))[owner.id]).toBe('viewer');
    // Now `second` is the only admin: protected in turn.
    const secondCtx = await teamContextOf(second, team.slug);
    expect((await expectAppError(removeMember(testDb(), secondCtx, second.id))).code).toBe('conflict');
    await removeMember(testDb(), secondCtx, owner.id);
    expect(await rolesOf(team.id)).toEqual({ [second.id]: 'admin' });
    const actions = (await testDb().auditLog.findMany({ where: { teamId: team.id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['member.role_changed', 'member.removed']);
  });

  it('counts a custom role holding team:manage as an admin', async () => {
    const { team, owner, ctx } = await adminTeam();
    await testDb().role.create({ data: { teamId: team.id, name: 'owner', permissions: ['team:manage'] } });
    await addMembership(testDb(), team.id, 'owner');
    await removeMember(testDb(), ctx, owner.id);
    expect(Object.values(await rolesOf(team.id))).toEqual(['owner']);
  });

  it('is a 404 for a user who is not a member of this team, and a 422 for an unknown role', async () => {
    const { team, ctx } = await adminTeam();
    const other = await createTeam(testDb());
    expect((await expectAppError(changeMemberRole(testDb(), ctx, other.owner.id, { role: 'viewer' }))).code).toBe('not_found');
    expect((await expectAppError(removeMember(testDb(), ctx, other.owner.id))).code).toBe('not_found');
    expect((await rolesOf(other.team.id))[other.owner.id]).toBe('admin');
    const member = await addMembership(testDb(), team.id, 'viewer');
    expect((await expectAppError(changeMemberRole(testDb(), ctx, member.id, { role: 'superuser' }))).code).toBe('validation_failed');
  });

  it('lets removed members go without touching other teams', async () => {
    const { team, ctx } = await adminTeam();
    const other = await createTeam(testDb());
    const both = await addMembership(testDb(), team.id, 'viewer');
    await addMembership(testDb(), other.team.id, 'editor', both);
    await removeMember(testDb(), ctx, both.id);
    expect(await rolesOf(team.id)).not.toHaveProperty(both.id);
    expect((await rolesOf(other.team.id))[both.id]).toBe('editor');
  });
});

describe("removeMember and the member's API keys", () => {
  const resolveKey = (key: string) => resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null);

  it('revokes every key the member made in this team, in the same transaction, audited, and answers them', async () => {
    const { team, owner, ctx } = await adminTeam();
    const admin = await addMembership(testDb(), team.id, 'admin');
    const first = await createApiKeyRow(testDb(), { teamId: team.id, userId: admin.id, permissions: ['team:manage'] });
    const second = await createApiKeyRow(testDb(), { teamId: team.id, userId: admin.id, permissions: ['entity:read'] });
    const alreadyRevoked = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: admin.id,
      permissions: ['entity:read'],
      revokedAt: new Date(),
    });
    const ownersKey = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    const other = await createTeam(testDb());
    await addMembership(testDb(), other.team.id, 'admin', admin);
    const elsewhere = await createApiKeyRow(testDb(), { teamId: other.team.id, userId: admin.id, permissions: ['entity:read'] });

    const preview = await removeMember(testDb(), ctx, admin.id, { dryRun: true });
    const expected = [first, second].map(({ row }) => ({ id: row.id, name: row.name, prefix: row.keyPrefix }));
    expect(preview).toEqual({ revoked_api_keys: expected });
    expect(await auditCount(team.id)).toBe(0);
    expect(await resolveKey(first.key)).toMatchObject({ kind: 'api_key' });

    expect(await removeMember(testDb(), ctx, admin.id)).toEqual({ revoked_api_keys: expected });
    for (const k of [first, second]) {
      expect(
        (await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: k.row.id } } })).revokedAt,
      ).toBeInstanceOf(Date);
      await expect(resolveKey(k.key)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    expect(
      (await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: alreadyRevoked.row.id } } })).revokedAt,
    ).toEqual(alreadyRevoked.row.revokedAt);
    expect(await resolveKey(ownersKey.key)).toMatchObject({ kind: 'api_key' });
    expect(await resolveKey(elsewhere.key)).toMatchObject({ kind: 'api_key', teamId: other.team.id });

    const audit = await testDb().auditLog.findMany({ where: { teamId: team.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(audit.map((a) => [a.action, a.entityId]).sort()).toEqual(
      [
        ['api_key.revoked', first.row.id],
        ['api_key.revoked', second.row.id],
        ['member.removed', admin.id],
      ].sort(),
    );
    expect(audit.find((a) => a.action === 'api_key.revoked')).toMatchObject({
      newData: { reason: 'creator_removed' },
      requestId: ctx.requestId,
    });
  });

  it("a removed admin's key cannot re-add its creator: it is a 401 from then on", async () => {
    const { team, ctx } = await adminTeam();
    const admin = await addMembership(testDb(), team.id, 'admin');
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: admin.id, permissions: ['team:manage'] });
    await removeMember(testDb(), ctx, admin.id);
    await expect(resolveKey(key)).rejects.toMatchObject({ code: 'unauthenticated' });
    // Even with the row not revoked (as before this rule), a key whose creator is not a member fails.
    await testDb().apiKey.updateMany({ where: { teamId: team.id }, data: { revokedAt: null } });
    await expect(resolveKey(key)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses to remove the last manager with 409 reason last_manager, in a dry run too, revoking nothing', async () => {
    const { team, owner, ctx } = await adminTeam();
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    for (const dryRun of [true, false]) {
      const error = await expectAppError(removeMember(testDb(), ctx, owner.id, { dryRun }));
      expect(error.code).toBe('conflict');
      expect(error.details).toEqual({ reason: 'last_manager' });
    }
    expect(await resolveKey(key)).toMatchObject({ kind: 'api_key' });
  });
});

describe('two admins acting at the same moment', () => {
  // Without the team-row lock both transactions would see the other admin still in place, both
  // would commit, and the team would be left with no admin. Repeated to make the race likely.
  it('demoting each other: exactly one succeeds, the other gets 409, one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const { team, owner, ctx: ownerCtx } = await adminTeam();
      const second = await addMembership(testDb(), team.id, 'admin');
      const secondCtx = await teamContextOf(second, team.slug);
      const before = await auditCount(team.id);

      const results = await Promise.allSettled([
        changeMemberRole(testDb(), ownerCtx, second.id, { role: 'viewer' }),
        changeMemberRole(testDb(), secondCtx, owner.id, { role: 'viewer' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(AppError);
      expect((rejected[0].reason as AppError).code).toBe('conflict');

      expect(Object.values(await rolesOf(team.id)).sort()).toEqual(['admin', 'viewer']);
      expect(await auditCount(team.id)).toBe(before + 1);
    }
  });

  it('removing each other: exactly one succeeds, one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const { team, owner, ctx: ownerCtx } = await adminTeam();
      const second = await addMembership(testDb(), team.id, 'admin');
      const secondCtx = await teamContextOf(second, team.slug);

      const results = await Promise.allSettled([removeMember(testDb(), ownerCtx, second.id), removeMember(testDb(), secondCtx, owner.id)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(Object.values(await rolesOf(team.id))).toEqual(['admin']);
      expect(await auditCount(team.id)).toBe(1);
    }
  });
});

describe('listMembers', () => {
  it('pages through every member exactly once, in join order', async () => {
    const { team, owner, ctx } = await adminTeam();
    const others = [];
    for (let i = 0; i < 4; i++) others.push(await addMembership(testDb(), team.id, 'viewer'));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Awaited<ReturnType<typeof listMembers>> = await listMembers(testDb(), ctx, { limit: 2, cursor });
      expect(page.members.length).toBeLessThanOrEqual(2);
      seen.push(...page.members.map((m) => m.user_id));
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([owner.id, ...others.map((o) => o.id)]);
  });
});
