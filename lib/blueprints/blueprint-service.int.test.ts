import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { entityBatchSql } from './blueprint-entities.sql';
import {
  createBlueprint as createBlueprintService,
  deleteBlueprint,
  getBlueprint,
  listBlueprints,
  previewDeleteBlueprint,
  updateBlueprint,
} from './blueprint-service';
import { checkBlueprintSchema } from './check-blueprint-schema';
import { findFailingEntities } from './find-failing-entities';

// Blueprints against the real database: per-team ids, schemas checked against draft 2020-12 with
// 422 paths inside the schema, schema changes checked against the existing entities (refused with
// a count and a sample, or forced), dry-run deletes, cascades, and one audit row per change.

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer', minimum: 1, maximum: 4 }, owner: { type: 'string' } } };
const STRICT = { ...SCHEMA, required: ['owner'] };

async function adminTeam() {
  const { team, owner } = await createTeam(testDb());
  return { team, owner, ctx: await teamContextOf(owner, team.slug) };
}

async function audits(teamId: string) {
  return testDb().auditLog.findMany({ where: { teamId }, orderBy: { createdAt: 'asc' } });
}

function service(ctx: TeamContext, id = 'service', schema: object = SCHEMA) {
  return createBlueprintService(testDb(), ctx, {
    id,
    title: 'Service',
    description: 'A deployable',
    icon: '🚀',
    schema: schema as Record<string, unknown>,
  });
}

async function detailsOf(promise: Promise<unknown>) {
  const error = await expectAppError(promise);
  expect(error.code).toBe('validation_failed');
  return error.details as Array<{ path: string; message: string }>;
}

describe('createBlueprint', () => {
  it('creates the blueprint, returns its view and writes blueprint.created', async () => {
    const { team, owner, ctx } = await adminTeam();
    const view = await service(ctx);
    expect(view).toEqual({
      id: 'service',
      title: 'Service',
      description: 'A deployable',
      icon: '🚀',
      schema: SCHEMA,
      relations: {},
      entity_count: 0,
      version: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(await getBlueprint(testDb(), ctx, 'service')).toEqual(view);
    const rows = await audits(team.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'blueprint.created',
      entityType: 'blueprint',
      entityId: 'service',
      userId: owner.id,
      oldData: null,
      newData: { id: 'service', schema: SCHEMA, version: 1 },
    });
  });

  it('keeps the order of the schema as written (the form and the columns follow it)', async () => {
    const { ctx } = await adminTeam();
    const ordered = {
      type: 'object',
      properties: {
        zeta: { type: 'string' },
        a: { type: 'integer' },
        middle_name: { type: 'object', properties: { y: { type: 'string' }, b: { type: 'string' } } },
      },
    };
    await service(ctx, 'ordered', ordered);
    const stored = (await getBlueprint(testDb(), ctx, 'ordered')).schema as typeof ordered;
    expect(Object.keys(stored.properties)).toEqual(['zeta', 'a', 'middle_name']);
    expect(Object.keys(stored.properties.middle_name.properties)).toEqual(['y', 'b']);
    expect(JSON.stringify(stored)).toBe(JSON.stringify(ordered));
  });

  it('lets two teams have the same id, and refuses a second one in the same team (409, no audit row)', async () => {
    const a = await adminTeam();
    const b = await adminTeam();
    await service(a.ctx);
    await service(b.ctx);
    const error = await expectAppError(service(a.ctx));
    expect(error.code).toBe('conflict');
    expect(await audits(a.team.id)).toHaveLength(1);
    expect(await testDb().blueprint.count({ where: { id: 'service', teamId: { in: [a.team.id, b.team.id] } } })).toBe(2);
  });

  it('refuses a schema that breaks the draft 2020-12 meta-schema, with paths into the schema', async () => {
    const { team, ctx } = await adminTeam();
    const details = await detailsOf(
      service(ctx, 'bad', { type: 'object', required: 'owner', properties: { tier: { type: 'intger', minimum: 'one' } } }),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        { path: '/schema/required', message: 'Must be a list' },
        { path: '/schema/properties/tier/minimum', message: 'Must be a number' },
        { path: '/schema/properties/tier/type', message: expect.stringContaining('Must be one of') },
      ]),
    );
    expect(await testDb().blueprint.count({ where: { teamId: team.id } })).toBe(0);
    expect(await audits(team.id)).toHaveLength(0);
  });

  it('refuses what only compiling finds: a bad regex, an unknown format, a $ref to nothing', async () => {
    const { ctx } = await adminTeam();
    const details = await detailsOf(
      service(ctx, 'bad', {
        type: 'object',
        properties: {
          name: { type: 'string', pattern: '(' },
          mail: { type: 'string', format: 'emial' },
          tags: { type: 'array', items: { $ref: '#/$defs/nope' } },
          'a/b': { type: 'object', patternProperties: { '[': { type: 'string' } } },
        },
      }),
    );
    expect(details.map((d) => d.path).sort()).toEqual([
      '/schema/properties/a~1b/patternProperties/[',
      '/schema/properties/mail/format',
      '/schema/properties/name/pattern',
      '/schema/properties/tags/items/$ref',
    ]);
    // A property *named* "pattern" or "format" is not a keyword.
    expect(() =>
      checkBlueprintSchema({ type: 'object', properties: { pattern: { type: 'string' }, format: { type: 'string', format: 'semver' } } }),
    ).not.toThrow();
  });

  it('refuses a schema whose root is not an object (422 at /schema/type)', async () => {
    const { ctx } = await adminTeam();
    for (const schema of [{ type: 'string' }, { properties: {} }, { type: ['object', 'null'] }]) {
      expect(await detailsOf(service(ctx, 'bad', schema))).toEqual([{ path: '/schema/type', message: 'must be "object"' }]);
    }
    expect(await detailsOf(service(ctx, 'bad', { type: 'object', $schema: 'http://json-schema.org/draft-07/schema#' }))).toEqual([
      { path: '/schema/$schema', message: expect.any(String) },
    ]);
  });
});

