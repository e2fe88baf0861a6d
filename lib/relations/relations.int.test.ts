import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint as createBlueprintService, getBlueprint, updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity, previewDeleteEntity } from '@/lib/entities/delete-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { RELATION_TYPES, type RelationType } from './relation-types';

// Relations against the real database: definitions in the blueprint body, links on every entity
// write, the cardinality matrix (each type, required or not), concurrent writers of a one-to-one,
// another team's identifiers as missing targets, deletes that take links with them, and relation
// changes answered first (409) unless forced.

const EMPTY = { type: 'object', properties: { region: { type: 'string' } } };
let ctx: TeamContext;
let teamId: string;

async function team() {
  const { team: t, owner } = await createTeam(testDb());
  return { ctx: await teamContextOf(owner, t.slug), teamId: t.id };
}

async function setup(c: TeamContext, type: RelationType = 'many-to-many', required = false) {
  await createBlueprintService(testDb(), c, { id: 'cluster', title: 'Cluster', schema: EMPTY });
  await createBlueprintService(testDb(), c, {
    id: 'service',
    title: 'Service',
    schema: EMPTY,
    relations: { runs_on: { title: 'Runs on', target: 'cluster', type, required } },
  });
  for (const id of ['c1', 'c2', 'c3']) await createEntity(testDb(), c, 'cluster', { identifier: id, data: { region: `r-${id}` } });
}

const entityOf = async (bp: string, id: string) => (await getEntity(testDb(), ctx, bp, id)).entity;
const detailsOf = async (p: Promise<unknown>) => {
  const e = await expectAppError(p);
  return { code: e.code, details: e.details };
};
const links = () => testDb().entityRelation.count({ where: { teamId } });

beforeEach(async () => {
  ({ ctx, teamId } = await team());
});

