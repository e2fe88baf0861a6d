import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createPrisma, type Db } from '@/lib/db/prisma';
import { testDatabaseUrl, testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, teamContextOf } from '@/lib/test/fixtures';
import { bulkUpsertEntities } from './bulk-upsert-entities';

// Issue 11 #13: overlapping bulk upserts over the same identifiers in different orders used to
// deadlock (40P01: each transaction inserted or updated rows in its request's order, so two of
// them could each hold a row the other wanted next). Rows are now written in identifier order and
// a deadlock or serialization failure is retried, so every one of them succeeds.

const WRITERS = 8;
const IDENTIFIERS = Array.from({ length: 500 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);

/** A deterministic shuffle per writer (a small LCG), so each request has its own order. */
function orderFor(writer: number): string[] {
  let seed = writer * 7919 + 1;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const list = [...IDENTIFIERS];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

let db: Db;
let ctx: TeamContext;
let teamId: string;

beforeAll(async () => {
  // Its own client with a connection per writer, so all eight transactions run at once.
  db = createPrisma(testDatabaseUrl(), WRITERS + 2);
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', { type: 'object', properties: { writer: { type: 'integer' } } });
  ctx = await teamContextOf(owner, team.slug);
  teamId = team.id;
});

afterAll(async () => {
  await db.$disconnect();
});

async function race(round: number) {
  return Promise.allSettled(
    Array.from({ length: WRITERS }, (_, writer) =>
      bulkUpsertEntities(
        db,
        ctx,
        'service',
        orderFor(writer + round * WRITERS).map((identifier) => ({ identifier, title: `round ${round}`, data: { writer } })),
      ),
    ),
  );
}

describe('overlapping bulk upserts', () => {
  it('8 concurrent batches over the same 500 identifiers in different orders all succeed, twice', async () => {
    for (const round of [0, 1]) {
      const settled = await race(round);
      const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error)?.message).slice(0, 200)] : []));
      expect(failures).toEqual([]);
      for (const s of settled) expect(s.status === 'fulfilled' && s.value.allSucceeded).toBe(true);
    }
    // Consistent end state: every identifier once, written by all 16 batches (1 create + 15 updates),
    // and one audit row per write.
    const rows = await testDb().entity.findMany({ where: { teamId }, select: { identifier: true, version: true, title: true } });
    expect(rows).toHaveLength(IDENTIFIERS.length);
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set([2 * WRITERS]));
    expect(new Set(rows.map((r) => r.title))).toEqual(new Set(['round 1']));
    const audits = await testDb().auditLog.groupBy({ by: ['action'], where: { teamId, entityType: 'entity' }, _count: true });
    const byAction = Object.fromEntries(audits.map((a) => [a.action, a._count]));
    expect(byAction).toEqual({ 'entity.created': IDENTIFIERS.length, 'entity.updated': IDENTIFIERS.length * (2 * WRITERS - 1) });
  });
});
