import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint, deleteBlueprint, updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import { restoreEntity } from '@/lib/entities/restore-entity';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { writeUpserts } from '@/lib/entities/write-upserts';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { listTeamEvents, type EventView } from './list-events';

// Every catalog write path writes exactly its event(s), in its own transaction: what rolls back
// leaves none. The events are read through the team feed (the one reader).

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' }, lang: { type: 'string' } } };
let ctx: TeamContext;
let mark: string | null;

/** The events since the last call (the feed's own cursor). */
async function newEvents(): Promise<EventView[]> {
  const feed = await listTeamEvents(testDb(), ctx, { after: mark, limit: 1000 });
  mark = feed.next_cursor;
  return feed.events;
}

const brief = (e: EventView) => ({ kind: e.kind, blueprint: e.blueprint, identifier: e.entity?.identifier ?? null, changed: e.changed });

async function auditIdOf(action: string, entityId: string) {
  const row = await testDb().auditLog.findFirstOrThrow({
    where: { teamId: ctx.team.id, action, entityId },
    orderBy: { createdAt: 'desc' },
  });
  return row.id;
}

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  ctx = await teamContextOf(owner, team.slug);
  mark = null;
  await createBlueprint(testDb(), ctx, { id: 'cluster', title: 'Cluster', schema: SCHEMA });
  await createBlueprint(testDb(), ctx, {
    id: 'service',
    title: 'Service',
    schema: SCHEMA,
    relations: { runs_on: { target: 'cluster', type: 'many-to-one' } },
  });
  await createEntity(testDb(), ctx, 'cluster', { identifier: 'eu', data: {} });
  await createEntity(testDb(), ctx, 'cluster', { identifier: 'us', data: {} });
  await newEvents();
});

describe('single-entity writes', () => {
  it('create: entity.created naming every property set, its audit row and its actor', async () => {
    const created = await createEntity(testDb(), ctx, 'service', {
      identifier: 'api',
      title: 'API',
      data: { tier: 1, lang: 'go' },
      relations: { runs_on: 'eu' },
    });
    const [event, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expect(brief(event)).toEqual({
      kind: 'entity.created',
      blueprint: 'service',
      identifier: 'api',
      changed: { properties: ['lang', 'tier'], relations: ['runs_on'], title: true },
    });
    expect(event.entity?.id).toBe('entity' in created ? created.entity.id : undefined);
    expect(event.audit_id).toBe(await auditIdOf('entity.created', event.entity!.id));
    expect(event.actor).toEqual({ type: 'user', id: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
    expect(event.request_id).toBe(ctx.requestId);
  });

  it('PATCH, PUT, a links-only change and restore each write one event with what changed', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { tier: 1, lang: 'go' }, relations: { runs_on: 'eu' } });
    await newEvents();
    await patchEntity(testDb(), ctx, 'service', 'api', { data: { tier: 2 } });
    await replaceEntity(testDb(), ctx, 'service', 'api', { title: 'API', data: { tier: 2 }, relations: { runs_on: 'eu' } });
    await patchEntity(testDb(), ctx, 'service', 'api', { relations: { runs_on: 'us' } });
    await restoreEntity(testDb(), ctx, 'service', 'api', 1);
    expect((await newEvents()).map(brief)).toEqual([
      { kind: 'entity.updated', blueprint: 'service', identifier: 'api', changed: { properties: ['tier'], relations: [], title: false } },
      { kind: 'entity.updated', blueprint: 'service', identifier: 'api', changed: { properties: ['lang'], relations: [], title: true } },
      {
        kind: 'entity.links_changed',
        blueprint: 'service',
        identifier: 'api',
        changed: { properties: [], relations: ['runs_on'], title: false },
      },
      // A restore brings back title and data; the links stay as they are.
      {
        kind: 'entity.restored',
        blueprint: 'service',
        identifier: 'api',
        changed: { properties: ['lang', 'tier'], relations: [], title: true },
      },
    ]);
  });

  it('?upsert=true: created, then updated with what changed (from the row as it was)', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { tier: 1 } }, { upsert: true });
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { tier: 1, lang: 'go' } }, { upsert: true });
    expect((await newEvents()).map(brief)).toEqual([
      // A new entity starts with no links: its (empty) relations are known.
      { kind: 'entity.created', blueprint: 'service', identifier: 'api', changed: { properties: ['tier'], relations: [], title: false } },
      { kind: 'entity.updated', blueprint: 'service', identifier: 'api', changed: { properties: ['lang'], relations: null, title: false } },
    ]);
  });

  it('delete: entity.deleted, and entity.links_changed for each entity that linked to it, all naming its audit row', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'a', data: {}, relations: { runs_on: 'eu' } });
    await createEntity(testDb(), ctx, 'service', { identifier: 'b', data: {}, relations: { runs_on: 'eu' } });
    await createEntity(testDb(), ctx, 'service', { identifier: 'c', data: {}, relations: { runs_on: 'us' } });
    await newEvents();
    await deleteEntity(testDb(), ctx, 'cluster', 'eu');
    const events = await newEvents();
    expect(events.map(brief)).toEqual([
      {
        kind: 'entity.links_changed',
        blueprint: 'service',
        identifier: 'a',
        changed: { properties: [], relations: ['runs_on'], title: false },
      },
      {
        kind: 'entity.links_changed',
        blueprint: 'service',
        identifier: 'b',
        changed: { properties: [], relations: ['runs_on'], title: false },
      },
      { kind: 'entity.deleted', blueprint: 'cluster', identifier: 'eu', changed: { properties: [], relations: [], title: false } },
    ]);
    const auditId = await auditIdOf('entity.deleted', events[2].entity!.id);
    expect(events.map((e) => e.audit_id)).toEqual([auditId, auditId, auditId]);
  });
});

