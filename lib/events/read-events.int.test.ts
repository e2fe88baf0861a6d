import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { listTeamEvents, readCommittedEvents } from './list-events';
import { JOB_DEFINITIONS } from '@/lib/jobs/job-definitions';
import { startTestJobQueue, waitForJobs } from '@/lib/test/job-queue';
import { pruneCatalogEvents, pruneEventsJob, PRUNE_EVENTS_JOB } from './prune-events';
import { readEventsSql } from './read-events.sql';

// The reader against the real database: transactions that commit out of order never make it skip
// an event; the feed pages with its cursor, filters, and never shows another team's events; a bulk
// write's events are one statement; retention deletes in bounded batches.

let ctx: TeamContext;
const held: pg.PoolClient[] = [];

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service');
  ctx = await teamContextOf(owner, team.slug);
});

afterEach(async () => {
  for (const c of held.splice(0)) {
    await c.query('ROLLBACK').catch(() => undefined);
    c.release();
  }
});

/** A session that holds its transaction open until the test says. */
async function session(): Promise<pg.PoolClient> {
  const c = await testPool().connect();
  held.push(c);
  await c.query('BEGIN');
  return c;
}

/** Inserts an event in `c`'s open transaction; answers its id. */
async function insertEvent(c: pg.PoolClient, identifier: string): Promise<number> {
  const { rows } = await c.query(
    `INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, actor_type)
     VALUES ($1, 'entity.created', 'service', gen_random_uuid(), $2, 'user') RETURNING id::int AS id`,
    [ctx.team.id, identifier],
  );
  return rows[0].id;
}

const feed = (after: string | null, extra: { kinds?: string[]; blueprintId?: string; limit?: number } = {}) =>
  listTeamEvents(testDb(), ctx, { after, limit: 100, ...extra });
const identifiers = (f: Awaited<ReturnType<typeof feed>>) => f.events.map((e) => e.entity?.identifier);

describe('reading in an order no later commit can overtake', () => {
  it('a later id that commits first is held back until the earlier one commits', async () => {
    const a = await session();
    await insertEvent(a, 'first'); // smaller id, still open
    const b = await session();
    await insertEvent(b, 'second');
    await b.query('COMMIT');
    const early = await feed(null);
    expect(identifiers(early)).toEqual([]); // "second" is committed, yet "first" could still come below it
    await a.query('COMMIT');
    expect(identifiers(await feed(early.next_cursor))).toEqual(['first', 'second']);
  });

  it('a smaller id from a newer transaction, committed after a larger one was read, is still read after the cursor', async () => {
    const b = await session();
    await b.query('SELECT pg_current_xact_id()'); // b's transaction id is taken first...
    const a = await session();
    const aId = await insertEvent(a, 'from-a'); // ...a's is newer, but a inserts first: the smaller id
    const bId = await insertEvent(b, 'from-b');
    await b.query('COMMIT');
    const first = await feed(null);
    expect(identifiers(first)).toEqual(['from-b']); // b is older than every open transaction
    expect(aId).toBeLessThan(bId); // a cursor on id alone would now pass "from-a" by
    await a.query('COMMIT');
    expect(identifiers(await feed(first.next_cursor))).toEqual(['from-a']);
  });

  it('the global reader follows the same rule across teams', async () => {
    const a = await session();
    await insertEvent(a, 'open');
    await createEntity(testDb(), ctx, 'service', { identifier: 'committed', data: {} });
    const before = await readCommittedEvents(testDb(), null, 1000);
    expect(before.map((e) => e.identifier)).not.toContain('committed');
    await a.query('COMMIT');
    const after = await readCommittedEvents(testDb(), null, 1000);
    expect(after.map((e) => e.identifier).slice(-2)).toEqual(['open', 'committed']);
  });
});