describe('blueprint relations', () => {
  it('are saved with the blueprint and returned by GET', async () => {
    await setup(ctx, 'many-to-one', true);
    const bp = await getBlueprint(testDb(), ctx, 'service');
    expect(bp.relations).toEqual({ runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: true } });
  });

  it('refuse a target blueprint the team does not have, and an id that is a schema property (422 naming them)', async () => {
    const other = await team();
    await createBlueprintService(testDb(), other.ctx, { id: 'cluster', title: 'Theirs', schema: EMPTY });
    expect(
      await detailsOf(
        createBlueprintService(testDb(), ctx, { id: 'service', title: 'S', schema: EMPTY, relations: { runs_on: { target: 'cluster' } } }),
      ),
    ).toEqual({
      code: 'validation_failed',
      details: [{ path: '/relations/runs_on/target', message: expect.stringContaining('cluster') }],
    });
    await createBlueprintService(testDb(), ctx, { id: 'cluster', title: 'C', schema: EMPTY });
    expect(
      await detailsOf(
        createBlueprintService(testDb(), ctx, { id: 'service', title: 'S', schema: EMPTY, relations: { region: { target: 'cluster' } } }),
      ),
    ).toEqual({
      code: 'validation_failed',
      details: [{ path: '/relations/region', message: expect.stringContaining('property') }],
    });
  });

  it('a schema change that adds a property named like an existing relation is a 422', async () => {
    await setup(ctx);
    const schema = { type: 'object', properties: { runs_on: { type: 'string' } } };
    expect(await detailsOf(updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { schema } }))).toMatchObject({
      code: 'validation_failed',
      details: [{ path: '/relations/runs_on' }],
    });
    expect((await getBlueprint(testDb(), ctx, 'service')).schema).toEqual(EMPTY);
  });

  it('a change that costs links is a 409 with the counts; force removes them and audits it', async () => {
    await setup(ctx);
    // s1 links c1 first, c2 later (links of one write share a timestamp; the earliest is kept).
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1'] } });
    await patchEntity(testDb(), ctx, 'service', 's1', { relations: { runs_on: ['c1', 'c2'] } });
    await createEntity(testDb(), ctx, 'service', { identifier: 's2', data: {}, relations: { runs_on: ['c1'] } });
    // Tightening to one-to-one: s1's second link and s2's link to c1 (taken first by s1) break it.
    const tighten = { relations: { runs_on: { title: 'Runs on', target: 'cluster', type: 'one-to-one' as const } } };
    const refused = await expectAppError(updateBlueprint(testDb(), ctx, 'service', { replace: false, input: tighten }));
    expect(refused.code).toBe('conflict');
    expect(refused.details).toEqual({ reason: 'relation_impact', relations: [{ relation: 'runs_on', change: 'retyped', links: 2 }] });
    expect(await links()).toBe(3);
    // A title change costs nothing.
    await updateBlueprint(testDb(), ctx, 'service', {
      replace: false,
      input: { relations: { runs_on: { title: 'Hosted on', target: 'cluster' } } },
    });
    expect(await links()).toBe(3);
    await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: tighten }, { force: true });
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: 'c1' });
    expect((await entityOf('service', 's2')).relations).toEqual({});
    // Removing the relation (PUT without it) removes every link, forced.
    expect(
      (await expectAppError(updateBlueprint(testDb(), ctx, 'service', { replace: true, input: { title: 'S', schema: EMPTY } }))).code,
    ).toBe('conflict');
    await updateBlueprint(testDb(), ctx, 'service', { replace: true, input: { title: 'S', schema: EMPTY } }, { force: true });
    expect(await links()).toBe(0);
    const audit = await testDb().auditLog.findFirst({ where: { teamId, action: 'blueprint.updated' }, orderBy: { createdAt: 'desc' } });
    expect(audit?.newData).toMatchObject({ relations: {}, removed_links: [{ relation: 'runs_on', change: 'removed', links: 1 }] });
  });

  it('making a relation required while entities lack its link is a 409 with their count; forced, it is saved and audited', async () => {
    await setup(ctx);
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1'] } });
    await createEntity(testDb(), ctx, 'service', { identifier: 's2', data: {} });
    await createEntity(testDb(), ctx, 'service', { identifier: 's3', data: {} });
    const required = (extra: Record<string, { target: string; required?: boolean }> = {}) => ({
      replace: false as const,
      input: { relations: { runs_on: { target: 'cluster', required: true }, ...extra } },
    });
    const refused = await expectAppError(updateBlueprint(testDb(), ctx, 'service', required()));
    expect(refused.code).toBe('conflict');
    expect(refused.details).toEqual({
      reason: 'relation_impact',
      relations: [{ relation: 'runs_on', change: 'required', entities: 2, entities_is_lower_bound: false }],
    });
    // A new required relation: no entity has it yet.
    const added = await expectAppError(
      updateBlueprint(testDb(), ctx, 'service', {
        replace: false,
        input: { relations: { runs_on: { target: 'cluster' }, backup_on: { target: 'cluster', required: true } } },
      }),
    );
    expect(added.details).toEqual({
      reason: 'relation_impact',
      relations: [{ relation: 'backup_on', change: 'required', entities: 3, entities_is_lower_bound: false }],
    });
    expect((await getBlueprint(testDb(), ctx, 'service')).relations.runs_on.required).toBe(false);

    await updateBlueprint(testDb(), ctx, 'service', required(), { force: true });
    expect((await getBlueprint(testDb(), ctx, 'service')).relations.runs_on.required).toBe(true);
    const audit = await testDb().auditLog.findFirst({ where: { teamId, action: 'blueprint.updated' }, orderBy: { createdAt: 'desc' } });
    expect(audit?.newData).toMatchObject({ forced: true, unlinked_entities: [{ relation: 'runs_on', entities: 2 }] });
    // Already required: saving it again asks nothing; the unlinked entities must link on their next write.
    await updateBlueprint(testDb(), ctx, 'service', required());
    expect((await expectAppError(replaceEntity(testDb(), ctx, 'service', 's2', { data: {} }))).details).toEqual([
      { path: '/relations/runs_on', message: expect.any(String) },
    ]);
  });

  it('renamed_from renames a relation and keeps its links (a swap too); bad renames are 422s that change nothing', async () => {
    await setup(ctx);
    await updateBlueprint(testDb(), ctx, 'service', {
      replace: false,
      input: { relations: { runs_on: { target: 'cluster' }, backup_on: { target: 'cluster' } } },
    });
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1'], backup_on: ['c2', 'c3'] } });

    const renamed = await updateBlueprint(testDb(), ctx, 'service', {
      replace: false,
      input: {
        relations: { hosted_on: { title: 'Hosted on', target: 'cluster', renamed_from: 'runs_on' }, backup_on: { target: 'cluster' } },
      },
    });
    expect(Object.keys(renamed.relations)).toEqual(['backup_on', 'hosted_on']);
    expect((await entityOf('service', 's1')).relations).toEqual({ hosted_on: ['c1'], backup_on: ['c2', 'c3'] });
    const audit = await testDb().auditLog.findFirst({ where: { teamId, action: 'blueprint.updated' }, orderBy: { createdAt: 'desc' } });
    expect(audit?.newData).toMatchObject({ renamed_relations: [{ from: 'runs_on', to: 'hosted_on' }] });

    // A swap goes through a temporary id, so the unique key never sees two of one name.
    await updateBlueprint(testDb(), ctx, 'service', {
      replace: false,
      input: {
        relations: {
          hosted_on: { target: 'cluster', renamed_from: 'backup_on' },
          backup_on: { target: 'cluster', renamed_from: 'hosted_on' },
        },
      },
    });
    expect((await entityOf('service', 's1')).relations).toEqual({ hosted_on: ['c2', 'c3'], backup_on: ['c1'] });

    const refuse = (relations: Record<string, { target: string; renamed_from?: string }>) =>
      detailsOf(updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { relations } }));
    expect(
      await refuse({ a: { target: 'cluster', renamed_from: 'nope' }, hosted_on: { target: 'cluster' }, backup_on: { target: 'cluster' } }),
    ).toEqual({
      code: 'validation_failed',
      details: [{ path: '/relations/a/renamed_from', message: expect.stringContaining('"nope"') }],
    });
    expect(
      await refuse({
        a: { target: 'cluster', renamed_from: 'hosted_on' },
        hosted_on: { target: 'cluster' },
        backup_on: { target: 'cluster' },
      }),
    ).toMatchObject({ details: [{ path: '/relations/a/renamed_from' }] });
    expect(
      await refuse({
        a: { target: 'cluster', renamed_from: 'hosted_on' },
        b: { target: 'cluster', renamed_from: 'hosted_on' },
        backup_on: { target: 'cluster' },
      }),
    ).toMatchObject({ details: [{ path: '/relations/b/renamed_from' }] });
    expect((await entityOf('service', 's1')).relations).toEqual({ hosted_on: ['c2', 'c3'], backup_on: ['c1'] });
  });
});

