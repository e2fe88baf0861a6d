import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb } from '@/lib/test/database-per-file';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { bulkDeleteEntities } from './bulk-delete-entities';
import { bulkPatchEntities } from './bulk-patch-entities';
import { bulkUpsertEntities } from './bulk-upsert-entities';
import { getEntity } from './get-entity';

// Bulk patch and bulk delete against the real database: each entity validated, written (or
// deleted), audited and evented through the one write path; per-item failures never block or
// half-write the others; another team's blueprint and entities are out of reach.

// A production service needs an owner: the rule that makes one entity of a batch fail.
const SCHEMA = {
  type: 'object',
  properties: { lifecycle: { type: 'string', enum: ['experimental', 'production'] }, owner: { type: 'string' }, tier: { type: 'integer' } },
  if: { properties: { lifecycle: { const: 'production' } }, required: ['lifecycle'] },
  then: { required: ['owner'] },
};

let ctx: TeamContext;
let teamId: string;
let slug: string;

async function seed(c: TeamContext) {
  await createBlueprint(testDb(), c, { id: 'team', title: 'Team', schema: { type: 'object' } });
  await createBlueprint(testDb(), c, {
    id: 'service',
    title: 'Service',
    schema: SCHEMA,
    relations: { owned_by: { target: 'team', type: 'many-to-one' }, uses: { target: 'service', type: 'many-to-many' } },
  });
  await bulkUpsertEntities(testDb(), c, 'team', [
    { identifier: 'team-a', data: {} },
    { identifier: 'team-b', data: {} },
  ]);
  await bulkUpsertEntities(testDb(), c, 'service', [
    { identifier: 'svc-1', data: { lifecycle: 'experimental', owner: 'ann' } },
    { identifier: 'svc-2', data: { lifecycle: 'experimental', owner: 'bob' } },
    { identifier: 'svc-3', data: { lifecycle: 'experimental' } },
    { identifier: 'svc-4', data: { lifecycle: 'production', owner: 'cy' } },
  ]);
}

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  ctx = await teamContextOf(owner, team.slug);
  teamId = team.id;
  slug = team.slug;
  await seed(ctx);
});

const entity = async (identifier: string, c = ctx) => (await getEntity(testDb(), c, 'service', identifier)).entity;
const versionOf = async (identifier: string) =>
  (await testDb().entity.findFirstOrThrow({ where: { teamId, blueprintId: 'service', identifier } })).version;
const auditsOf = (action: string) => testDb().auditLog.count({ where: { teamId, action } });
const eventCount = () => testDb().catalogEvent.count({ where: { teamId } });

describe('bulkPatchEntities', () => {
  it('patches each entity as PATCH would; an invalid result, an unknown identifier and a no-op are per-item', async () => {
    const [audits, events] = [await auditsOf('entity.updated'), await eventCount()];
    const { allSucceeded, results } = await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1', 'svc-3', 'nope', 'svc-4', 'svc-2'], {
      data: { lifecycle: 'production' },
    });
    expect(allSucceeded).toBe(false);
    expect(results.map((r) => [r.index, r.identifier, r.status])).toEqual([
      [0, 'svc-1', 'updated'],
      [1, 'svc-3', 'error'],
      [2, 'nope', 'error'],
      [3, 'svc-4', 'unchanged'],
      [4, 'svc-2', 'updated'],
    ]);
    expect(results[1]).toMatchObject({
      error: { code: 'validation_failed', details: expect.arrayContaining([expect.objectContaining({ path: '/data/owner' })]) },
    });
    expect(results[2]).toMatchObject({ error: { code: 'not_found' } });
    expect((await entity('svc-1')).data).toEqual({ lifecycle: 'production', owner: 'ann' });
    expect((await entity('svc-3')).data).toEqual({ lifecycle: 'experimental' });
    expect([await versionOf('svc-1'), await versionOf('svc-3'), await versionOf('svc-4')]).toEqual([2, 1, 1]);
    // Exactly the two written entities are audited and evented.
    expect(await auditsOf('entity.updated')).toBe(audits + 2);
    expect(await eventCount()).toBe(events + 2);
  });

  it('null removes a property; a title may be set; an all-good batch succeeds', async () => {
    const { allSucceeded } = await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1', 'svc-2'], { title: 'T', data: { owner: null } });
    expect(allSucceeded).toBe(true);
    expect(await entity('svc-2')).toMatchObject({ title: 'T', data: { lifecycle: 'experimental' } });
  });

  it('sets, adds and removes relation targets; a missing target fails only its item', async () => {
    await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1', 'svc-2'], { relations: { owned_by: 'team-a' } });
    expect((await entity('svc-1')).relations).toEqual({ owned_by: 'team-a' });
    await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1', 'svc-2'], { relations_add: { uses: ['svc-3', 'svc-4'] } });
    await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1'], { relations_remove: { uses: ['svc-3'] } });
    expect((await entity('svc-1')).relations).toEqual({ owned_by: 'team-a', uses: ['svc-4'] });
    expect((await entity('svc-2')).relations).toEqual({ owned_by: 'team-a', uses: ['svc-3', 'svc-4'] });
    // Adding what is there already changes nothing.
    const again = await bulkPatchEntities(testDb(), ctx, 'service', ['svc-2'], { relations_add: { uses: ['svc-3'] } });
    expect(again.results[0].status).toBe('unchanged');
    const missing = await bulkPatchEntities(testDb(), ctx, 'service', ['svc-3'], { relations: { owned_by: 'team-zz' } });
    expect(missing.results[0]).toMatchObject({ status: 'error', error: { code: 'validation_failed' } });
    expect((await entity('svc-3')).relations).toEqual({});
    await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1'], { relations: { owned_by: null } });
    expect((await entity('svc-1')).relations).toEqual({ uses: ['svc-4'] });
  });

  it('refuses to add to a one-target relation or to an unknown one (422, nothing written)', async () => {
    const e = await expectAppError(bulkPatchEntities(testDb(), ctx, 'service', ['svc-1'], { relations_add: { owned_by: ['team-a'] } }));
    expect(e.code).toBe('validation_failed');
    const u = await expectAppError(bulkPatchEntities(testDb(), ctx, 'service', ['svc-1'], { relations_remove: { nope: ['x'] } }));
    expect(u.code).toBe('validation_failed');
    expect(await versionOf('svc-1')).toBe(1);
  });

  it('a repeated identifier is a per-item conflict; more than 1000 is a 400', async () => {
    const { results } = await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1', 'svc-1'], { data: { tier: 1 } });
    expect(results.map((r) => r.status)).toEqual(['updated', 'error']);
    expect(await versionOf('svc-1')).toBe(2);
    const big = Array.from({ length: 1001 }, (_, i) => `s${i}`);
    expect((await expectAppError(bulkPatchEntities(testDb(), ctx, 'service', big, { data: {} }))).code).toBe('bad_request');
  });

  it('needs entity:write', async () => {
    const viewer = await addMembership(testDb(), teamId, 'viewer');
    const v = await teamContextOf(viewer, slug);
    expect((await expectAppError(bulkPatchEntities(testDb(), v, 'service', ['svc-1'], { data: { tier: 1 } }))).code).toBe('forbidden');
  });
});

