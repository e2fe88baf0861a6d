import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { patchEntity } from '@/lib/entities/update-entity';
import type { Prisma } from '@/lib/generated/prisma/client';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { distributionSql } from './score-entities.sql';
import { recomputeScorecard } from './recompute-job';
import { liveRowsSql } from './read-results.sql';
import { listScorecardHistory } from './list-scorecard-history';
import { getScorecardSummary, previewScorecard } from './summarize-scorecard';
import { all, changeScorecard, insertScorecard, rule } from './scorecard-test-rows.test-support';
import { getScorecardTrend, parseTrendDays } from './get-scorecard-trend';

// The reads of a scorecard's results: summary (under a query, during a recompute, before the
// first), history (pages, one entity), trend (a hand-made history walked back), the preview of a
// draft (the same numbers as the saved scorecard's, nothing stored), the summary's index, and
// every read answering 404 for another team's blueprint or scorecard.

const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, oncall: { type: 'string' }, tier: { type: 'integer' } } };
const RULES = [
  { identifier: 'owned', title: 'Owned', level: 'Bronze', query: all(rule('owner', 'exists')) },
  { identifier: 'oncall', title: 'On call', level: 'Silver', query: all(rule('oncall', 'exists')) },
];

let ctx: TeamContext;
let other: TeamContext;
let teamId: string;
let prod: string;

beforeAll(async () => {
  const a = await createTeam(testDb());
  const b = await createTeam(testDb());
  ctx = await teamContextOf(a.owner, a.team.slug);
  other = await teamContextOf(b.owner, b.team.slug);
  teamId = a.team.id;
  for (const c of [ctx, other]) await createBlueprint(testDb(), c, { id: 'service', title: 'Service', schema: SCHEMA });
  // 10 entities: tier 1..10; owners on 1..6, on call on 1..3.
  const items = Array.from({ length: 10 }, (_, i) => ({
    identifier: `s${i + 1}`,
    data: { tier: i + 1, ...(i < 6 && { owner: 'x' }), ...(i < 3 && { oncall: 'y' }) },
  }));
  await bulkUpsertEntities(testDb(), ctx, 'service', items);
  await bulkUpsertEntities(testDb(), other, 'service', items);
  prod = await insertScorecard(testPool(), teamId, 'service', { identifier: 'prod', filter: all(rule('tier', '<=', 9)), rules: RULES });
  await insertScorecard(testPool(), other.team.id, 'service', { identifier: 'theirs', rules: RULES });
});

const summary = (query?: unknown, c = ctx, sc = 'prod') => getScorecardSummary(testDb(), c, 'service', sc, query);