describe('bulk', () => {
  it('writes one event per written item, created and updated, none for a failed item', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'old', title: 'Old', data: { tier: 1 } });
    await newEvents();
    const { results } = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'new', data: { lang: 'go' }, relations: { runs_on: 'eu' } },
      { identifier: 'old', title: 'Old', data: { tier: 2, lang: 'rust' } },
      { identifier: 'bad', data: { tier: 'not a number' } },
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'updated', 'error']);
    const events = await newEvents();
    expect(events.map(brief).sort((a, b) => a.identifier!.localeCompare(b.identifier!))).toEqual([
      {
        kind: 'entity.created',
        blueprint: 'service',
        identifier: 'new',
        changed: { properties: ['lang'], relations: ['runs_on'], title: false },
      },
      // The old row's links are not read by a bulk write: relations unknown (null), not "none".
      {
        kind: 'entity.updated',
        blueprint: 'service',
        identifier: 'old',
        changed: { properties: ['lang', 'tier'], relations: null, title: false },
      },
    ]);
    for (const e of events) expect(e.audit_id).toBe(await auditIdOf(e.kind, e.entity!.id));
  });
});

describe('blueprints', () => {
  it('created, updated (naming the fields that changed) and deleted', async () => {
    await createBlueprint(testDb(), ctx, { id: 'team', title: 'Team', schema: SCHEMA });
    await updateBlueprint(testDb(), ctx, 'team', { replace: false, input: { title: 'Teams', description: 'people' } });
    await deleteBlueprint(testDb(), ctx, 'team');
    expect((await newEvents()).map(brief)).toEqual([
      {
        kind: 'blueprint.created',
        blueprint: 'team',
        identifier: null,
        changed: { properties: ['description', 'icon', 'relations', 'schema', 'title'], relations: null, title: true },
      },
      {
        kind: 'blueprint.updated',
        blueprint: 'team',
        identifier: null,
        changed: { properties: ['description', 'title'], relations: null, title: true },
      },
      {
        kind: 'blueprint.deleted',
        blueprint: 'team',
        identifier: null,
        changed: { properties: ['description', 'icon', 'relations', 'schema', 'title'], relations: null, title: true },
      },
    ]);
  });
});

describe('what rolls back leaves no event', () => {
  it('a refused create (422), a stale If-Match (409), a refused delete of a missing entity (404)', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { tier: 1 } });
    await newEvents();
    await expectAppError(createEntity(testDb(), ctx, 'service', { identifier: 'x', data: { tier: 'no' } }));
    await expectAppError(patchEntity(testDb(), ctx, 'service', 'api', { data: { tier: 2 } }, { ifMatch: [7] }));
    await expectAppError(deleteEntity(testDb(), ctx, 'service', 'missing'));
    expect(await newEvents()).toEqual([]);
  });

  it('a batch whose transaction fails after its statement wrote entities, audit rows and events', async () => {
    const failed = testDb().$transaction(async (tx) => {
      const written = await writeUpserts(tx, ctx, 'service', [
        { identifier: 'a', title: null, data: {} },
        { identifier: 'b', title: null, data: {} },
      ]);
      expect(written).toHaveLength(2);
      throw new Error('the rest of the transaction failed');
    });
    await expect(failed).rejects.toThrow('the rest of the transaction failed');
    expect(await newEvents()).toEqual([]);
    expect(await testDb().entity.count({ where: { teamId: ctx.team.id, blueprintId: 'service' } })).toBe(0);
  });
});
