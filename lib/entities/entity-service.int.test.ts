import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createApiKeyRow, createBlueprint, createTeam, expectAppError, requestContextFor, teamContextOf } from '@/lib/test/fixtures';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from './bulk-upsert-entities';
import { createEntity } from './create-entity';
import { deleteEntity } from './delete-entity';
import { getEntity } from './get-entity';
import { listBlueprintEntities } from './list-blueprint-entities';
import { listEntityHistory } from './list-entity-history';
import { patchEntity, replaceEntity } from './update-entity';

// The entity services against the real database: create (validate_only, upsert, conflict), PUT,
// merge PATCH, DELETE, If-Match (a stale one changes nothing; of two writers with one ETag exactly
// one wins), audit rows in the same transaction, history, and another team's rows as 404.

const SCHEMA = {
  type: 'object',
  required: ['version'],
  properties: { version: { type: 'string', format: 'semver' }, tier: { type: 'integer', minimum: 1 }, meta: { type: 'object' } },
};

let ctx: TeamContext;
let teamId: string;
let ownerId: string;

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  teamId = team.id;
  ownerId = owner.id;
});

const api = { create: (input: object, options = {}) => createEntity(testDb(), ctx, 'service', input as never, options) };

async function row(identifier: string) {
  return testDb().entity.findUnique({ where: { teamId_blueprintId_identifier: { teamId, blueprintId: 'service', identifier } } });
}

async function audits() {
  return testDb().auditLog.findMany({ where: { teamId, entityType: 'entity' }, orderBy: [{ createdAt: 'asc' }] });
}

async function detailsOf(promise: Promise<unknown>) {
  const error = await expectAppError(promise);
  expect(error.code).toBe('validation_failed');
  return error.details as Array<{ path: string; message: string }>;
}

describe('createEntity', () => {
  it('creates the entity, returns its view and ETag, stamps the actor and audits entity.created', async () => {
    const result = await api.create({ identifier: 'svc:api@v1', title: 'API', data: { version: '1.2.3' } });
    expect(result).toEqual({
      created: true,
      etag: '"1"',
      entity: {
        id: expect.any(String),
        identifier: 'svc:api@v1',
        blueprint: 'service',
        title: 'API',
        data: { version: '1.2.3' },
        owners: [],
        relations: {},
        created_at: expect.any(String),
        updated_at: expect.any(String),
        created_by: ownerId,
        updated_by: ownerId,
      },
    });
    const [audit] = await audits();
    expect(audit).toMatchObject({
      action: 'entity.created',
      entityId: (await row('svc:api@v1'))?.id,
      userId: ownerId,
      newData: { title: 'API', data: { version: '1.2.3' }, version: 1 },
    });
  });

  it('refuses data that fails the blueprint schema with paths under /data, and writes nothing', async () => {
    const details = await detailsOf(api.create({ identifier: 'a', data: { version: '1.x', tier: 0 } }));
    expect(details.map((d) => d.path).sort()).toEqual(['/data/tier', '/data/version']);
    expect(await detailsOf(api.create({ identifier: 'a', data: {} }))).toEqual([{ path: '/data/version', message: expect.any(String) }]);
    expect(await row('a')).toBeNull();
    expect(await audits()).toHaveLength(0);
  });

  it('accepts relations {}; a relation the blueprint does not define is a 422 naming it', async () => {
    await api.create({ identifier: 'a', data: { version: '1.0.0' }, relations: {} });
    expect(await detailsOf(api.create({ identifier: 'b', data: { version: '1.0.0' }, relations: { owner: 'x' } }))).toEqual([
      { path: '/relations/owner', message: expect.stringContaining('unknown relation') },
    ]);
  });

  it('validate_only validates and writes nothing', async () => {
    expect(await api.create({ identifier: 'a', data: { version: '1.0.0' } }, { validateOnly: true })).toEqual({ valid: true });
    await detailsOf(api.create({ identifier: 'a', data: { version: 'x' } }, { validateOnly: true }));
    expect(await row('a')).toBeNull();
    expect(await audits()).toHaveLength(0);
  });

  it('is 409 on a taken identifier, unless upsert, which replaces it and bumps the version', async () => {
    await api.create({ identifier: 'a', title: 'A', data: { version: '1.0.0' } });
    expect((await expectAppError(api.create({ identifier: 'a', data: { version: '2.0.0' } }))).code).toBe('conflict');
    const upserted = await api.create({ identifier: 'a', title: 'A2', data: { version: '2.0.0' } }, { upsert: true });
    expect(upserted).toMatchObject({ created: false, etag: '"2"', entity: { title: 'A2', data: { version: '2.0.0' } } });
    const created = await api.create({ identifier: 'b', data: { version: '1.0.0' } }, { upsert: true });
    expect(created).toMatchObject({ created: true, etag: '"1"' });
    const rows = await audits();
    expect(rows.map((r) => r.action)).toEqual(['entity.created', 'entity.updated', 'entity.created']);
    expect(rows[1]).toMatchObject({
      oldData: { title: 'A', data: { version: '1.0.0' } },
      newData: { title: 'A2', data: { version: '2.0.0' }, version: 2 },
    });
  });

  it('stamps an API key write with the key creator as created_by', async () => {
    const { key, row: keyRow } = await createApiKeyRow(testDb(), { teamId, userId: ownerId, permissions: ['entity:write'] });
    void key;
    const keyCtx = await resolveTeamContext(
      testDb(),
      requestContextFor({
        kind: 'api_key',
        keyId: keyRow.id,
        keyName: keyRow.name,
        teamId,
        creatorId: ownerId,
        keyPermissions: ['entity:write'],
      }),
      ctx.team.slug,
    );
    const result = await createEntity(testDb(), keyCtx, 'service', { identifier: 'k', data: { version: '1.0.0' } });
    expect('entity' in result && result.entity.created_by).toBe(ownerId);
    expect((await audits())[0]).toMatchObject({ actorType: 'api_key', apiKeyId: keyRow.id, userId: ownerId });
  });
});