describe('the team feed', () => {
  beforeEach(async () => {
    for (const id of ['s1', 's2', 's3']) await createEntity(testDb(), ctx, 'service', { identifier: id, data: { n: 1 } });
    await createEntity(testDb(), ctx, 'service', { identifier: 's1', data: { n: 2 } }, { upsert: true });
  });

  it('pages with its cursor, and answers the same cursor when nothing new came', async () => {
    const one = await feed(null, { limit: 2 });
    expect([identifiers(one), one.has_more]).toEqual([['s1', 's2'], true]);
    const two = await feed(one.next_cursor, { limit: 2 });
    expect([identifiers(two), two.has_more]).toEqual([['s3', 's1'], false]);
    const three = await feed(two.next_cursor, { limit: 2 });
    expect([identifiers(three), three.next_cursor]).toEqual([[], two.next_cursor]);
  });

  it('filters by kind and blueprint', async () => {
    expect(identifiers(await feed(null, { kinds: ['entity.updated'] }))).toEqual(['s1']);
    expect(identifiers(await feed(null, { blueprintId: 'other' }))).toEqual([]);
  });

  it("never shows another team's events", async () => {
    const { team, owner } = await createTeam(testDb());
    const other = await teamContextOf(owner, team.slug);
    expect((await listTeamEvents(testDb(), other, { after: null, limit: 100 })).events).toEqual([]);
  });

  it('refuses an unknown kind and a cursor that is not one (400)', async () => {
    expect((await expectAppError(feed(null, { kinds: ['entity.exploded'] }))).code).toBe('bad_request');
    for (const bad of ['abc', '1_2_3', `${'9'.repeat(20)}_1`, `1_${'9'.repeat(19)}`]) {
      expect((await expectAppError(feed(bad))).code, bad).toBe('bad_request');
    }
  });

  it('reads through idx_catalog_events_team', async () => {
    const c = await session();
    await c.query('SET LOCAL enable_seqscan = off');
    const sql = readEventsSql({ teamId: ctx.team.id, after: { tx: '1', id: '1' }, limit: 50 });
    const plan = (await c.query(`EXPLAIN ${sql.text}`, sql.values)).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('idx_catalog_events_team');
  });
});

describe('bulk', () => {
  it("writes a batch's 1000 events with ONE statement", async () => {
    // A statement-level trigger counts the INSERT statements on catalog_events (this file's own database).
    await testPool().query(`
      CREATE TABLE IF NOT EXISTS event_inserts (n int NOT NULL);
      CREATE OR REPLACE FUNCTION count_event_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO event_inserts VALUES (1); RETURN NULL; END $$;
      CREATE OR REPLACE TRIGGER count_event_inserts AFTER INSERT ON catalog_events
        FOR EACH STATEMENT EXECUTE FUNCTION count_event_inserts();
      TRUNCATE event_inserts;`);
    try {
      const items = Array.from({ length: 1000 }, (_, i) => ({ identifier: `e${i}`, data: { i } }));
      const { allSucceeded } = await bulkUpsertEntities(testDb(), ctx, 'service', items);
      expect(allSucceeded).toBe(true);
      const { rows } = await testPool().query('SELECT count(*)::int AS statements FROM event_inserts');
      expect(rows[0].statements).toBe(1);
      expect((await feed(null, { limit: 1000 })).events).toHaveLength(1000);
    } finally {
      await testPool().query('DROP TRIGGER count_event_inserts ON catalog_events');
    }
  });
});

describe('retention', () => {
  it('deletes the events older than the cutoff, a bounded batch at a time, and keeps the rest', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await createEntity(testDb(), ctx, 'service', { identifier: id, data: {} });
    await testPool().query(
      `UPDATE catalog_events SET at = now() - interval '8 days' WHERE team_id = $1 AND identifier IN ('a', 'b', 'c', 'd')`,
      [ctx.team.id],
    );
    const cutoff = new Date(Date.now() - 7 * 86_400_000);
    expect(await pruneCatalogEvents(testDb(), cutoff, 3)).toBe(4); // batches of 3, then 1
    expect(identifiers(await feed(null))).toEqual(['e']);
    expect(await pruneCatalogEvents(testDb(), cutoff, 3)).toBe(0);
  });

  it('runs on the job queue: the sweep enqueues the prune, which drops what is past the default 7 days', async () => {
    expect(JOB_DEFINITIONS).toContain(pruneEventsJob);
    for (const id of ['old', 'young']) await createEntity(testDb(), ctx, 'service', { identifier: id, data: {} });
    await testPool().query(`UPDATE catalog_events SET at = now() - interval '7 days 1 hour' WHERE team_id = $1 AND identifier = 'old'`, [
      ctx.team.id,
    ]);
    await startTestJobQueue([pruneEventsJob]);
    await pruneEventsJob.sweep?.();
    await waitForJobs(PRUNE_EVENTS_JOB, 'completed');
    expect(identifiers(await feed(null))).toEqual(['young']);
  });
});
