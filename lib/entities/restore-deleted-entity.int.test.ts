import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { createEntity } from './create-entity';
import { deleteEntity } from './delete-entity';
import { getEntity } from './get-entity';
import { listEntityHistory } from './list-entity-history';
import { restoreEntity } from './restore-entity';
import { replaceEntity } from './update-entity';

// The Undo of a delete against the real database: POST .../restore with `entity_id` brings a
// deleted entity back under its row id with its own links, as the next version, audited as
// entity.restored in the same transaction. Refused, writing nothing: another team's entity id
// (404), another blueprint's (404), an identifier taken since (409), a deletion that took other
// entities' links with it (409), links whose targets are gone (422).

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' } } };
let ctx: TeamContext;
let teamId: string;

async function team() {
  const { team: t, owner } = await createTeam(testDb());
  const c = await teamContextOf(owner, t.slug);
  await createBlueprint(testDb(), c, { id: 'cluster', title: 'Cluster', schema: SCHEMA });
  await createBlueprint(testDb(), c, {
    id: 'service',
    title: 'Service',
    schema: SCHEMA,
    relations: { runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-many' } },
  });
  await createEntity(testDb(), c, 'cluster', { identifier: 'c1', data: {} });
  return { ctx: c, teamId: t.id };
}

beforeEach(async () => {
  ({ ctx, teamId } = await team());
});

/** checkout: v1 created, v2 replaced (title "Checkout v2", tier 2, runs on c1), then deleted. */
async function deletedCheckout() {
  const created = await createEntity(testDb(), ctx, 'service', { identifier: 'checkout', title: 'Checkout', data: { tier: 1 } });
  if (!('entity' in created)) throw new Error('not created');
  await replaceEntity(testDb(), ctx, 'service', 'checkout', { title: 'Checkout v2', data: { tier: 2 }, relations: { runs_on: ['c1'] } });
  await deleteEntity(testDb(), ctx, 'service', 'checkout');
  return created.entity.id;
}

const counts = async () => ({
  entities: await testDb().entity.count({ where: { teamId } }),
  links: await testDb().entityRelation.count({ where: { teamId } }),
  audits: await testDb().auditLog.count({ where: { teamId } }),
});

describe('restoring a deleted entity', () => {
  it('brings it back under its id, with its links, as the next version; history shows the restore', async () => {
    const id = await deletedCheckout();
    const { entity, etag } = await restoreEntity(testDb(), ctx, 'service', 'checkout', 2, { entityId: id });
    expect(entity).toMatchObject({ id, identifier: 'checkout', title: 'Checkout v2', data: { tier: 2 }, relations: { runs_on: ['c1'] } });
    expect(etag).toBe('"3"');
    expect((await getEntity(testDb(), ctx, 'service', 'checkout')).entity.id).toBe(id);
    const history = await listEntityHistory(testDb(), ctx, 'service', 'checkout', { limit: 10, cursor: null });
    expect(history.versions.map((v) => [v.action, v.version, v.restored_version])).toEqual([
      ['entity.restored', 3, 2],
      ['entity.deleted', 2, null],
      ['entity.updated', 2, null],
      ['entity.created', 1, null],
    ]);
  });

  it('an older version comes back with that version’s title and data', async () => {
    const id = await deletedCheckout();
    const { entity } = await restoreEntity(testDb(), ctx, 'service', 'checkout', 1, { entityId: id });
    expect(entity).toMatchObject({ title: 'Checkout', data: { tier: 1 } });
  });

  it("another team's entity id is a 404, and nothing is written", async () => {
    const id = await deletedCheckout();
    const other = await team();
    const before = await testDb().entity.count();
    const error = await expectAppError(restoreEntity(testDb(), other.ctx, 'service', 'checkout', 2, { entityId: id }));
    expect(error.code).toBe('not_found');
    expect(await testDb().entity.count()).toBe(before);
  });

  it('another blueprint, another identifier, an unknown id or no id at all: 404', async () => {
    const id = await deletedCheckout();
    const before = await counts();
    const attempts = [
      () => restoreEntity(testDb(), ctx, 'cluster', 'checkout', 2, { entityId: id }),
      () => restoreEntity(testDb(), ctx, 'service', 'payments', 2, { entityId: id }),
      () => restoreEntity(testDb(), ctx, 'service', 'checkout', 2, { entityId: '00000000-0000-4000-8000-000000000000' }),
      () => restoreEntity(testDb(), ctx, 'service', 'checkout', 2),
    ];
    for (const attempt of attempts) expect((await expectAppError(attempt())).code).toBe('not_found');
    expect(await counts()).toEqual(before);
  });

  it('an identifier taken again since is a 409, and the newcomer is untouched', async () => {
    const id = await deletedCheckout();
    await createEntity(testDb(), ctx, 'service', { identifier: 'checkout', title: 'Newcomer', data: {} });
    const error = await expectAppError(restoreEntity(testDb(), ctx, 'service', 'checkout', 2, { entityId: id }));
    expect(error.code).toBe('conflict');
    expect((await getEntity(testDb(), ctx, 'service', 'checkout')).entity.title).toBe('Newcomer');
  });

  it('a deletion that removed links from other entities is refused (409): they cannot be brought back', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: {}, relations: { runs_on: ['c1'] } });
    const c1 = (await getEntity(testDb(), ctx, 'cluster', 'c1')).entity.id;
    await deleteEntity(testDb(), ctx, 'cluster', 'c1');
    const before = await counts();
    const error = await expectAppError(restoreEntity(testDb(), ctx, 'cluster', 'c1', 1, { entityId: c1 }));
    expect(error.code).toBe('conflict');
    expect(error.details).toMatchObject({ reason: 'incoming_links_removed', count: 1 });
    expect(await counts()).toEqual(before);
  });

  it('a link whose target has gone since is a 422, and nothing is written', async () => {
    const id = await deletedCheckout();
    await deleteEntity(testDb(), ctx, 'cluster', 'c1');
    const before = await counts();
    const error = await expectAppError(restoreEntity(testDb(), ctx, 'service', 'checkout', 2, { entityId: id }));
    expect(error.code).toBe('validation_failed');
    expect(await counts()).toEqual(before);
  });
});