describe('entity links', () => {
  it('are written on create, shown on GET, replaced by PUT and merge-patched by PATCH', async () => {
    await setup(ctx);
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1', 'c2'] } });
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c1', 'c2'] });
    await replaceEntity(testDb(), ctx, 'service', 's1', { data: {}, relations: { runs_on: ['c3'] } });
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c3'] });
    await patchEntity(testDb(), ctx, 'service', 's1', { title: 'x' });
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c3'] });
    await patchEntity(testDb(), ctx, 'service', 's1', { relations: { runs_on: null } });
    expect((await entityOf('service', 's1')).relations).toEqual({});
    await replaceEntity(testDb(), ctx, 'service', 's1', { data: {}, relations: { runs_on: 'c2' } });
    await replaceEntity(testDb(), ctx, 'service', 's1', { data: {} });
    expect(await links()).toBe(0);
  });

  it('validate_only checks the links and writes nothing', async () => {
    await setup(ctx);
    expect(
      await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1'] } }, { validateOnly: true }),
    ).toEqual({ valid: true });
    expect(
      (
        await expectAppError(
          createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['zz'] } }, { validateOnly: true }),
        )
      ).code,
    ).toBe('validation_failed');
    expect(await links()).toBe(0);
    expect(await testDb().entity.count({ where: { teamId, blueprintId: 'service' } })).toBe(0);
  });

  it('an upsert without relations keeps the links; with relations it replaces them', async () => {
    await setup(ctx);
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1'] } });
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: { region: 'x' } }, { upsert: true });
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c1'] });
    await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 's1', data: {}, relations: { runs_on: ['c2', 'c3'] } }]);
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c2', 'c3'] });
    await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 's1', data: {} }]);
    expect((await entityOf('service', 's1')).relations).toEqual({ runs_on: ['c2', 'c3'] });
  });

  it('bulk and upsert audit rows record the links the write set, exactly as GET shows them', async () => {
    await setup(ctx);
    const auditOf = async (identifier: string) => {
      const { entity } = await getEntity(testDb(), ctx, 'service', identifier);
      const row = await testDb().auditLog.findFirst({
        where: { teamId, entityType: 'entity', entityId: entity.id },
        orderBy: { createdAt: 'desc' },
      });
      return { entity, audit: row?.newData as { relations?: unknown; version: number } };
    };
    // Unsorted and repeated targets: the audit holds the view (sorted, unique), as GET does.
    await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 's1', data: {}, relations: { runs_on: ['c3', 'c1', 'c3'] } },
      { identifier: 's2', data: {} },
    ]);
    for (const id of ['s1', 's2']) {
      const { entity, audit } = await auditOf(id);
      expect(audit.relations).toEqual(entity.relations);
    }
    expect((await auditOf('s1')).audit.relations).toEqual({ runs_on: ['c1', 'c3'] });
    await createEntity(testDb(), ctx, 'service', { identifier: 's2', data: {}, relations: { runs_on: 'c2' } }, { upsert: true });
    const { entity, audit } = await auditOf('s2');
    expect(audit).toMatchObject({ version: 2, relations: { runs_on: ['c2'] } });
    expect(audit.relations).toEqual(entity.relations);
    // An upsert that keeps the links records none: they did not change.
    await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 's2', data: { region: 'x' } }]);
    expect((await auditOf('s2')).audit).not.toHaveProperty('relations');
  });

  it('an unknown relation or a missing target is a 422 naming it; nothing is written', async () => {
    await setup(ctx);
    expect(
      await detailsOf(createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { hosted_by: 'c1' } })),
    ).toMatchObject({
      code: 'validation_failed',
      details: [{ path: '/relations/hosted_by' }],
    });
    expect(
      await detailsOf(createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1', 'nope'] } })),
    ).toMatchObject({
      code: 'validation_failed',
      details: [{ path: '/relations/runs_on', message: expect.stringContaining('nope') }],
    });
    expect(await testDb().entity.count({ where: { teamId, blueprintId: 'service' } })).toBe(0);
  });

  it("another team's identifiers are missing targets, never linked", async () => {
    await setup(ctx);
    const other = await team();
    await setup(other.ctx);
    await createEntity(testDb(), other.ctx, 'cluster', { identifier: 'theirs', data: {} });
    const error = await detailsOf(
      createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['theirs'] } }),
    );
    expect(error).toMatchObject({ code: 'validation_failed', details: [{ path: '/relations/runs_on' }] });
    expect(await testDb().entityRelation.count({ where: { teamId: { in: [teamId, other.teamId] } } })).toBe(0);
  });

  it('deleting a target: the dry run names who points at it; the delete removes the links and audits them', async () => {
    await setup(ctx);
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', title: 'Service one', data: {}, relations: { runs_on: ['c1'] } });
    await createEntity(testDb(), ctx, 'service', { identifier: 's2', data: {}, relations: { runs_on: ['c1', 'c2'] } });
    const report = await previewDeleteEntity(testDb(), ctx, 'cluster', 'c1');
    expect(report.would_delete.incoming_links).toEqual({
      count: 2,
      sample: [
        { blueprint: 'service', identifier: 's1', title: 'Service one', relation: 'runs_on' },
        { blueprint: 'service', identifier: 's2', title: null, relation: 'runs_on' },
      ],
    });
    expect(await links()).toBe(3);
    await deleteEntity(testDb(), ctx, 'cluster', 'c1');
    expect(await links()).toBe(1);
    expect((await entityOf('service', 's2')).relations).toEqual({ runs_on: ['c2'] });
    const audit = await testDb().auditLog.findFirst({ where: { teamId, action: 'entity.deleted' } });
    expect(audit?.oldData).toMatchObject({ identifier: 'c1', removed_incoming_links: { count: 2 } });
  });

  it('bulk upsert: an item with bad links fails alone', async () => {
    await setup(ctx, 'one-to-one');
    const { allSucceeded, results } = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'a', data: {}, relations: { runs_on: 'c1' } },
      { identifier: 'b', data: {}, relations: { runs_on: 'missing' } },
      { identifier: 'c', data: {}, relations: { runs_on: 'c1' } },
      { identifier: 'd', data: {}, relations: { runs_on: 'c2' } },
    ]);
    expect(allSucceeded).toBe(false);
    expect(results.map((r) => r.status)).toEqual(['created', 'error', 'error', 'created']);
    expect((await entityOf('service', 'a')).relations).toEqual({ runs_on: 'c1' });
    expect((await entityOf('service', 'd')).relations).toEqual({ runs_on: 'c2' });
    expect(await testDb().entity.count({ where: { teamId, blueprintId: 'service' } })).toBe(2);
  });
});