describe('list and get', () => {
  it("pages by cursor with entity counts, and never shows another team's blueprints", async () => {
    const { team, ctx } = await adminTeam();
    const other = await adminTeam();
    for (const id of ['a', 'b', 'c']) await service(ctx, id);
    await service(other.ctx, 'a');
    await insertEntities(testDb(), { teamId: team.id, blueprintId: 'b' }, [
      { identifier: 'x', data: {} },
      { identifier: 'y', data: {} },
    ]);
    await insertEntities(testDb(), { teamId: other.team.id, blueprintId: 'a' }, [{ identifier: 'x', data: {} }]);

    const first = await listBlueprints(testDb(), ctx, { limit: 2, cursor: null });
    expect(first.blueprints.map((b) => [b.id, b.entity_count])).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await listBlueprints(testDb(), ctx, { limit: 2, cursor: first.next_cursor });
    expect(second).toEqual({ blueprints: [expect.objectContaining({ id: 'c', entity_count: 0 })], next_cursor: null });
    expect((await getBlueprint(testDb(), ctx, 'b')).entity_count).toBe(2);
    expect((await getBlueprint(testDb(), other.ctx, 'a')).entity_count).toBe(1);
  });

  it("is a 404 for an unknown id and for another team's blueprint, on every operation", async () => {
    const { ctx } = await adminTeam();
    const other = await adminTeam();
    await service(other.ctx, 'secret');
    for (const id of ['nope', 'secret']) {
      expect((await expectAppError(getBlueprint(testDb(), ctx, id))).code).toBe('not_found');
      expect((await expectAppError(updateBlueprint(testDb(), ctx, id, { replace: false, input: { title: 'x' } }))).code).toBe('not_found');
      expect((await expectAppError(previewDeleteBlueprint(testDb(), ctx, id))).code).toBe('not_found');
      expect((await expectAppError(deleteBlueprint(testDb(), ctx, id))).code).toBe('not_found');
    }
    expect(await testDb().blueprint.findUniqueOrThrow({ where: { teamId_id: { teamId: other.team.id, id: 'secret' } } })).toMatchObject({
      title: 'Service',
      version: 1,
    });
  });
});

