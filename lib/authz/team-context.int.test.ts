import { describe, expect, it } from 'vitest';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { AppError } from '@/lib/errors';
import { testDb } from '@/lib/test/database-per-file';
import { changeMemberRole, removeMember } from '@/lib/members/member-service';
import { addMembership, createApiKeyRow, createTeam, createUser, requestContextFor, roleIdOf, userActorOf } from '@/lib/test/fixtures';
import { ALL_PERMISSIONS, DEFAULT_ROLES, type Permission } from './permissions';
import { can, requirePermission, resolveTeamContext } from './team-context';

// The caller's effective permissions in the team of the URL. A key's are its own list capped by
// its creator's current role; another team's key, or a non-member, sees 404 (never 403).

const defaults = (name: string) => [...DEFAULT_ROLES.find((r) => r.name === name)!.permissions].sort();
const sorted = (set: ReadonlySet<Permission>) => [...set].sort();

async function notFound(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected a 404');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('not_found');
}

describe('resolveTeamContext for a person', () => {
  it('gives a member the permissions of their role', async () => {
    const { team, owner } = await createTeam(testDb());
    const viewer = await addMembership(testDb(), team.id, 'viewer');

    const adminCtx = await resolveTeamContext(testDb(), requestContextFor(userActorOf(owner)), team.slug);
    expect(adminCtx.team).toEqual({ id: team.id, slug: team.slug, name: team.name });
    expect(adminCtx.role).toEqual({ id: await roleIdOf(testDb(), team.id, 'admin'), name: 'admin' });
    expect(sorted(adminCtx.permissions)).toEqual([...ALL_PERMISSIONS].sort());

    const viewerCtx = await resolveTeamContext(testDb(), requestContextFor(userActorOf(viewer)), team.slug);
    expect(viewerCtx.role?.name).toBe('viewer');
    expect(sorted(viewerCtx.permissions)).toEqual(defaults('viewer'));
    expect(can(viewerCtx, 'entity:read')).toBe(true);
    expect(can(viewerCtx, 'entity:write')).toBe(false);
  });

  it('keeps the request fields of the base context', async () => {
    const { team, owner } = await createTeam(testDb());
    const base = requestContextFor(userActorOf(owner));
    const ctx = await resolveTeamContext(testDb(), base, team.slug);
    expect(ctx).toMatchObject({ requestId: base.requestId, actor: base.actor, ip: base.ip, userAgent: base.userAgent });
  });

  it('ignores unknown permission strings stored in a role', async () => {
    const { team } = await createTeam(testDb());
    await testDb().role.create({ data: { teamId: team.id, name: 'odd', permissions: ['entity:read', 'entity:admin', '*', 42] } });
    const user = await addMembership(testDb(), team.id, 'odd');
    const ctx = await resolveTeamContext(testDb(), requestContextFor(userActorOf(user)), team.slug);
    expect(sorted(ctx.permissions)).toEqual(['entity:read']);
  });

  it('is a 404 for a non-member, the same as for a team that does not exist', async () => {
    const { team } = await createTeam(testDb());
    const stranger = await createUser(testDb());
    await notFound(resolveTeamContext(testDb(), requestContextFor(userActorOf(stranger)), team.slug));
    await notFound(resolveTeamContext(testDb(), requestContextFor(userActorOf(stranger)), 'no-such-team'));
  });

  it('is a 404 for a member of another team', async () => {
    const a = await createTeam(testDb());
    const b = await createTeam(testDb());
    await notFound(resolveTeamContext(testDb(), requestContextFor(userActorOf(a.owner)), b.team.slug));
  });
});