describe('replaceEntity and patchEntity', () => {
  beforeEach(async () => {
    await api.create({ identifier: 'a', title: 'A', data: { version: '1.0.0', tier: 1, meta: { team: 'x', region: 'eu' } } });
  });

  it('PUT replaces title and data, bumps the ETag and audits old and new', async () => {
    const result = await replaceEntity(testDb(), ctx, 'service', 'a', { data: { version: '2.0.0' } });
    expect(result).toMatchObject({ etag: '"2"', entity: { title: null, data: { version: '2.0.0' } } });
    const last = (await audits()).at(-1);
    expect(last).toMatchObject({
      action: 'entity.updated',
      oldData: { title: 'A', data: { tier: 1 } },
      newData: { title: null, data: { version: '2.0.0' } },
    });
  });

  it('PUT refuses a rename and invalid data', async () => {
    expect((await expectAppError(replaceEntity(testDb(), ctx, 'service', 'a', { identifier: 'b', data: { version: '1.0.0' } }))).code).toBe(
      'validation_failed',
    );
    expect(await detailsOf(replaceEntity(testDb(), ctx, 'service', 'a', { data: {} }))).toEqual([
      { path: '/data/version', message: expect.any(String) },
    ]);
    expect((await row('a'))?.version).toBe(1);
  });

  it('PATCH merges (RFC 7396): null removes, objects merge, the rest stays', async () => {
    const result = await patchEntity(testDb(), ctx, 'service', 'a', { data: { tier: null, meta: { region: null, zone: 'b' } } });
    expect(result.entity).toMatchObject({ title: 'A', data: { version: '1.0.0', meta: { team: 'x', zone: 'b' } } });
    expect(result.entity.data).not.toHaveProperty('tier');
    const titled = await patchEntity(testDb(), ctx, 'service', 'a', { title: null });
    expect(titled).toMatchObject({ etag: '"3"', entity: { title: null } });
  });

  it('a PUT or PATCH that changes nothing writes nothing: same version, no audit row, no event', async () => {
    const before = await row('a');
    const audited = (await audits()).length;
    const events = async () =>
      Number((await testPool().query('SELECT count(*) AS n FROM catalog_events WHERE team_id = $1', [ctx.team.id])).rows[0].n);
    const eventsBefore = await events();
    const same = { title: 'A', data: { meta: { region: 'eu', team: 'x' }, tier: 1, version: '1.0.0' } };
    expect(await replaceEntity(testDb(), ctx, 'service', 'a', same)).toMatchObject({ etag: '"1"' });
    expect(await patchEntity(testDb(), ctx, 'service', 'a', { title: 'A', data: { tier: 1 }, relations: {} })).toMatchObject({
      etag: '"1"',
    });
    expect(await row('a')).toEqual(before);
    expect(await audits()).toHaveLength(audited);
    expect(await events()).toBe(eventsBefore);
    // A real change still writes.
    expect(await patchEntity(testDb(), ctx, 'service', 'a', { data: { tier: 2 } })).toMatchObject({ etag: '"2"' });
  });

  it('PATCH validates the merged result', async () => {
    expect(await detailsOf(patchEntity(testDb(), ctx, 'service', 'a', { data: { version: null } }))).toEqual([
      { path: '/data/version', message: expect.any(String) },
    ]);
    expect((await row('a'))?.version).toBe(1);
  });

  it('a stale If-Match is 409 and changes nothing; the current one works', async () => {
    await patchEntity(testDb(), ctx, 'service', 'a', { title: 'B' }, { ifMatch: [1] });
    const before = await row('a');
    for (const write of [
      () => patchEntity(testDb(), ctx, 'service', 'a', { title: 'C' }, { ifMatch: [1] }),
      () => replaceEntity(testDb(), ctx, 'service', 'a', { data: { version: '9.9.9' } }, { ifMatch: [1] }),
      () => deleteEntity(testDb(), ctx, 'service', 'a', { ifMatch: [1] }),
    ]) {
      expect((await expectAppError(write())).code).toBe('conflict');
    }
    expect(await row('a')).toEqual(before);
    expect(await audits()).toHaveLength(2);
  });

  it('two concurrent writers with the same ETag: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const { etag } = await getEntity(testDb(), ctx, 'service', 'a');
      const version = Number(etag.replaceAll('"', ''));
      const outcomes = await Promise.allSettled([
        patchEntity(testDb(), ctx, 'service', 'a', { title: `one-${round}` }, { ifMatch: [version] }),
        replaceEntity(testDb(), ctx, 'service', 'a', { title: `two-${round}`, data: { version: '3.0.0' } }, { ifMatch: [version] }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      expect((await row('a'))?.version).toBe(version + 1);
    }
    expect(await audits()).toHaveLength(6);
  });
});

describe('a schema change', () => {
  it('takes effect on the very next write (the validator cache is keyed by blueprint version)', async () => {
    await api.create({ identifier: 'a', data: { version: '1.0.0' } });
    await updateBlueprint(
      testDb(),
      ctx,
      'service',
      { replace: false, input: { schema: { ...SCHEMA, properties: { ...SCHEMA.properties, version: { type: 'string', maxLength: 3 } } } } },
      { force: true },
    );
    expect(await detailsOf(api.create({ identifier: 'b', data: { version: '1.0.0' } }))).toEqual([
      { path: '/data/version', message: expect.any(String) },
    ]);
    await api.create({ identifier: 'b', data: { version: 'any' } });
  });
});

describe('a schema change in flight', () => {
  it('an entity write waits for it and is validated against the new schema (no entity slips in beside it)', async () => {
    await api.create({ identifier: 'a', data: { version: '1.0.0' } });
    const strict = { ...SCHEMA, required: ['version', 'tier'] };
    const blocker = await testPool().connect();
    try {
      // What a schema change does: hold the blueprint row while it checks the existing entities.
      await blocker.query('BEGIN');
      await blocker.query("UPDATE blueprints SET schema = $1, version = version + 1 WHERE team_id = $2 AND id = 'service'", [
        strict,
        teamId,
      ]);
      const writes = Promise.allSettled([
        api.create({ identifier: 'b', data: { version: '1.0.0' } }),
        replaceEntity(testDb(), ctx, 'service', 'a', { data: { version: '2.0.0' } }),
        patchEntity(testDb(), ctx, 'service', 'a', { title: 'x' }),
        bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 'c', data: { version: '1.0.0' } }]),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('COMMIT');
      const [create, put, patch, bulk] = await writes;
      for (const outcome of [create, put, patch])
        expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'validation_failed' } });
      expect(bulk).toMatchObject({ status: 'fulfilled', value: { allSucceeded: false } });
    } finally {
      blocker.release();
    }
    expect(await row('b')).toBeNull();
    expect(await row('c')).toBeNull();
    expect((await row('a'))?.version).toBe(1);
  });
});