describe('the cardinality matrix', () => {
  for (const type of RELATION_TYPES) {
    for (const required of [false, true]) {
      it(`${type}${required ? ', required' : ''}`, async () => {
        await setup(ctx, type, required);
        const singleTarget = type === 'one-to-one' || type === 'many-to-one';
        const singleSource = type === 'one-to-one' || type === 'one-to-many';
        // Required: an entity without the link is refused on create and PUT; optional: accepted.
        const bare = createEntity(testDb(), ctx, 'service', { identifier: 'bare', data: {} });
        if (required) expect(await detailsOf(bare)).toMatchObject({ code: 'validation_failed', details: [{ path: '/relations/runs_on' }] });
        else await bare;
        // Several targets for one source: an array, refused by single-target types.
        const many = createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: ['c1', 'c2'] } });
        if (singleTarget) {
          expect(await detailsOf(many)).toMatchObject({
            details: [{ path: '/relations/runs_on', message: expect.stringContaining('one target') }],
          });
          await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: {}, relations: { runs_on: 'c1' } });
        } else await many;
        // A second source for c1: refused by single-source types.
        const second = createEntity(testDb(), ctx, 'service', {
          identifier: 's2',
          data: {},
          relations: { runs_on: singleTarget ? 'c1' : ['c1'] },
        });
        if (singleSource)
          expect(await detailsOf(second)).toMatchObject({
            details: [{ path: '/relations/runs_on', message: expect.stringContaining('"s1"') }],
          });
        else await second;
        // Re-saving s1 with its own target is no conflict with itself.
        await replaceEntity(testDb(), ctx, 'service', 's1', { data: {}, relations: { runs_on: singleTarget ? 'c1' : ['c1'] } });
        if (required) {
          expect((await expectAppError(replaceEntity(testDb(), ctx, 'service', 's1', { data: {} }))).code).toBe('validation_failed');
          expect((await expectAppError(patchEntity(testDb(), ctx, 'service', 's1', { relations: { runs_on: null } }))).code).toBe(
            'validation_failed',
          );
        }
        const expected = singleSource ? 1 : 2;
        expect(await testDb().entityRelation.count({ where: { teamId, target: { identifier: 'c1' } } })).toBe(expected);
      });
    }
  }

  it('two concurrent writers linking the same target of a one-to-one: exactly one wins', async () => {
    await setup(ctx, 'one-to-one');
    for (let round = 0; round < 5; round++) {
      const target = ['c1', 'c2', 'c3'][round % 3];
      await testDb().entityRelation.deleteMany({ where: { teamId } });
      const outcomes = await Promise.allSettled([
        createEntity(testDb(), ctx, 'service', { identifier: `x-${round}`, data: {}, relations: { runs_on: target } }),
        createEntity(testDb(), ctx, 'service', { identifier: `y-${round}`, data: {}, relations: { runs_on: target } }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'validation_failed' } });
      expect(await testDb().entityRelation.count({ where: { teamId, target: { identifier: target } } })).toBe(1);
    }
  });
});