describe('resolveTeamContext for an API key', () => {
  // Real key rows, resolved the way a request resolves them.
  async function keyContext(key: string, slug: string) {
    const actor = await resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null);
    expect(actor?.kind).toBe('api_key');
    return resolveTeamContext(testDb(), requestContextFor(actor!), slug);
  }

  async function adminCtx(user: { id: string; email: string; name: string | null }, slug: string) {
    return resolveTeamContext(testDb(), requestContextFor(userActorOf(user)), slug);
  }

  it("gives the key its own list intersected with its creator's role", async () => {
    const { team } = await createTeam(testDb());
    const editor = await addMembership(testDb(), team.id, 'editor');
    // A list beyond the creator's role (createApiKey refuses it; the cap must hold anyway).
    const { key } = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: editor.id,
      permissions: ['entity:read', 'entity:write', 'entity:delete', 'team:manage'],
    });
    const ctx = await keyContext(key, team.slug);
    expect(sorted(ctx.permissions)).toEqual(['entity:read', 'entity:write']);
    expect(ctx.role?.name).toBe('editor');
  });

  it("an admin's key has exactly its own list", async () => {
    const { team, owner } = await createTeam(testDb());
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['blueprint:read'] });
    expect(sorted((await keyContext(key, team.slug)).permissions)).toEqual(['blueprint:read']);
  });

  it("is a 404 under another team's path (never 403)", async () => {
    const a = await createTeam(testDb());
    const b = await createTeam(testDb());
    await addMembership(testDb(), b.team.id, 'admin', a.owner); // even if its creator is an admin there too
    const { key } = await createApiKeyRow(testDb(), { teamId: a.team.id, userId: a.owner.id, permissions: ['entity:read'] });
    await notFound(keyContext(key, b.team.slug));
    await notFound(keyContext(key, 'no-such-team'));
    expect(sorted((await keyContext(key, a.team.slug)).permissions)).toEqual(['entity:read']);
  });

  it('loses write permissions as soon as its creator is demoted to viewer', async () => {
    const { team, owner } = await createTeam(testDb());
    const creator = await addMembership(testDb(), team.id, 'editor');
    const { key } = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: creator.id,
      permissions: ['blueprint:write', 'entity:read', 'entity:write'],
    });
    expect(sorted((await keyContext(key, team.slug)).permissions)).toEqual(['blueprint:write', 'entity:read', 'entity:write']);

    await changeMemberRole(testDb(), await adminCtx(owner, team.slug), creator.id, { role: 'viewer' });
    const after = await keyContext(key, team.slug);
    expect(sorted(after.permissions)).toEqual(['entity:read']);
    expect(() => requirePermission(after, 'entity:write')).toThrow(AppError);
  });

  it('stops working (401) once its creator left the team or their account is gone (API.md)', async () => {
    const { team, owner } = await createTeam(testDb());
    const creator = await addMembership(testDb(), team.id, 'editor');
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: creator.id, permissions: ['entity:read', 'entity:write'] });
    expect(sorted((await keyContext(key, team.slug)).permissions)).toEqual(['entity:read', 'entity:write']);
    await removeMember(testDb(), await adminCtx(owner, team.slug), creator.id);
    await expect(resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null)).rejects.toMatchObject({
      code: 'unauthenticated',
    });

    const gone = await addMembership(testDb(), team.id, 'editor');
    const other = await createApiKeyRow(testDb(), { teamId: team.id, userId: gone.id, permissions: ['entity:read'] });
    await testDb().user.delete({ where: { id: gone.id } });
    await expect(resolveActor(testDb(), new Headers({ authorization: `Bearer ${other.key}` }), async () => null)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});

describe('requirePermission', () => {
  it('passes with the permission and throws 403 forbidden naming it without', async () => {
    const { team } = await createTeam(testDb());
    const viewer = await addMembership(testDb(), team.id, 'viewer');
    const ctx = await resolveTeamContext(testDb(), requestContextFor(userActorOf(viewer)), team.slug);
    expect(() => requirePermission(ctx, 'entity:read')).not.toThrow();
    let error: unknown;
    try {
      requirePermission(ctx, 'team:manage');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toContain('team:manage');
  });
});