describe('deleteEntity, history and list', () => {
  it('deletes with an audit row; then the entity is 404', async () => {
    const created = await api.create({ identifier: 'a', data: { version: '1.0.0' } });
    await deleteEntity(testDb(), ctx, 'service', 'a', { ifMatch: [1] });
    expect(await row('a')).toBeNull();
    expect((await audits()).at(-1)).toMatchObject({
      action: 'entity.deleted',
      entityId: 'entity' in created ? created.entity.id : '',
      oldData: { data: { version: '1.0.0' } },
    });
    expect((await expectAppError(getEntity(testDb(), ctx, 'service', 'a'))).code).toBe('not_found');
    expect((await expectAppError(deleteEntity(testDb(), ctx, 'service', 'a'))).code).toBe('not_found');
  });

  it('history lists the versions newest first, cursor-paginated', async () => {
    await api.create({ identifier: 'a', title: 'v1', data: { version: '1.0.0' } });
    await patchEntity(testDb(), ctx, 'service', 'a', { title: 'v2' });
    await patchEntity(testDb(), ctx, 'service', 'a', { title: 'v3' });
    const first = await listEntityHistory(testDb(), ctx, 'service', 'a', { limit: 2, cursor: null });
    expect(first.versions.map((v) => [v.version, v.title, v.action])).toEqual([
      [3, 'v3', 'entity.updated'],
      [2, 'v2', 'entity.updated'],
    ]);
    expect(first.next_cursor).not.toBeNull();
    const second = await listEntityHistory(testDb(), ctx, 'service', 'a', { limit: 2, cursor: first.next_cursor });
    expect(second.versions.map((v) => [v.version, v.title, v.action])).toEqual([[1, 'v1', 'entity.created']]);
    expect(second.next_cursor).toBeNull();
  });

  it('lists newest first with a cursor', async () => {
    for (const id of ['a', 'b', 'c']) await api.create({ identifier: id, data: { version: '1.0.0' } });
    const first = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 2, cursor: null });
    const second = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 2, cursor: first.next_cursor });
    const all = [...first.entities, ...second.entities].map((e) => e.identifier);
    expect(all.sort()).toEqual(['a', 'b', 'c']);
    expect(second.next_cursor).toBeNull();
    const created = [...first.entities, ...second.entities].map((e) => e.created_at);
    expect([...created].sort().reverse()).toEqual(created);
  });
});