describe('updateBlueprint', () => {
  it('PUT replaces every field (absent optionals become null); PATCH keeps what it is not given', async () => {
    const { ctx } = await adminTeam();
    await service(ctx);
    const patched = await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { title: 'Svc' } });
    expect(patched).toMatchObject({ title: 'Svc', description: 'A deployable', icon: '🚀', schema: SCHEMA, version: 2 });
    const replaced = await updateBlueprint(testDb(), ctx, 'service', {
      replace: true,
      input: { title: 'Service 2', schema: { type: 'object' } },
    });
    expect(replaced).toMatchObject({ title: 'Service 2', description: null, icon: null, schema: { type: 'object' }, version: 3 });
    expect(Date.parse(replaced.updated_at)).toBeGreaterThanOrEqual(Date.parse(patched.updated_at));
    const renamed = await detailsOf(
      updateBlueprint(testDb(), ctx, 'service', { replace: true, input: { id: 'other', title: 'x', schema: { type: 'object' } } }),
    );
    expect(renamed).toEqual([{ path: '/id', message: expect.any(String) }]);
  });

  it('refuses a schema that existing entities fail with the count and a sample, and changes nothing', async () => {
    const { team, ctx } = await adminTeam();
    await service(ctx);
    const scope = { teamId: team.id, blueprintId: 'service' };
    await insertEntities(testDb(), scope, [
      ...[1, 2, 3].map((i) => ({ identifier: `good-${i}`, data: { owner: 'core', tier: i } })),
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({ identifier: `bad-${i}`, data: { tier: 4 + i } })),
    ]);
    const before = await audits(team.id);
    const error = await expectAppError(updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { schema: STRICT } }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^7 existing entities/);
    const details = error.details as {
      failing_count: number;
      failing_count_is_lower_bound: boolean;
      sample: Array<{ identifier: string; errors: unknown[] }>;
    };
    expect(details.failing_count).toBe(7);
    expect(details.failing_count_is_lower_bound).toBe(false);
    expect(details.sample).toHaveLength(5);
    expect(details.sample.every((s) => s.identifier.startsWith('bad-'))).toBe(true);
    // each bad one breaks `maximum` as well as `required`: each fault is listed with its path into data
    expect(details.sample[0].errors).toEqual(
      expect.arrayContaining([
        { path: '/data/owner', message: expect.any(String) },
        { path: '/data/tier', message: expect.any(String) },
      ]),
    );

    expect(await getBlueprint(testDb(), ctx, 'service')).toMatchObject({ schema: SCHEMA, version: 1 });
    expect(await audits(team.id)).toHaveLength(before.length);
  });

  it('saves with force, bumps the version and audits old and new', async () => {
    const { team, ctx } = await adminTeam();
    const created = await service(ctx);
    await insertEntities(testDb(), { teamId: team.id, blueprintId: 'service' }, [{ identifier: 'orphan', data: {} }]);
    const saved = await updateBlueprint(
      testDb(),
      ctx,
      'service',
      { replace: true, input: { title: 'Service', schema: STRICT } },
      { force: true },
    );
    expect(saved).toMatchObject({ schema: STRICT, version: 2, entity_count: 1 });
    expect(saved.updated_at >= created.updated_at).toBe(true);
    const last = (await audits(team.id)).at(-1);
    expect(last).toMatchObject({
      action: 'blueprint.updated',
      entityId: 'service',
      oldData: { schema: SCHEMA, version: 1, description: 'A deployable' },
      newData: { schema: STRICT, version: 2, description: null, forced: true, failing_count: 1 },
    });
    // The same schema again checks nothing and is not refused, forced or not.
    expect((await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { schema: STRICT } })).version).toBe(3);
  });

  it('says "10,000+" and stops counting when 10,000 entities fail', async () => {
    const { team, ctx } = await adminTeam();
    await service(ctx);
    await testPool().query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, data) SELECT $1, 'service', 'e-' || i, '{}' FROM generate_series(1, 10500) AS i`,
      [team.id],
    );
    const error = await expectAppError(updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { schema: STRICT } }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^10,000\+ existing entities/);
    expect(error.details).toMatchObject({ failing_count: 10_000, failing_count_is_lower_bound: true });
  });

  it('with If-Match: a stale version is 409 and changes nothing; the current one saves', async () => {
    const { team, ctx } = await adminTeam();
    await service(ctx);
    await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { title: 'v2' } });
    const before = (await audits(team.id)).length;
    const stale = await expectAppError(
      updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { title: 'lost' } }, { ifMatch: [1] }),
    );
    expect(stale.code).toBe('conflict');
    expect((await expectAppError(deleteBlueprint(testDb(), ctx, 'service', { ifMatch: [1] }))).code).toBe('conflict');
    expect(await getBlueprint(testDb(), ctx, 'service')).toMatchObject({ title: 'v2', version: 2 });
    expect(await audits(team.id)).toHaveLength(before);
    expect(await updateBlueprint(testDb(), ctx, 'service', { replace: false, input: { title: 'v3' } }, { ifMatch: [1, 2] })).toMatchObject({
      title: 'v3',
      version: 3,
    });
  });

  it('walks the entities in keyset batches without skipping ties, and stops counting at the cap', async () => {
    const { team, ctx } = await adminTeam();
    await service(ctx);
    const scope = { teamId: team.id, blueprintId: 'service' };
    const at = new Date('2026-01-01T00:00:00.000Z'); // the same created_at for all: the id breaks ties
    await insertEntities(
      testDb(),
      scope,
      Array.from({ length: 10 }, (_, i) => ({ identifier: `e-${i}`, data: {}, createdAt: at })),
    );
    await insertEntities(testDb(), scope, [{ identifier: 'ok', data: { owner: 'x' } }]);
    const validate = checkBlueprintSchema(STRICT);
    const all = await testDb().$transaction((tx) => findFailingEntities(tx, scope, validate, { batchSize: 3, maxFailures: 100 }));
    expect(all).toMatchObject({ failing_count: 10, failing_count_is_lower_bound: false });
    const capped = await testDb().$transaction((tx) => findFailingEntities(tx, scope, validate, { batchSize: 3, maxFailures: 4 }));
    expect(capped).toMatchObject({ failing_count: 4, failing_count_is_lower_bound: true });
    expect(capped.sample).toHaveLength(4);
  });
});

describe('the entity batch query', () => {
  let teamId: string;
  beforeAll(async () => {
    const { team } = await createTeam(testDb());
    teamId = team.id;
    await createBlueprint(testDb(), teamId, 'service');
    await createBlueprint(testDb(), teamId, 'database');
    await testPool().query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, data, created_at)
       SELECT $1, CASE WHEN i % 2 = 0 THEN 'database' ELSE 'service' END, 'e-' || i, '{}', timestamptz '2026-01-01' - i * interval '1 second'
       FROM generate_series(1, 20000) AS i`,
      [teamId],
    );
    await testPool().query('ANALYZE entities');
  });

  it('is served by idx_entities_list, first batch and after a keyset', async () => {
    for (const after of [null, { at: new Date('2025-12-31T23:00:00.000Z'), id: '00000000-0000-0000-0000-000000000000' }]) {
      const sql = entityBatchSql(teamId, 'service', after, 1000);
      const { rows } = await testPool().query<{ 'QUERY PLAN': Array<{ Plan: object }> }>(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values);
      const plan = JSON.stringify(rows[0]['QUERY PLAN'][0].Plan);
      expect(plan).toContain('"Index Name":"idx_entities_list"');
      expect(plan).not.toContain('"Node Type":"Sort"');
    }
  });
});

