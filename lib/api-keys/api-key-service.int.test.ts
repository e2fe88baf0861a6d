import { describe, expect, it } from 'vitest';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { API_KEY_PATTERN, sha256Hex } from '@/lib/auth/secrets';
import { testDb } from '@/lib/test/database-per-file';
import { addMembership, createApiKeyRow, createTeam, expectAppError, requestContextFor, teamContextOf } from '@/lib/test/fixtures';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key-service';

// API keys: the secret is returned once and only its SHA-256 is kept (never in the audit log
// either); a key holds at most its creator's permissions; only people create keys.

async function adminTeam() {
  const { team, owner } = await createTeam(testDb());
  return { team, owner, ctx: await teamContextOf(owner, team.slug) };
}

describe('createApiKey', () => {
  it('returns the key once and stores only its SHA-256', async () => {
    const { team, owner, ctx } = await adminTeam();
    const { api_key, key } = await createApiKey(testDb(), ctx, {
      name: '  deploy bot ',
      permissions: ['entity:write', 'entity:read', 'entity:read'],
    });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(api_key).toMatchObject({
      name: 'deploy bot',
      prefix: key.slice(0, 11),
      permissions: ['entity:read', 'entity:write'],
      created_by: { id: owner.id, email: owner.email },
      expires_at: null,
      revoked_at: null,
      status: 'active',
    });
    expect(JSON.stringify(api_key)).not.toContain(key);

    const row = await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: api_key.id } } });
    expect(row.keyHash).toBe(sha256Hex(key));
    expect(row.keyPrefix).toBe(key.slice(0, 11));
    // Nothing in the row is the key itself.
    expect(JSON.stringify(row)).not.toContain(key);

    // The key works, once, as returned.
    expect(await resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null)).toMatchObject({
      kind: 'api_key',
      keyId: api_key.id,
      teamId: team.id,
    });
  });

  it('writes an audit row that holds neither the key nor its hash', async () => {
    const { team, owner, ctx } = await adminTeam();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { api_key, key } = await createApiKey(testDb(), ctx, { name: 'ci', permissions: ['entity:read'], expires_at: expiresAt });
    const audit = await testDb().auditLog.findMany({ where: { teamId: team.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: api_key.id,
      userId: owner.id,
      actorType: 'user',
    });
    expect(audit[0].newData).toEqual({ name: 'ci', prefix: api_key.prefix, permissions: ['entity:read'], expires_at: expiresAt });
    const stored = JSON.stringify(audit[0]);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(sha256Hex(key));
  });

  it("refuses permissions beyond its creator's with 422 naming each", async () => {
    const { team } = await createTeam(testDb());
    // A manager who is no admin (the service refuses anyone without team:manage first, with 403).
    await testDb().role.create({ data: { teamId: team.id, name: 'keeper', permissions: ['team:manage', 'entity:read'] } });
    const keeper = await addMembership(testDb(), team.id, 'keeper');
    const ctx = await teamContextOf(keeper, team.slug);
    const error = await expectAppError(
      createApiKey(testDb(), ctx, { name: 'too much', permissions: ['entity:read', 'entity:delete', 'blueprint:write'] }),
    );
    expect(error.code).toBe('validation_failed');
    const details = error.details as Array<{ path: string; message: string }>;
    expect(details.map((d) => d.path)).toEqual(['/permissions', '/permissions']);
    expect(details.map((d) => d.message).join(' ')).toMatch(/entity:delete.*blueprint:write/);
    expect(await testDb().apiKey.count({ where: { teamId: team.id } })).toBe(0);
    expect(await testDb().auditLog.count({ where: { teamId: team.id } })).toBe(0);
  });

  it('refuses an expiry that is not in the future with 422', async () => {
    const { team, ctx } = await adminTeam();
    for (const expires_at of [new Date(Date.now() - 60_000).toISOString(), new Date().toISOString()]) {
      const error = await expectAppError(createApiKey(testDb(), ctx, { name: 'old', permissions: ['entity:read'], expires_at }));
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([{ path: '/expires_at', message: expect.any(String) }]);
    }
    expect(await testDb().apiKey.count({ where: { teamId: team.id } })).toBe(0);
  });

  it('is 403 for an API key, even one holding team:manage', async () => {
    const { team, owner } = await adminTeam();
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['team:manage', 'entity:read'] });
    const actor = await resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null);
    const ctx = await resolveTeamContext(testDb(), requestContextFor(actor!), team.slug);
    expect(ctx.permissions.has('team:manage')).toBe(true);
    const error = await expectAppError(createApiKey(testDb(), ctx, { name: 'child', permissions: ['entity:read'] }));
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(403);
    expect(await testDb().apiKey.count({ where: { teamId: team.id } })).toBe(1);
  });
});

describe('revokeApiKey', () => {
  it('stops the key at once; revoking twice is fine and writes one audit row', async () => {
    const { team, ctx } = await adminTeam();
    const { api_key, key } = await createApiKey(testDb(), ctx, { name: 'ci', permissions: ['entity:read'] });
    await revokeApiKey(testDb(), ctx, api_key.id);
    const first = await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: api_key.id } } });
    expect(first.revokedAt).not.toBeNull();

    await expect(revokeApiKey(testDb(), ctx, api_key.id)).resolves.toBeUndefined();
    const second = await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: api_key.id } } });
    expect(second.revokedAt).toEqual(first.revokedAt); // the first revocation time stands

    const revocations = await testDb().auditLog.findMany({ where: { teamId: team.id, action: 'api_key.revoked' } });
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ entityId: api_key.id, oldData: { name: 'ci', prefix: api_key.prefix } });

    const error = await expectAppError(resolveActor(testDb(), new Headers({ authorization: `Bearer ${key}` }), async () => null));
    expect(error.code).toBe('unauthenticated');
    const { api_keys } = await listApiKeys(testDb(), ctx, { limit: 50, cursor: null });
    expect(api_keys.find((k) => k.id === api_key.id)?.status).toBe('revoked');
  });

  it('revoking twice at the same moment (a double click) also writes one audit row', async () => {
    for (let round = 0; round < 3; round++) {
      const { team, ctx } = await adminTeam();
      const { api_key } = await createApiKey(testDb(), ctx, { name: 'ci', permissions: ['entity:read'] });
      await Promise.all([revokeApiKey(testDb(), ctx, api_key.id), revokeApiKey(testDb(), ctx, api_key.id)]);
      expect(await testDb().auditLog.count({ where: { teamId: team.id, action: 'api_key.revoked' } })).toBe(1);
    }
  });

  it("is a 404 for another team's key, which stays active", async () => {
    const a = await adminTeam();
    const b = await adminTeam();
    const { api_key } = await createApiKey(testDb(), b.ctx, { name: 'b-key', permissions: ['entity:read'] });
    expect((await expectAppError(revokeApiKey(testDb(), a.ctx, api_key.id))).code).toBe('not_found');
    const row = await testDb().apiKey.findUniqueOrThrow({ where: { teamId_id: { teamId: b.team.id, id: api_key.id } } });
    expect(row.revokedAt).toBeNull();
    expect(await testDb().auditLog.count({ where: { teamId: a.team.id } })).toBe(0);
  });
});