describe('summary', () => {
  it('before the first computation: no numbers, recomputing', async () => {
    const s = await summary();
    expect([s.total, s.recomputing, s.computed_at]).toEqual([0, true, null]);
    expect(s.levels.map((l) => l.name)).toEqual(['Basic', 'Bronze', 'Silver', 'Gold']);
    expect(s.rules).toEqual([
      { identifier: 'owned', level: 'Bronze', passed: 0, failed: 0 },
      { identifier: 'oncall', level: 'Silver', passed: 0, failed: 0 },
    ]);
  });

  it('the live distribution and pass rates, under a query too', async () => {
    expect(await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation: 1 })).toBe('live');
    const s = await summary();
    // s10 is outside the filter; Silver has no higher level with rules, so on-call entities are Gold.
    expect(s.total).toBe(9);
    expect(s.levels.map((l) => [l.name, l.count])).toEqual([
      ['Basic', 3],
      ['Bronze', 3],
      ['Silver', 0],
      ['Gold', 3],
    ]);
    expect(s.rules.map((r) => [r.identifier, r.passed, r.failed])).toEqual([
      ['owned', 6, 3],
      ['oncall', 3, 6],
    ]);
    expect(s.recomputing).toBe(false);
    const under = await summary({ rules: [rule('tier', '>=', 3)] });
    expect(under.levels.map((l) => l.count)).toEqual([3, 3, 0, 1]);
  });

  it('a bad query is a 400 naming the rule', async () => {
    const error = await expectAppError(summary({ rules: [rule('tier', '=', 'high')] }));
    expect([error.code, (error.details as { path: string }).path]).toEqual(['bad_request', 'query.rules[0].value']);
  });

  it('is served by idx_scorecard_results_level', async () => {
    await testPool().query('ANALYZE scorecard_results');
    const statement: Prisma.Sql = distributionSql(
      liveRowsSql({ teamId, blueprintId: 'service', scorecardId: prod, generation: 1 }, null),
      2,
    );
    const { rows } = await testPool().query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values as unknown[]);
    await testPool().query('SET enable_seqscan = off');
    const forced = await testPool().query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values as unknown[]);
    await testPool().query('RESET enable_seqscan');
    // On 9 rows the planner may scan the table; without that choice it takes the index.
    expect(JSON.stringify(rows[0]) + JSON.stringify(forced.rows[0])).toContain('idx_scorecard_results_level');
  });

  it('during a recompute: the previous numbers, recomputing true, until the flip', async () => {
    const generation = await changeScorecard(testPool(), teamId, prod, { filter: null, rules: [RULES[0]] });
    await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation }, { chunkSize: 3, stopAfterChunks: 2 });
    const during = await summary();
    expect([during.total, during.recomputing, during.rules.length]).toEqual([9, true, 2]);
    await recomputeScorecard(testDb(), { teamId, scorecardId: prod, generation });
    const after = await summary();
    expect([after.total, after.recomputing, after.levels.map((l) => l.count)]).toEqual([10, false, [4, 0, 0, 6]]);
  });
});

describe('history and trend', () => {
  it('pages newest first, one entity on request, with causes', async () => {
    await patchEntity(testDb(), ctx, 'service', 's10', { data: { owner: 'z' } });
    const first = await listScorecardHistory(testDb(), ctx, 'service', 'prod', { entity: null, limit: 5, cursor: null });
    expect(first.changes).toHaveLength(5);
    expect(first.changes[0]).toMatchObject({ entity: 's10', from: 'Basic', to: 'Gold', cause: 'entity_updated' });
    const seen = [...first.changes];
    for (let cursor = first.next_cursor; cursor;) {
      const page = await listScorecardHistory(testDb(), ctx, 'service', 'prod', { entity: null, limit: 5, cursor });
      seen.push(...page.changes);
      cursor = page.next_cursor;
    }
    const times = seen.map((c) => c.at);
    expect(times).toEqual([...times].sort().reverse());
    const s10 = await listScorecardHistory(testDb(), ctx, 'service', 'prod', { entity: 's10', limit: 50, cursor: null });
    expect(s10.changes.map((c) => `${c.from}>${c.to}:${c.cause}`)).toEqual(['Basic>Gold:entity_updated', 'null>Basic:scorecard_changed']);
    const bad = await expectAppError(listScorecardHistory(testDb(), ctx, 'service', 'prod', { entity: null, limit: 5, cursor: 'nope' }));
    expect(bad.code).toBe('bad_request');
  });

  it('the trend walks back from the live distribution through a hand-made history', async () => {
    const t = await (async () => {
      await testPool().query(`DELETE FROM scorecard_level_changes WHERE scorecard_id = $1`, [prod]);
      const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      // Two days ago s1 went Basic -> Gold; yesterday s2 came in at Gold (from nothing).
      const add = (entity: string, from: string | null, to: string | null, at: string) =>
        testPool().query(
          `INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, from_rank, from_level, to_rank, to_level, cause, at)
           VALUES ($1, $2, gen_random_uuid(), $3, $4, $5, $6, $7, 'entity_updated', $8)`,
          [teamId, prod, entity, from ? 0 : null, from, to ? 3 : null, to, at],
        );
      await add('s1', 'Basic', 'Gold', day(2));
      await add('s2', null, 'Gold', day(1));
      return getScorecardTrend(testDb(), ctx, 'service', 'prod', 4);
    })();
    expect(t.days).toHaveLength(4);
    expect(t.days[3].date).toBe(new Date().toISOString().slice(0, 10));
    const gold = t.days.map((d) => d.levels.find((l) => l.name === 'Gold')?.count);
    const basic = t.days.map((d) => d.levels.find((l) => l.name === 'Basic')?.count);
    // Live now: Basic 3 (s7..s9), Gold 7 (s10 moved to Gold above).
    expect(gold).toEqual([5, 6, 7, 7]);
    expect(basic).toEqual([4, 3, 3, 3]);
  });

  it('days must be 1..365', () => {
    expect(parseTrendDays(null)).toBe(30);
    expect(() => parseTrendDays('0')).toThrow();
    expect(() => parseTrendDays('366')).toThrow();
    expect(() => parseTrendDays('2.5')).toThrow();
  });
});

