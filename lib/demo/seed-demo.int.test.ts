import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '@/lib/authz/permissions';
import { countRows } from '@/lib/db/backup';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { DEMO_BLUEPRINTS } from './demo-blueprints';
import { buildDemoCatalog } from './demo-entities';
import { getScorecardTrend } from '@/lib/scorecards/evaluate/get-scorecard-trend';
import { getScorecardSummary } from '@/lib/scorecards/evaluate/summarize-scorecard';
import { teamContextOf } from '@/lib/test/fixtures';
import { DEMO_SCORECARD } from './demo-scorecard';
import { DEMO_TEAM, DEMO_USER, isEmptyDatabase, seedDemo, type SeedResult } from './seed-demo';

// The demo seed on a brand-new database: what a first `npm start` shows, and that running it
// again (every start does) adds nothing.

const catalog = buildDemoCatalog();
let emptyBefore: boolean;
let first: SeedResult;

async function tableCounts() {
  const client = await testPool().connect();
  try {
    return await countRows(client);
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  emptyBefore = await isEmptyDatabase(testDb());
  first = await seedDemo(testDb());
});

describe('seedDemo', () => {
  it('reports what it seeded, into a database that was empty', () => {
    expect(emptyBefore).toBe(true);
    expect(first).toEqual({ seeded: true, entities: catalog.entities.length });
  });

  it('makes the database non-empty', async () => {
    expect(await isEmptyDatabase(testDb())).toBe(false);
  });

  it('creates the demo user with a bcrypt hash of the published password', async () => {
    const user = await testDb().user.findFirstOrThrow({ where: { email: DEMO_USER.email } });
    expect(user.name).toBe(DEMO_USER.name);
    expect(user.status).toBe('active');
    expect(user.passwordHash).not.toBe(DEMO_USER.password);
    expect(user.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(await bcrypt.compare(DEMO_USER.password, user.passwordHash!)).toBe(true);
    expect(await bcrypt.compare('not-the-password', user.passwordHash!)).toBe(false);
  });

  it('creates the acme team with the default roles and the demo user as its admin', async () => {
    const team = await testDb().team.findUniqueOrThrow({
      where: { slug: DEMO_TEAM.slug },
      include: { roles: true, memberships: { include: { user: true, role: true } } },
    });
    expect(team.name).toBe(DEMO_TEAM.name);
    expect(team.roles.map((r) => r.name).sort()).toEqual(['admin', 'editor', 'viewer']);
    for (const role of DEFAULT_ROLES) {
      expect(team.roles.find((r) => r.name === role.name)?.permissions).toEqual(role.permissions);
    }
    expect(team.memberships).toHaveLength(1);
    expect(team.memberships[0].user.email).toBe(DEMO_USER.email);
    expect(team.memberships[0].role.name).toBe('admin');
  });

  it('creates the three blueprints with their schemas', async () => {
    const blueprints = await testDb().blueprint.findMany({ where: { team: { slug: DEMO_TEAM.slug } }, orderBy: { id: 'asc' } });
    expect(blueprints.map((b) => b.id)).toEqual(['cluster', 'database', 'service']);
    for (const b of DEMO_BLUEPRINTS) {
      expect(blueprints.find((x) => x.id === b.id)?.schema).toEqual(b.schema);
    }
  });

  it('creates every demo entity, per blueprint, with its data', async () => {
    const expected: Record<string, number> = {};
    for (const e of catalog.entities) expected[e.blueprintId] = (expected[e.blueprintId] ?? 0) + 1;
    const groups = await testDb().entity.groupBy({
      by: ['blueprintId'],
      where: { team: { slug: DEMO_TEAM.slug } },
      _count: { _all: true },
    });
    expect(Object.fromEntries(groups.map((g) => [g.blueprintId, g._count._all]))).toEqual(expected);
    expect(Object.keys(expected).sort()).toEqual(['cluster', 'database', 'service']);

    const sample = catalog.entities.find((e) => e.blueprintId === 'service')!;
    const row = await testDb().entity.findFirstOrThrow({ where: { blueprintId: 'service', identifier: sample.identifier } });
    expect(row.title).toBe(sample.title);
    expect(row.data).toEqual(sample.data);
  });

  it('links the entities as the catalog says (runs_on, uses, calls)', async () => {
    const rows = await testDb().entityRelation.findMany({
      where: { team: { slug: DEMO_TEAM.slug } },
      select: {
        relation: { select: { identifier: true } },
        source: { select: { identifier: true } },
        target: { select: { identifier: true } },
      },
    });
    const actual = rows.map((r) => `${r.relation.identifier}:${r.source.identifier}->${r.target.identifier}`).sort();
    const expected = [...new Set(catalog.links.map((l) => `${l.relation}:${l.source}->${l.target}`))].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    expect(actual.some((l) => l.startsWith('runs_on:'))).toBe(true);
    expect(actual.some((l) => l.startsWith('uses:'))).toBe(true);
  });

  it('grades the services on a computed "Production readiness" scorecard with a spread of levels', async () => {
    const user = await testDb().user.findFirstOrThrow({ where: { email: DEMO_USER.email } });
    const ctx = await teamContextOf(user, DEMO_TEAM.slug);
    const summary = await getScorecardSummary(testDb(), ctx, 'service', DEMO_SCORECARD.identifier, null);
    const services = catalog.entities.filter((e) => e.blueprintId === 'service').length;
    expect(summary.recomputing).toBe(false);
    expect(summary.total).toBe(services);
    // A living dashboard: at least three levels hold services, none holds them all.
    const held = summary.levels.filter((l) => l.count > 0);
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...summary.levels.map((l) => l.count))).toBeLessThan(services);
    expect(summary.rules.map((r) => r.identifier)).toEqual(DEMO_SCORECARD.rules.map((r) => r.identifier));
  });

  it('gives the scorecard weeks of history that end at the live levels', async () => {
    const user = await testDb().user.findFirstOrThrow({ where: { email: DEMO_USER.email } });
    const ctx = await teamContextOf(user, DEMO_TEAM.slug);
    const { days } = await getScorecardTrend(testDb(), ctx, 'service', DEMO_SCORECARD.identifier, 40);
    const summary = await getScorecardSummary(testDb(), ctx, 'service', DEMO_SCORECARD.identifier, null);
    const counts = (day: (typeof days)[number]) => day.levels.map((l) => l.count);
    // Today's end of day is the live distribution; five weeks ago it was different (people fixed things).
    expect(counts(days.at(-1)!)).toEqual(summary.levels.map((l) => l.count));
    expect(counts(days[0])).not.toEqual(counts(days.at(-1)!));
    expect(counts(days[0]).reduce((a, b) => a + b, 0)).toBe(summary.total);
    // Every service's last change lands on its live level.
    const mismatches = await testPool().query(
      `SELECT r.entity_id FROM scorecard_results r
         JOIN scorecards s ON s.team_id = r.team_id AND s.id = r.scorecard_id AND r.generation = s.live_generation
         JOIN LATERAL (SELECT c.to_rank FROM scorecard_level_changes c
                        WHERE c.team_id = r.team_id AND c.scorecard_id = r.scorecard_id AND c.entity_id = r.entity_id
                        ORDER BY c.at DESC, c.id DESC LIMIT 1) last ON true
        WHERE last.to_rank IS DISTINCT FROM r.level`,
    );
    expect(mismatches.rows).toEqual([]);
  });

  it('seeds nothing and duplicates nothing when run again', async () => {
    const before = await tableCounts();
    const again = await seedDemo(testDb());
    expect(again.seeded).toBe(false);
    expect(again.reason).toMatch(/acme/);
    expect(await tableCounts()).toEqual(before);
    expect(await testDb().user.count({ where: { email: DEMO_USER.email } })).toBe(1);
  });
});
