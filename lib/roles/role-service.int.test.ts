import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { changeMemberRole } from '@/lib/members/member-service';
import { testDb } from '@/lib/test/database-per-file';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { createRole, deleteRole, updateRole } from './role-service';

// The team keeps a member holding team:manage whichever route changes it: here, a custom role's
// permissions (and a concurrent demotion through the members route).

async function managers(teamId: string): Promise<number> {
  const rows = await testDb().teamMembership.findMany({ where: { teamId }, select: { role: { select: { permissions: true } } } });
  return rows.filter((m) => (m.role.permissions as string[]).includes('team:manage')).length;
}

/** A team whose only manager holds the custom role "owner" (team:manage and entity:read). */
async function teamManagedThroughCustomRole() {
  const { team, owner } = await createTeam(testDb());
  const role = await testDb().role.create({ data: { teamId: team.id, name: 'owner', permissions: ['entity:read', 'team:manage'] } });
  const ctx = await teamContextOf(owner, team.slug);
  await changeMemberRole(testDb(), ctx, owner.id, { role: 'owner' });
  return { team, owner, role, ctx: await teamContextOf(owner, team.slug) };
}

describe('updateRole and the last manager', () => {
  it('refuses to take team:manage out of the role of the only manager (409 last_manager), and changes nothing', async () => {
    const { team, role, ctx } = await teamManagedThroughCustomRole();
    const error = await expectAppError(updateRole(testDb(), ctx, role.id, { permissions: ['entity:read'] }));
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual({ reason: 'last_manager' });
    expect((await testDb().role.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: role.id } } })).permissions).toEqual([
      'entity:read',
      'team:manage',
    ]);
    expect(await managers(team.id)).toBe(1);
    // Other edits of the same role stay possible.
    expect(await updateRole(testDb(), ctx, role.id, { description: 'runs the team', permissions: ['team:manage'] })).toMatchObject({
      permissions: ['team:manage'],
    });
  });

  it('allows it once another member manages the team through another role', async () => {
    const { team, role, ctx } = await teamManagedThroughCustomRole();
    await addMembership(testDb(), team.id, 'admin');
    expect(await updateRole(testDb(), ctx, role.id, { permissions: ['entity:read'] })).toMatchObject({ permissions: ['entity:read'] });
    expect(await managers(team.id)).toBe(1);
  });

  it('a role nobody holds may lose team:manage, and may be deleted', async () => {
    const { team, ctx } = await teamManagedThroughCustomRole();
    const spare = await testDb().role.create({ data: { teamId: team.id, name: 'spare', permissions: ['team:manage'] } });
    await updateRole(testDb(), ctx, spare.id, { permissions: ['entity:read'] });
    await deleteRole(testDb(), ctx, spare.id);
    expect(await managers(team.id)).toBe(1);
  });
});

describe('a role change and a demotion at the same moment', () => {
  // Manager A through the custom role "owner", manager B through admin. Taking team:manage out of
  // "owner" and demoting B are each fine alone; together they leave nobody. Both routes lock the
  // team row, so the second sees the first and is refused. Repeated to make the race likely.
  it('exactly one succeeds, the other gets 409 last_manager, and one manager remains', async () => {
    for (let round = 0; round < 5; round++) {
      const { team, role, ctx } = await teamManagedThroughCustomRole();
      const b = await addMembership(testDb(), team.id, 'admin');
      const bCtx = await teamContextOf(b, team.slug);
      const results = await Promise.allSettled([
        updateRole(testDb(), ctx, role.id, { permissions: ['entity:read'] }),
        changeMemberRole(testDb(), bCtx, b.id, { role: 'viewer' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(AppError);
      expect((rejected.reason as AppError).details).toEqual({ reason: 'last_manager' });
      expect(await managers(team.id)).toBe(1);
    }
  });
});

describe('role names', () => {
  it('refuse a built-in name or another role name in any case (409 already_exists), on create and on rename', async () => {
    const { team, owner } = await createTeam(testDb());
    const ctx = await teamContextOf(owner, team.slug);
    const builtIn = await expectAppError(createRole(testDb(), ctx, { name: 'Admin', permissions: ['entity:read'] }));
    expect([builtIn.code, builtIn.details]).toEqual(['conflict', { reason: 'already_exists' }]);
    expect(builtIn.message).toMatch(/built-in role "admin"/);
    const ops = await createRole(testDb(), ctx, { name: 'Ops', permissions: ['entity:read'] });
    const again = await expectAppError(createRole(testDb(), ctx, { name: 'OPS', permissions: ['entity:read'] }));
    expect(again.message).toMatch(/a role named "Ops" exists/);
    const other = await createRole(testDb(), ctx, { name: 'Platform', permissions: ['entity:read'] });
    const renamed = await expectAppError(updateRole(testDb(), ctx, other.id, { name: 'viewer' }));
    expect(renamed.message).toMatch(/built-in role "viewer"/);
    // A role keeps its own name in another case.
    expect(await updateRole(testDb(), ctx, ops.id, { name: 'OPS' })).toMatchObject({ name: 'OPS' });
    expect(await testDb().role.count({ where: { teamId: team.id, isDefault: false } })).toBe(2);
  });
});