describe('preview', () => {
  it("a draft's numbers equal the saved scorecard's, and nothing is stored", async () => {
    const before = (await testPool().query(`SELECT count(*)::int AS n FROM scorecard_results`)).rows[0].n;
    const draft = await previewScorecard(testDb(), ctx, 'service', { rules: [RULES[0]] });
    const live = await summary();
    expect(draft).toEqual({ total: live.total, levels: live.levels, rules: live.rules });
    expect((await testPool().query(`SELECT count(*)::int AS n FROM scorecard_results`)).rows[0].n).toBe(before);
  });

  it('a draft with a bad rule is refused with its path', async () => {
    const error = await expectAppError(
      previewScorecard(testDb(), ctx, 'service', {
        rules: [{ identifier: 'r', title: 'R', level: 'Gold', query: all(rule('nope', '=', 1)) }],
      }),
    );
    expect(error.code).toBe('bad_request');
    expect((error.details as { path: string }).path).toMatch(/^rules\[0\]\.query\.rules\[0\]/);
  });
});

describe('cross-team isolation', () => {
  it("another team's scorecard, or a blueprint it lacks, is 404 on every read", async () => {
    const calls = [
      () => summary(undefined, ctx, 'theirs'),
      () => listScorecardHistory(testDb(), ctx, 'service', 'theirs', { entity: null, limit: 5, cursor: null }),
      () => getScorecardTrend(testDb(), ctx, 'service', 'theirs', 7),
      () => summary(undefined, other, 'prod'),
      () => getScorecardSummary(testDb(), ctx, 'nope', 'prod', undefined),
      () => previewScorecard(testDb(), ctx, 'nope', { rules: [] }),
    ];
    for (const call of calls) expect((await expectAppError(call())).code).toBe('not_found');
  });

  it("a rule naming another team's entities evaluates nothing of theirs", async () => {
    // The other team links its s2 -> s1 (the same identifiers as ours); this team has no links.
    const theirs = other.team.id;
    const { rows } = await testPool().query<{ id: string }>(
      `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier, relation_type)
       VALUES ($1, 'service', 'service', 'uses', 'many-to-many') RETURNING id::text`,
      [theirs],
    );
    await testPool().query(
      `INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
       SELECT $1, $2, s.id, t.id FROM entities s, entities t
        WHERE s.team_id = $1 AND t.team_id = $1 AND s.identifier = 's2' AND t.identifier = 's1'`,
      [theirs, rows[0].id],
    );
    const near = { operator: 'relatedTo', blueprint: 'service', value: 's1', direction: 'downstream', max_hops: 2 };
    const rule = (c: TeamContext) =>
      previewScorecard(testDb(), c, 'service', { rules: [{ identifier: 'near', title: 'Near', level: 'Bronze', query: all(near) }] });
    expect((await rule(other)).rules[0]).toMatchObject({ passed: 1, failed: 9 });
    const draft = await rule(ctx);
    // Ours: nothing is related, whatever the other team holds.
    expect(draft.rules[0]).toMatchObject({ passed: 0, failed: 10 });
  });
});
