import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import { restoreEntity } from '@/lib/entities/restore-entity';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, teamContextOf } from '@/lib/test/fixtures';
import { setJobQueue } from '@/lib/jobs/job-queue';
import { SCORECARD_RECOMPUTE_JOB } from './kick-recompute';
import { recomputeScorecard, scorecardRecomputeJob } from './recompute-job';
import { all, changeScorecard, insertScorecard, liveLevels, rule } from './scorecard-test-rows.test-support';

// Results kept live by the entity write paths, in the write's own transaction: create, upsert,
// bulk, PUT, PATCH, restore, delete and link changes each move levels at once and write history
// with their cause; a rolled-back write moves nothing; a rule through a relation re-evaluates the
// entities that link to the written one; another team's entities are never evaluated.

const SERVICE = {
  type: 'object',
  properties: { owner: { type: 'string' }, oncall: { type: 'string' }, tier: { type: 'integer' }, env: { type: 'string' } },
};
const CLUSTER = { type: 'object', properties: { region: { type: 'string' } } };

let ctx: TeamContext;
let other: TeamContext;
let teamId: string;
let prod: string;

async function history(scorecardId: string, identifier: string) {
  const { rows } = await testPool().query<{ from_level: string | null; to_level: string | null; cause: string }>(
    `SELECT from_level, to_level, cause FROM scorecard_level_changes WHERE scorecard_id = $1 AND entity_identifier = $2 ORDER BY id`,
    [scorecardId, identifier],
  );
  return rows.map((r) => `${r.from_level}>${r.to_level}:${r.cause}`);
}

async function setUp(c: TeamContext) {
  await createBlueprint(testDb(), c, { id: 'cluster', title: 'Cluster', schema: CLUSTER });
  await createBlueprint(testDb(), c, {
    id: 'service',
    title: 'Service',
    schema: SERVICE,
    relations: { runs_on: { target: 'cluster', type: 'many-to-one' } },
  });
  await createEntity(testDb(), c, 'cluster', { identifier: 'c-eu', data: { region: 'eu' } });
  await createEntity(testDb(), c, 'cluster', { identifier: 'c-us', data: { region: 'us' } });
}

beforeAll(async () => {
  const a = await createTeam(testDb());
  const b = await createTeam(testDb());
  ctx = await teamContextOf(a.owner, a.team.slug);
  other = await teamContextOf(b.owner, b.team.slug);
  teamId = a.team.id;
  await setUp(ctx);
  await setUp(other);
  await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { owner: 'ana' } });
  // Bronze: an owner; Silver: on call; Gold: runs in the EU (a related entity's property).
  prod = await insertScorecard(testPool(), teamId, 'service', {
    identifier: 'prod',
    filter: all(rule('env', '!=', 'test')),
    rules: [
      { identifier: 'owned', level: 'Bronze', query: all(rule('owner', 'exists')) },
      { identifier: 'oncall', level: 'Silver', query: all(rule('oncall', 'exists')) },
      { identifier: 'eu', level: 'Gold', query: all(rule('runs_on.region', '=', 'eu')) },
    ],
  });
  expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: 1 })).toBe('live');
});