describe('deleteBlueprint', () => {
  async function populated() {
    const { team, ctx } = await adminTeam();
    await service(ctx);
    await service(ctx, 'database');
    const t = team.id;
    await insertEntities(testDb(), { teamId: t, blueprintId: 'service' }, [
      { identifier: 's1', data: {} },
      { identifier: 's2', data: {} },
    ]);
    await insertEntities(testDb(), { teamId: t, blueprintId: 'database' }, [{ identifier: 'd1', data: {} }]);
    const q = (text: string) => testPool().query(text, [t]);
    await q(
      `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier) VALUES ($1, 'service', 'database', 'uses')`,
    );
    await q(`INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
             SELECT $1, r.id, s.id, d.id FROM blueprint_relations r, entities s, entities d
             WHERE r.team_id = $1 AND s.team_id = $1 AND s.blueprint_id = 'service' AND d.team_id = $1 AND d.identifier = 'd1'`);
    await q(`INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'prod', 'Production readiness')`);
    await q(`INSERT INTO actions (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'deploy', 'Deploy')`);
    await q(`INSERT INTO integrations (team_id, identifier, title, kind, secret) VALUES ($1, 'gh', 'gh', 'webhook', 'v1:x')`);
    await q(`INSERT INTO integration_mappings (team_id, integration_id, blueprint_id, mapping, position)
             SELECT $1, id, 'service', '{}', 0 FROM integrations WHERE team_id = $1`);
    return { team, ctx };
  }

  const countRows = async (teamId: string) => {
    const { rows } = await testPool().query(
      `SELECT (SELECT count(*) FROM entities WHERE team_id = $1)::int AS entities,
              (SELECT count(*) FROM entity_relations WHERE team_id = $1)::int AS links,
              (SELECT count(*) FROM scorecards WHERE team_id = $1)::int AS scorecards,
              (SELECT count(*) FROM actions WHERE team_id = $1)::int AS actions,
              (SELECT count(*) FROM integration_mappings WHERE team_id = $1)::int AS mappings,
              (SELECT count(*) FROM blueprints WHERE team_id = $1)::int AS blueprints`,
      [teamId],
    );
    return rows[0] as Record<string, number>;
  };

  it('a dry run reports what would go and changes nothing', async () => {
    const { team, ctx } = await populated();
    const before = await countRows(team.id);
    const auditBefore = (await audits(team.id)).length;
    expect(await previewDeleteBlueprint(testDb(), ctx, 'service')).toEqual({
      dry_run: true,
      blueprint: 'service',
      would_delete: { entities: 2, relations: 2, relation_definitions: 1, scorecards: 1, actions: 1, integration_mappings: 1 },
    });
    expect(await countRows(team.id)).toEqual(before);
    expect(await audits(team.id)).toHaveLength(auditBefore);
  });

  it('deletes with cascades, leaves other blueprints alone and audits the old data and the counts', async () => {
    const { team, ctx } = await populated();
    const other = await adminTeam();
    await service(other.ctx);
    await insertEntities(testDb(), { teamId: other.team.id, blueprintId: 'service' }, [{ identifier: 's1', data: {} }]);

    await deleteBlueprint(testDb(), ctx, 'service');
    expect(await countRows(team.id)).toEqual({ entities: 1, links: 0, scorecards: 0, actions: 0, mappings: 0, blueprints: 1 });
    expect((await getBlueprint(testDb(), other.ctx, 'service')).entity_count).toBe(1);
    const last = (await audits(team.id)).at(-1);
    expect(last).toMatchObject({
      action: 'blueprint.deleted',
      entityId: 'service',
      newData: null,
      oldData: {
        id: 'service',
        schema: SCHEMA,
        deleted: { entities: 2, relations: 2, scorecards: 1, actions: 1, integration_mappings: 1 },
      },
    });
  });
});
