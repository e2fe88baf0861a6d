import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import { restoreEntity } from '@/lib/entities/restore-entity';
import { patchEntity } from '@/lib/entities/update-entity';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, teamContextOf } from '@/lib/test/fixtures';
import { summaryWithCountsSql } from './read-results.sql';
import { recomputeScorecard } from './recompute-job';
import { all, changeScorecard, insertScorecard, rule } from './scorecard-test-rows.test-support';
import { getScorecardSummary } from './summarize-scorecard';

// scorecard_counts (migration 0016), kept by triggers on scorecard_results: after random writes,
// deletes, restores, a blueprint's cascade and a recompute, every generation's counts summed per
// (level, passed) equal a COUNT(*) over its results; the summary without a query reads the
// counts, not the results, and folds piled-up deltas without changing its answer.

const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, tier: { type: 'integer' }, env: { type: 'string' } } };

let ctx: TeamContext;
let teamId: string;
let prod: string;

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every (generation, level, passed) of the team: from the counts (summed) and from the results. */
async function bothWays() {
  const q = async (sql: string) => (await testPool().query<{ k: string; n: number }>(sql, [teamId])).rows;
  const key = `scorecard_id || '/' || generation || '/' || level || '/' || passed`;
  const counts = await q(
    `SELECT ${key} AS k, sum(n)::int AS n FROM scorecard_counts WHERE team_id = $1 GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`,
  );
  const results = await q(`SELECT ${key} AS k, count(*)::int AS n FROM scorecard_results WHERE team_id = $1 GROUP BY 1 ORDER BY 1`);
  return { counts, results };
}

function randomData(next: () => number) {
  const data: Record<string, unknown> = {};
  if (next() < 0.6) data.owner = next() < 0.5 ? 'ana' : 'bo';
  if (next() < 0.7) data.tier = Math.floor(next() * 4);
  if (next() < 0.2) data.env = 'test';
  return data;
}

beforeAll(async () => {
  const a = await createTeam(testDb());
  ctx = await teamContextOf(a.owner, a.team.slug);
  teamId = a.team.id;
  await createBlueprint(testDb(), ctx, { id: 'service', title: 'Service', schema: SCHEMA });
  await bulkUpsertEntities(
    testDb(),
    ctx,
    'service',
    Array.from({ length: 40 }, (_, i) => ({ identifier: `s${i}`, data: randomData(random(i + 1)) })),
  );
  prod = await insertScorecard(testPool(), teamId, 'service', {
    identifier: 'prod',
    filter: all(rule('env', '!=', 'test')),
    rules: [
      { identifier: 'owned', level: 'Bronze', query: all(rule('owner', 'exists')) },
      { identifier: 'tiered', level: 'Silver', query: all(rule('tier', '>=', 1)) },
      { identifier: 'top', level: 'Gold', query: all(rule('tier', '>=', 3)) },
    ],
  });
  expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: 1 })).toBe('live');
});

describe('scorecard counts', () => {
  it('equal a COUNT(*) over the results after random writes, deletes and restores', async () => {
    const next = random(42);
    const alive = new Set(Array.from({ length: 40 }, (_, i) => `s${i}`));
    for (let step = 0; step < 60; step++) {
      const id = `s${Math.floor(next() * 50)}`;
      const roll = next();
      if (!alive.has(id)) {
        await createEntity(testDb(), ctx, 'service', { identifier: id, data: randomData(next) });
        alive.add(id);
      } else if (roll < 0.15) {
        await deleteEntity(testDb(), ctx, 'service', id);
        alive.delete(id);
      } else if (roll < 0.3) {
        await restoreEntity(testDb(), ctx, 'service', id, 1);
      } else if (roll < 0.45) {
        const batch = [...alive].slice(0, 5).map((identifier) => ({ identifier, data: randomData(next) }));
        expect((await bulkUpsertEntities(testDb(), ctx, 'service', batch)).allSucceeded).toBe(true);
      } else {
        await patchEntity(testDb(), ctx, 'service', id, { data: randomData(next) });
      }
    }
    const { counts, results } = await bothWays();
    expect(results.length).toBeGreaterThan(1);
    expect(counts).toEqual(results);
  });

  it('a recompute counts the new generation and drops the old generation with its counts', async () => {
    const generation = await changeScorecard(testPool(), teamId, prod, {
      filter: null,
      rules: [
        { identifier: 'owned', level: 'Bronze', query: all(rule('owner', '=', 'ana')) },
        { identifier: 'tiered', level: 'Gold', query: all(rule('tier', '>=', 2)) },
      ],
    });
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation })).toBe('live');
    const { counts, results } = await bothWays();
    expect(counts).toEqual(results);
    const { rows } = await testPool().query('SELECT DISTINCT generation FROM scorecard_counts WHERE team_id = $1', [teamId]);
    expect(rows).toEqual([{ generation }]);
  });

  it('the summary reads the counts, not the results, and a compaction keeps its answer', async () => {
    const sql = summaryWithCountsSql(teamId, 'service', 'prod');
    const { rows: plan } = await testPool().query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values as unknown[]);
    const text = JSON.stringify(plan[0]);
    expect(text).toContain('scorecard_counts');
    expect(text).not.toContain('scorecard_results');

    for (let i = 0; i < 40; i++) await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: `s${i % 10}`, data: { tier: i % 4 } }]);
    const deltaRows = async () =>
      (await testPool().query<{ n: number }>('SELECT count(*)::int AS n FROM scorecard_counts WHERE scorecard_id = $1', [prod])).rows[0].n;
    const piled = await deltaRows();
    const first = await getScorecardSummary(testDb(), ctx, 'service', 'prod', undefined);
    const folded = await deltaRows();
    expect(folded).toBeLessThan(piled);
    const { rows: keys } = await testPool().query('SELECT DISTINCT level, passed FROM scorecard_results WHERE scorecard_id = $1', [prod]);
    expect(folded).toBe(keys.length);
    expect(await getScorecardSummary(testDb(), ctx, 'service', 'prod', undefined)).toEqual(first);
    // The summary under a query that matches every entity still aggregates the results: the same numbers.
    const everything = all(rule('$identifier', 'exists'));
    const { computed_at, recomputing, ...numbers } = first;
    expect(await getScorecardSummary(testDb(), ctx, 'service', 'prod', everything)).toEqual({ ...numbers, computed_at, recomputing });
    expect(first.total).toBe(
      Number((await testPool().query('SELECT count(*) AS n FROM scorecard_results WHERE scorecard_id = $1', [prod])).rows[0].n),
    );
  });

  it('deleting the blueprint cascades to the counts', async () => {
    await testPool().query('DELETE FROM blueprints WHERE team_id = $1', [teamId]);
    const { rows } = await testPool().query('SELECT count(*)::int AS n FROM scorecard_counts WHERE team_id = $1', [teamId]);
    expect(rows[0].n).toBe(0);
  });
});