describe('another team', () => {
  it("never reaches another team's blueprint or entity: 404 everywhere", async () => {
    await api.create({ identifier: 'a', data: { version: '1.0.0' } });
    const other = await createTeam(testDb());
    const otherCtx = await teamContextOf(other.owner, other.team.slug);
    const calls: Array<() => Promise<unknown>> = [
      () => getEntity(testDb(), otherCtx, 'service', 'a'),
      () => createEntity(testDb(), otherCtx, 'service', { identifier: 'b', data: { version: '1.0.0' } }),
      () => replaceEntity(testDb(), otherCtx, 'service', 'a', { data: { version: '1.0.0' } }),
      () => patchEntity(testDb(), otherCtx, 'service', 'a', { title: 'x' }),
      () => deleteEntity(testDb(), otherCtx, 'service', 'a'),
      () => listEntityHistory(testDb(), otherCtx, 'service', 'a', { limit: 10, cursor: null }),
      () => listBlueprintEntities(testDb(), otherCtx, 'service', { limit: 10, cursor: null }),
    ];
    for (const call of calls) expect((await expectAppError(call())).code).toBe('not_found');
    // The other team's own blueprint of the same id does not see the first team's entity either.
    await createBlueprint(testDb(), other.team.id, 'service', SCHEMA);
    expect((await expectAppError(getEntity(testDb(), otherCtx, 'service', 'a'))).code).toBe('not_found');
    expect((await listBlueprintEntities(testDb(), otherCtx, 'service', { limit: 10, cursor: null })).entities).toEqual([]);
    expect((await row('a'))?.version).toBe(1);
  });
});
