import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { createEntity } from './create-entity';
import { deleteEntity } from './delete-entity';
import { listEntityHistory } from './list-entity-history';
import { restoreEntity } from './restore-entity';
import { patchEntity, replaceEntity } from './update-entity';

// Restoring an old version against the real database: a new version equal to the old title and
// data, audited as entity.restored in the same transaction; unknown versions, another team's
// entity and a deleted namesake's versions are 404; data the current schema refuses is 422; a
// stale If-Match is 409 and changes nothing.

const SCHEMA = {
  type: 'object',
  required: ['version'],
  properties: {
    version: { type: 'string', format: 'semver' },
    tier: { type: 'integer', minimum: 1 },
    tags: { type: 'array', items: { type: 'string' } },
  },
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

const restore = (version: number, options = {}, identifier = 'svc/api') =>
  restoreEntity(testDb(), ctx, 'service', identifier, version, options);

/** v1 {API, 1.0.0, tier 1, tags}, v2 (PUT) {API v2, 2.0.0}, v3 (PATCH) tier 3. */
async function threeVersions() {
  await createEntity(testDb(), ctx, 'service', {
    identifier: 'svc/api',
    title: 'API',
    data: { version: '1.0.0', tier: 1, tags: ['a', 'b'] },
  });
  await replaceEntity(testDb(), ctx, 'service', 'svc/api', { title: 'API v2', data: { version: '2.0.0' } });
  await patchEntity(testDb(), ctx, 'service', 'svc/api', { data: { tier: 3 } });
}

async function entityRow(identifier = 'svc/api') {
  return testDb().entity.findUniqueOrThrow({ where: { teamId_blueprintId_identifier: { teamId, blueprintId: 'service', identifier } } });
}

async function audits() {
  return testDb().auditLog.findMany({ where: { teamId, entityType: 'entity' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

describe('restoreEntity', () => {
  it('writes the old title and data as a new version and audits entity.restored with old, new and the restored version', async () => {
    await threeVersions();
    const result = await restore(1);
    expect(result).toMatchObject({
      etag: '"4"',
      entity: { identifier: 'svc/api', title: 'API', data: { version: '1.0.0', tier: 1, tags: ['a', 'b'] }, updated_by: ownerId },
    });
    const row = await entityRow();
    expect(row).toMatchObject({ version: 4, title: 'API', data: { version: '1.0.0', tier: 1, tags: ['a', 'b'] } });
    const last = (await audits()).at(-1);
    expect(last).toMatchObject({
      action: 'entity.restored',
      entityId: row.id,
      userId: ownerId,
      oldData: { title: 'API v2', data: { version: '2.0.0', tier: 3 }, version: 3 },
      newData: { title: 'API', data: { version: '1.0.0', tier: 1, tags: ['a', 'b'] }, version: 4, restored_version: 1 },
    });
    // The history shows the restore as the newest version, and the old ones untouched.
    const { versions } = await listEntityHistory(testDb(), ctx, 'service', 'svc/api', { limit: 10, cursor: null });
    expect(versions.map((v) => [v.version, v.action])).toEqual([
      [4, 'entity.restored'],
      [3, 'entity.updated'],
      [2, 'entity.updated'],
      [1, 'entity.created'],
    ]);
  });

  it('restores a title of null as null', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'svc/api', data: { version: '1.0.0' } });
    await patchEntity(testDb(), ctx, 'service', 'svc/api', { title: 'Named' });
    expect((await restore(1)).entity.title).toBeNull();
  });

  it('is 404 for a version the entity never had, and writes nothing', async () => {
    await threeVersions();
    for (const version of [4, 99]) expect((await expectAppError(restore(version))).code).toBe('not_found');
    expect((await entityRow()).version).toBe(3);
    expect(await audits()).toHaveLength(3);
  });

  it('is 404 for an unknown entity, and never reaches the versions of a deleted namesake', async () => {
    expect((await expectAppError(restore(1, {}, 'nope'))).code).toBe('not_found');
    await threeVersions();
    await deleteEntity(testDb(), ctx, 'service', 'svc/api');
    await createEntity(testDb(), ctx, 'service', { identifier: 'svc/api', title: 'Reborn', data: { version: '9.0.0' } });
    // Version 1 of the new entity is its own; versions 2 and 3 belonged to the deleted one.
    expect((await expectAppError(restore(2))).code).toBe('not_found');
    expect((await restore(1)).entity).toMatchObject({ title: 'Reborn', data: { version: '9.0.0' } });
  });

  it("is 404 for another team's entity, even when that team has a blueprint of the same id", async () => {
    await threeVersions();
    const other = await createTeam(testDb());
    const otherCtx = await teamContextOf(other.owner, other.team.slug);
    expect((await expectAppError(restoreEntity(testDb(), otherCtx, 'service', 'svc/api', 1))).code).toBe('not_found');
    await createBlueprint(testDb(), other.team.id, 'service', SCHEMA);
    expect((await expectAppError(restoreEntity(testDb(), otherCtx, 'service', 'svc/api', 1))).code).toBe('not_found');
    expect((await entityRow()).version).toBe(3);
  });

  it('is 422 with the faults when the old data no longer fits the current schema, and writes nothing', async () => {
    await threeVersions();
    const stricter = { ...SCHEMA, properties: { ...SCHEMA.properties, tier: { type: 'integer', minimum: 2 } } };
    await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { schema: stricter } }, { force: true });
    const error = await expectAppError(restore(1));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: '/data/tier', message: expect.any(String) }]);
    expect((await entityRow()).version).toBe(3);
    expect(await audits()).toHaveLength(3);
    // Version 2 has no tier, so it still fits.
    expect((await restore(2)).entity.data).toEqual({ version: '2.0.0' });
  });

  it('a stale If-Match is 409 and changes nothing; the current one works', async () => {
    await threeVersions();
    expect((await expectAppError(restore(1, { ifMatch: [2] }))).code).toBe('conflict');
    expect((await entityRow()).version).toBe(3);
    expect((await restore(1, { ifMatch: [3] })).etag).toBe('"4"');
  });
});
