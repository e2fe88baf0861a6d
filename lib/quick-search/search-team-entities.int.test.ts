import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { parseQuickSearchParams, searchTeamEntities } from './search-team-entities';

// Quick search against the real database: ranking (exact identifier, prefix, substring), title
// matches, LIKE wildcards taken literally, the limit, and another team's entities never showing.

let ctx: TeamContext;
let otherCtx: TeamContext;

async function entity(teamId: string, blueprintId: string, identifier: string, title: string | null = null) {
  await testDb().entity.create({ data: { teamId, blueprintId, identifier, title, data: {} } });
}

beforeAll(async () => {
  const db = testDb();
  const { team, owner } = await createTeam(db);
  await createBlueprint(db, team.id, 'service');
  await createBlueprint(db, team.id, 'database');
  for (const [bp, id, title] of [
    ['service', 'payments-api', 'Payments API'],
    ['service', 'old-payments', 'Legacy billing'],
    ['service', 'payments', 'Payments'],
    ['database', 'ledger-db', 'Payments ledger'],
    ['service', 'checkout', 'Checkout'],
    ['service', '100_percent', 'Hundred%'],
    ['service', '100x', 'Hundred x'],
  ] as const) {
    await entity(team.id, bp, id, title);
  }
  ctx = await teamContextOf(owner, team.slug);

  const other = await createTeam(db);
  await createBlueprint(db, other.team.id, 'service');
  await entity(other.team.id, 'service', 'payments-secret', 'Payments secret');
  otherCtx = await teamContextOf(other.owner, other.team.slug);
});

const search = (q: string, limit = 10, c = ctx) => searchTeamEntities(testDb(), c, { q, limit });

describe('searchTeamEntities', () => {
  it('ranks the exact identifier first, then prefixes, then substrings, across blueprints', async () => {
    const results = await search('payments');
    expect(results.map((r) => r.identifier)).toEqual(['payments', 'payments-api', 'ledger-db', 'old-payments']);
    expect(results[2]).toEqual({ blueprint: 'database', identifier: 'ledger-db', title: 'Payments ledger' });
  });

  it('matches case-insensitively on titles alone', async () => {
    expect((await search('BILLING')).map((r) => r.identifier)).toEqual(['old-payments']);
  });

  it('takes % and _ literally', async () => {
    expect((await search('100_')).map((r) => r.identifier)).toEqual(['100_percent']);
    expect((await search('%')).map((r) => r.identifier)).toEqual(['100_percent']);
    expect(await search('\\')).toEqual([]);
  });

  it('stops at the limit', async () => {
    expect(await search('p', 2)).toHaveLength(2);
  });

  it("never returns another team's entities, and theirs never ours", async () => {
    expect((await search('secret')).length).toBe(0);
    expect((await search('payments', 10, otherCtx)).map((r) => r.identifier)).toEqual(['payments-secret']);
  });
});

describe('parseQuickSearchParams', () => {
  const parse = (search: string) => parseQuickSearchParams(new URL(`http://x/search?${search}`));

  it('reads q and limit with a default of 10', () => {
    expect(parse('q=%20pay%20')).toEqual({ q: 'pay', limit: 10 });
    expect(parse('q=pay&limit=20')).toEqual({ q: 'pay', limit: 20 });
  });

  it('refuses a missing or overlong q and a limit out of 1..20', async () => {
    for (const bad of ['', 'q=', `q=${'x'.repeat(201)}`, 'q=a&limit=21', 'q=a&limit=0', 'q=a&limit=x']) {
      const error = await expectAppError(Promise.resolve().then(() => parse(bad)));
      expect(error.code).toBe('bad_request');
    }
  });
});