describe('bulkDeleteEntities', () => {
  it('deletes each named entity with its audit row and event; an unknown one is a per-item not_found', async () => {
    await bulkPatchEntities(testDb(), ctx, 'service', ['svc-1'], { relations_add: { uses: ['svc-2'] } });
    const [audits, events] = [await auditsOf('entity.deleted'), await eventCount()];
    const { allSucceeded, results } = await bulkDeleteEntities(testDb(), ctx, 'service', ['svc-2', 'ghost', 'svc-3']);
    expect(allSucceeded).toBe(false);
    expect(results.map((r) => [r.identifier, r.status])).toEqual([
      ['svc-2', 'deleted'],
      ['ghost', 'error'],
      ['svc-3', 'deleted'],
    ]);
    expect(results[1]).toMatchObject({ error: { code: 'not_found' } });
    const left = await testDb().entity.findMany({ where: { teamId, blueprintId: 'service' }, orderBy: { identifier: 'asc' } });
    expect(left.map((e) => e.identifier)).toEqual(['svc-1', 'svc-4']);
    expect((await entity('svc-1')).relations).toEqual({});
    expect(await auditsOf('entity.deleted')).toBe(audits + 2);
    expect(await eventCount()).toBeGreaterThan(events + 1);
  });

  it('needs entity:delete', async () => {
    const editor = await addMembership(testDb(), teamId, 'viewer');
    const v = await teamContextOf(editor, slug);
    expect((await expectAppError(bulkDeleteEntities(testDb(), v, 'service', ['svc-1']))).code).toBe('forbidden');
    expect(await versionOf('svc-1')).toBe(1);
  });
});

describe('another team', () => {
  it("cannot reach this team's entities: its own blueprint answers not_found per item, another blueprint 404", async () => {
    const { team, owner } = await createTeam(testDb());
    const other = await teamContextOf(owner, team.slug);
    expect((await expectAppError(bulkPatchEntities(testDb(), other, 'service', ['svc-1'], { data: { tier: 9 } }))).code).toBe('not_found');
    expect((await expectAppError(bulkDeleteEntities(testDb(), other, 'service', ['svc-1']))).code).toBe('not_found');
    await createBlueprint(testDb(), other, { id: 'service', title: 'Theirs', schema: { type: 'object' } });
    const patched = await bulkPatchEntities(testDb(), other, 'service', ['svc-1'], { data: { tier: 9 } });
    expect(patched.results[0]).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    const deleted = await bulkDeleteEntities(testDb(), other, 'service', ['svc-1']);
    expect(deleted.results[0]).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    expect(await entity('svc-1')).toMatchObject({ data: { lifecycle: 'experimental', owner: 'ann' } });
    expect(await versionOf('svc-1')).toBe(1);
  });
});
