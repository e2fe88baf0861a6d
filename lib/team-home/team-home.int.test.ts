import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import { patchEntity } from '@/lib/entities/update-entity';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, teamContextOf } from '@/lib/test/fixtures';
import { requestRun } from '@/lib/runs/ask-run';
import { insertAction, makeRunWorld } from '@/lib/runs/runs.test-support';
import { insertScorecard } from '@/lib/scorecards/evaluate/scorecard-test-rows.test-support';
import { countEntityWrites, WRITE_DAYS, windowDays } from './count-entity-writes';
import { listMostConnected } from './list-most-connected';
import { listRecentRuns } from './list-recent-runs';
import { summarizeTeamScorecards } from './summarize-team-scorecards';
import { entityWritesPerDaySql, mostConnectedSql } from './team-home.sql';

// The team home's reads against the real database: the writes per day equal a plain count of the
// audit rows the test made (today's through the services, older days inserted at known times,
// one outside the window); the most connected order equals a plain count of links; another team
// with more writes and a better-connected entity never shows; the plans use the team indexes.

const SCHEMA = { type: 'object', properties: { n: { type: 'number' } } };
let ctx: TeamContext;
let other: TeamContext;

async function build(c: TeamContext, hubLinks: number) {
  await createBlueprint(testDb(), c, { id: 'cluster', title: 'Cluster', schema: SCHEMA });
  await createBlueprint(testDb(), c, { id: 'service', title: 'Service', schema: SCHEMA, relations: { runs_on: { target: 'cluster' } } });
  await createEntity(testDb(), c, 'cluster', { identifier: 'hub', title: 'Hub', data: {} });
  await createEntity(testDb(), c, 'cluster', { identifier: 'side', data: {} });
  for (let i = 0; i < hubLinks; i++) {
    const targets = i < 2 ? ['hub', 'side'] : ['hub'];
    await createEntity(testDb(), c, 'service', { identifier: `s${i}`, data: { n: i }, relations: { runs_on: targets } });
  }
}

/** Rows of an audit action at a given time (a day in the past), as the services would have written them. */
async function insertAudit(teamId: string, action: string, at: Date, count: number) {
  await testPool().query(
    `INSERT INTO audit_logs (team_id, actor_type, action, entity_type, entity_id, created_at)
     SELECT $1::uuid, 'system', $2, 'entity', gen_random_uuid()::text, $3::timestamptz FROM generate_series(1, $4)`,
    [teamId, action, at, count],
  );
}

const daysAgo = (n: number, hour = 12) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - n, hour));
};

beforeAll(async () => {
  const a = await createTeam(testDb());
  ctx = await teamContextOf(a.owner, a.team.slug);
  const b = await createTeam(testDb());
  other = await teamContextOf(b.owner, b.team.slug);
  await build(ctx, 4); // hub: 4 links in, side: 2, each service 1 or 2 out
  await build(other, 9); // the other team's hub has more links than any of ours
  await patchEntity(testDb(), ctx, 'service', 's0', { data: { n: 10 } });
  await patchEntity(testDb(), ctx, 'service', 's1', { data: { n: 11 } });
  await createEntity(testDb(), ctx, 'service', { identifier: 'doomed', data: {} });
  await deleteEntity(testDb(), ctx, 'service', 'doomed');
  // Older days of the window, and one day just outside it (never counted).
  await insertAudit(ctx.team.id, 'entity.created', daysAgo(3), 5);
  await insertAudit(ctx.team.id, 'entity.restored', daysAgo(3), 2);
  await insertAudit(ctx.team.id, 'entity.deleted', daysAgo(WRITE_DAYS - 1, 0), 1);
  await insertAudit(ctx.team.id, 'entity.created', daysAgo(WRITE_DAYS, 23), 7);
  // Other resources' rows are not entity writes.
  await testPool().query(
    `INSERT INTO audit_logs (team_id, actor_type, action, entity_type, entity_id) VALUES ($1, 'system', 'blueprint.updated', 'blueprint', 'service')`,
    [ctx.team.id],
  );
  await insertAudit(other.team.id, 'entity.created', daysAgo(3), 40);
});