describe('entity writes keep levels live', () => {
  it('the first recompute scores existing entities and records their entry', async () => {
    expect((await liveLevels(testPool(), teamId, prod)).get('api')).toBe('Bronze');
    expect(await history(prod, 'api')).toEqual(['null>Bronze:scorecard_changed']);
  });

  it('create, PATCH, PUT and restore move the level in the same transaction, with their cause', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'web', data: {} });
    expect((await liveLevels(testPool(), teamId, prod)).get('web')).toBe('Basic');
    await patchEntity(testDb(), ctx, 'service', 'web', { data: { owner: 'bo', oncall: 'team-a' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('web')).toBe('Silver');
    await replaceEntity(testDb(), ctx, 'service', 'web', { data: { owner: 'bo' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('web')).toBe('Bronze');
    await restoreEntity(testDb(), ctx, 'service', 'web', 2);
    expect((await liveLevels(testPool(), teamId, prod)).get('web')).toBe('Silver');
    expect(await history(prod, 'web')).toEqual([
      'null>Basic:entity_created',
      'Basic>Silver:entity_updated',
      'Silver>Bronze:entity_updated',
      'Bronze>Silver:entity_restored',
    ]);
  });

  it('a rolled-back write moves nothing', async () => {
    const before = await liveLevels(testPool(), teamId, prod);
    await expect(
      testDb().$transaction(async (tx) => {
        const { planRescore, rescoreEntities } = await import('./rescore-entities');
        const id = (await tx.entity.findFirstOrThrow({ where: { teamId, identifier: 'api' } })).id;
        const plan = await planRescore(tx, ctx, 'service', [id]);
        await tx.entity.update({ where: { teamId_id: { teamId, id } }, data: { data: { owner: 'ana', oncall: 'x' } } });
        await rescoreEntities(tx, ctx, plan, [{ id, cause: 'entity_updated' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await liveLevels(testPool(), teamId, prod)).toEqual(before);
    expect(await history(prod, 'api')).toEqual(['null>Bronze:scorecard_changed']);
  });

  it('bulk upsert scores every written entity; an entity leaving the filter loses its result', async () => {
    const result = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'b1', data: { owner: 'x', oncall: 'y' } },
      { identifier: 'b2', data: {} },
      { identifier: 'web', data: { env: 'test' } },
    ]);
    expect(result.allSucceeded).toBe(true);
    const levels = await liveLevels(testPool(), teamId, prod);
    expect([levels.get('b1'), levels.get('b2'), levels.has('web')]).toEqual(['Silver', 'Basic', false]);
    expect((await history(prod, 'web')).at(-1)).toBe('Silver>null:entity_updated');
  });

  it('a link change and a change of the related entity re-evaluate a rule through the relation', async () => {
    await patchEntity(testDb(), ctx, 'service', 'b1', { relations: { runs_on: 'c-eu' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('b1')).toBe('Gold');
    await patchEntity(testDb(), ctx, 'cluster', 'c-eu', { data: { region: 'us' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('b1')).toBe('Silver');
    expect((await history(prod, 'b1')).at(-1)).toBe('Gold>Silver:related_entity_changed');
    await patchEntity(testDb(), ctx, 'cluster', 'c-eu', { data: { region: 'eu' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('b1')).toBe('Gold');
    // Deleting the cluster removes the link: its neighbour drops back.
    await deleteEntity(testDb(), ctx, 'cluster', 'c-eu');
    expect((await liveLevels(testPool(), teamId, prod)).get('b1')).toBe('Silver');
  });

  it('delete ends the entity in history before the cascade removes its result', async () => {
    await deleteEntity(testDb(), ctx, 'service', 'b2');
    expect((await liveLevels(testPool(), teamId, prod)).has('b2')).toBe(false);
    expect((await history(prod, 'b2')).at(-1)).toBe('Basic>null:entity_deleted');
  });

  it("another team's writes and entities are never evaluated", async () => {
    await createEntity(testDb(), other, 'service', { identifier: 'api', data: { owner: 'x', oncall: 'y' } });
    const { rows } = await testPool().query(`SELECT count(*)::int AS n FROM scorecard_results WHERE team_id <> $1`, [teamId]);
    expect(rows[0].n).toBe(0);
  });
});

describe('recompute', () => {
  it('a recompute in progress never shows: chunks computed, the live levels are the old ones until the flip', async () => {
    const generation = await changeScorecard(testPool(), teamId, prod, {
      rules: [{ identifier: 'oncall', level: 'Bronze', query: all(rule('oncall', 'exists')) }],
    });
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation }, { chunkSize: 1, stopAfterChunks: 1 })).toBe(
      'paused',
    );
    const before = await liveLevels(testPool(), teamId, prod);
    expect(before.get('api')).toBe('Bronze');
    // A write during the recompute updates both generations.
    await patchEntity(testDb(), ctx, 'service', 'api', { data: { oncall: 'z' } });
    expect((await liveLevels(testPool(), teamId, prod)).get('api')).toBe('Silver');
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation }, { chunkSize: 1 })).toBe('live');
    const after = await liveLevels(testPool(), teamId, prod);
    expect([after.get('api'), after.get('b1')]).toEqual(['Gold', 'Gold']);
    expect((await history(prod, 'api')).at(-1)).toBe('Silver>Gold:scorecard_changed');
    const { rows } = await testPool().query(`SELECT DISTINCT generation FROM scorecard_results WHERE scorecard_id = $1`, [prod]);
    expect(rows).toEqual([{ generation }]);
  });

  it('a superseded generation is abandoned and never goes live', async () => {
    const g1 = await changeScorecard(testPool(), teamId, prod, { rules: [] });
    const g2 = await changeScorecard(testPool(), teamId, prod, {
      rules: [{ identifier: 'owned', level: 'Gold', query: all(rule('owner', 'exists')) }],
    });
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: g1 })).toBe('superseded');
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: g2 })).toBe('live');
    expect((await liveLevels(testPool(), teamId, prod)).get('b1')).toBe('Gold');
    // The same generation again (a retried job) changes nothing.
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: g2 })).toBe('superseded');
  });
});

describe('the job definition', () => {
  it('sweep kicks every generation not live yet; run computes it', async () => {
    const generation = await changeScorecard(testPool(), teamId, prod, { rules: [] });
    const enqueued: Array<{ name: string; data: object; key?: string }> = [];
    setJobQueue({ enqueue: async (name, data, options) => (enqueued.push({ name, data, key: options?.singletonKey }), true) });
    try {
      await scorecardRecomputeJob.sweep?.();
    } finally {
      setJobQueue(null);
    }
    expect(enqueued).toEqual([
      { name: SCORECARD_RECOMPUTE_JOB, data: { teamId, scorecardId: prod, generation }, key: `${prod}:${generation}` },
    ]);
    await scorecardRecomputeJob.run({ teamId, scorecardId: prod, generation });
    const { rows } = await testPool().query(`SELECT live_generation, recompute_started_at FROM scorecards WHERE id = $1`, [prod]);
    expect(rows).toEqual([{ live_generation: generation, recompute_started_at: null }]);
    // Nothing left to sweep.
    setJobQueue({ enqueue: async (name, data) => (enqueued.push({ name, data }), true) });
    try {
      await scorecardRecomputeJob.sweep?.();
    } finally {
      setJobQueue(null);
    }
    expect(enqueued).toHaveLength(1);
  });
});