describe('countEntityWrites', () => {
  it('answers every day of the window, oldest first, with the audit rows of each', async () => {
    const writes = await countEntityWrites(testDb(), ctx);
    expect(writes).not.toBeNull();
    expect(writes!.days.map((d) => d.day)).toEqual(windowDays(new Date(), WRITE_DAYS));
    // Today's, counted plainly from the audit log: what the services wrote in this test.
    const { rows } = await testPool().query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_logs
        WHERE team_id = $1 AND entity_type = 'entity' AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        GROUP BY action`,
      [ctx.team.id],
    );
    const plain = new Map(rows.map((r) => [r.action, r.n]));
    const today = writes!.days.at(-1)!;
    expect(today).toEqual({
      day: today.day,
      created: plain.get('entity.created') ?? 0,
      updated: (plain.get('entity.updated') ?? 0) + (plain.get('entity.restored') ?? 0),
      deleted: plain.get('entity.deleted') ?? 0,
    });
    // 2 clusters + 4 services + doomed created; 2 patches; doomed deleted.
    expect(today).toMatchObject({ created: 7, updated: 2, deleted: 1 });
    expect(writes!.days.at(-4)).toMatchObject({ created: 5, updated: 2, deleted: 0 });
    expect(writes!.days[0]).toMatchObject({ created: 0, updated: 0, deleted: 1 }); // the window's first midnight is in
    expect(writes!.total).toBe(7 + 2 + 1 + 5 + 2 + 1); // not the 7 of the day before the window, nor the other team's 40
  });

  it("never counts another team's writes", async () => {
    const writes = await countEntityWrites(testDb(), other);
    expect(writes!.days.at(-4)).toMatchObject({ created: 40 });
    expect(writes!.days.at(-1)).toMatchObject({ created: 11, updated: 0, deleted: 0 });
  });

  it('answers zeros for a team with no writes', async () => {
    const empty = await createTeam(testDb());
    const writes = await countEntityWrites(testDb(), await teamContextOf(empty.owner, empty.team.slug));
    expect(writes!.total).toBe(0);
    expect(writes!.days).toHaveLength(WRITE_DAYS);
  });
});

describe('listMostConnected', () => {
  it('orders entities by links in + out, as a plain count does, with their blueprint', async () => {
    const top = await listMostConnected(testDb(), ctx);
    const { rows } = await testPool().query<{ identifier: string; n: number }>(
      `SELECT e.identifier, count(*)::int AS n
         FROM entity_relations r JOIN entities e ON e.team_id = r.team_id AND e.id IN (r.source_entity_id, r.target_entity_id)
        WHERE r.team_id = $1 GROUP BY e.identifier ORDER BY n DESC`,
      [ctx.team.id],
    );
    expect(top!.map((e) => [e.identifier, e.links])).toEqual(
      expect.arrayContaining(rows.map((r) => [r.identifier, r.n])), // same counts
    );
    expect(top!.map((e) => e.links)).toEqual([...top!.map((e) => e.links)].sort((x, y) => y - x));
    expect(top![0]).toEqual({ identifier: 'hub', title: 'Hub', blueprint: 'cluster', blueprint_title: 'Cluster', links: 4 });
    expect(top![1]).toMatchObject({ links: 2 });
  });

  it("never shows another team's entities, though theirs have more links", async () => {
    const ours = await listMostConnected(testDb(), ctx);
    const theirs = await listMostConnected(testDb(), other);
    expect(theirs![0]).toMatchObject({ identifier: 'hub', links: 9 });
    expect(ours!.every((e) => e.links <= 4)).toBe(true);
    expect(ours!.map((e) => e.identifier).sort()).toEqual(['hub', 's0', 's1', 's2', 's3', 'side'].sort());
  });

  it('answers nothing for a team without links', async () => {
    const empty = await createTeam(testDb());
    expect(await listMostConnected(testDb(), await teamContextOf(empty.owner, empty.team.slug))).toEqual([]);
  });
});

describe('the other panels', () => {
  it('shows no runs panel data for a team without actions, and no scorecards when there are none', async () => {
    expect(await listRecentRuns(testDb(), ctx)).toEqual({ hasActions: false, runs: [] });
    expect(await summarizeTeamScorecards(testDb(), ctx)).toEqual({ scorecards: [], more: false });
  });

  it("never shows another team's runs or scorecards", async () => {
    const mine = await makeRunWorld();
    const theirs = await makeRunWorld();
    for (const world of [mine, theirs]) {
      await insertAction(world.team.id, { identifier: 'deploy', approval: { required: true, allow_self: true }, steps: [] });
    }
    const { run } = await requestRun(testDb(), theirs.ctx, 'deploy', { entity: 'svc-a' });
    await insertScorecard(testPool(), theirs.team.id, 'service', { identifier: 'ready', rules: [] });

    expect(await listRecentRuns(testDb(), mine.ctx)).toEqual({ hasActions: true, runs: [] });
    expect(await summarizeTeamScorecards(testDb(), mine.ctx)).toEqual({ scorecards: [], more: false });
    const theirRuns = await listRecentRuns(testDb(), theirs.ctx);
    expect(theirRuns.runs.map((r) => [r.id, r.action, r.entity, r.status])).toEqual([[run.id, 'deploy', 'svc-a', 'waiting_approval']]);
    const theirScorecards = await summarizeTeamScorecards(testDb(), theirs.ctx);
    expect(theirScorecards.scorecards.map((sc) => [sc.blueprint, sc.identifier, sc.summary.total])).toEqual([['service', 'ready', 0]]);
  });
});

describe('plans', () => {
  // Plans at a size where they mean something: a crowded team holds most of both tables, and the
  // statistics are fresh; the team under test must still read only its own index ranges.
  let crowdId: string;
  let crowdCtx: TeamContext;
  beforeAll(async () => {
    const crowd = await createTeam(testDb());
    crowdCtx = await teamContextOf(crowd.owner, crowd.team.slug);
    const id = (crowdId = crowd.team.id);
    await insertAuditSpread(id, 40_000, 90);
    await testPool().query(`INSERT INTO blueprints (team_id, id, title) VALUES ($1, 'node', 'Node')`, [id]);
    const { rows } = await testPool().query<{ id: string }>(
      `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier) VALUES ($1, 'node', 'node', 'next') RETURNING id`,
      [id],
    );
    await testPool().query(
      `INSERT INTO entities (team_id, id, blueprint_id, identifier)
       SELECT $1::uuid, ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'node', 'n' || i FROM generate_series(1, 3000) i`,
      [id],
    );
    await testPool().query(
      `INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
       SELECT $1::uuid, $2::uuid, ('00000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid,
              ('00000000-0000-4000-8000-' || lpad((1 + (s * 7 + k) % 3000)::text, 12, '0'))::uuid
         FROM generate_series(1, 3000) s, generate_series(1, 8) k`,
      [id, rows[0].id],
    );
    await testPool().query('ANALYZE audit_logs; ANALYZE entity_relations; ANALYZE entities; ANALYZE blueprints');
  });

  async function plan(sql: { text: string; values: unknown[] }) {
    const { rows } = await testPool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('reads the window through idx_audit_logs_team, bounded by team and time', async () => {
    // The crowded team: 40,000 rows over 90 days, of which the window holds about a sixth.
    const text = await plan(entityWritesPerDaySql(crowdId, daysAgo(13, 0), new Date()));
    expect(text, text).toMatch(/idx_audit_logs_team/);
    expect(text, text).toMatch(/Index Cond: \(\(team_id = .*\) AND \(created_at >= /);
    expect(text, text).not.toMatch(/Seq Scan on audit_logs/);
  });

  it("counts links from the team's prefix of the link indexes, and joins only the top rows", async () => {
    const text = await plan(mostConnectedSql(ctx.team.id, 8));
    expect(text, text).toMatch(/idx_entity_relations_(source|target)/);
    expect(text, text).toMatch(/Limit/);
    expect(text, text).not.toMatch(/Seq Scan on entity_relations/);
  });

  it('answers "not counted" (null) when a count outlasts its timeout, and the connection is reusable after', async () => {
    // Run last in this file: a burst of 50,000 writes today (tens of milliseconds to count), and the crowd's links.
    const burst = await createTeam(testDb());
    const burstCtx = await teamContextOf(burst.owner, burst.team.slug);
    await insertAudit(burst.team.id, 'entity.created', new Date(), 50_000);
    expect(await countEntityWrites(testDb(), burstCtx, { timeoutMs: 1 })).toBeNull();
    const crowd = crowdCtx;
    expect(await listMostConnected(testDb(), crowd, 1)).toBeNull();
    // The same pool answers in full afterwards: the timeout was reset, not left on a connection.
    expect((await countEntityWrites(testDb(), burstCtx))!.days.at(-1)).toMatchObject({ created: 50_000 });
    expect((await listMostConnected(testDb(), crowd))!.length).toBe(8);
  });
});

/** `count` entity audit rows of one team spread over the last `days` days. */
async function insertAuditSpread(teamId: string, count: number, days: number) {
  await testPool().query(
    `INSERT INTO audit_logs (team_id, actor_type, action, entity_type, entity_id, created_at)
     SELECT $1::uuid, 'system', 'entity.updated', 'entity', i::text, now() - make_interval(secs => i::float8 * $3::int * 86400 / $2::int)
       FROM generate_series(1, $2::int) i`,
    [teamId, count, days],
  );
}
