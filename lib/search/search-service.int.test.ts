import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { facetEntities, parseFacetRequest } from './facet-entities';
import { parseSearchBody } from './parse-search-body';
import { searchEntities } from './search-entities';
import { semverKey } from './semver-key';
import { VERSIONS } from './random-search.test-support';

// The search and facet services on the real database: SQL semver keys equal the TypeScript ones,
// facets count under a query, the list route's sort and q, hostile values that reach SQL as
// parameters, and another team's blueprint as 404.

const SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['active', 'deprecated', 'retired'] },
    enabled: { type: 'boolean' },
    version: { type: 'string', format: 'semver' },
    tags: { type: 'array', items: { type: 'string' } },
    at: { type: 'string', format: 'date-time' },
    name: { type: 'string' },
    meta: { type: 'object' },
  },
};

let ctx: TeamContext;
let otherCtx: TeamContext;

const search = (body: object, c = ctx) => searchEntities(testDb(), c, 'service', parseSearchBody(body), { withTotal: true });
const ids = (r: { entities: Array<{ identifier: string }> }) => r.entities.map((e) => e.identifier);

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  await insertEntities(testDb(), { teamId: team.id, blueprintId: 'service' }, [
    {
      identifier: 'a',
      data: { status: 'active', enabled: true, version: '1.0.0-beta.11', tags: ['x', 'y', 'x'], name: 'O\'Brien "quoted"' },
    },
    { identifier: 'b', data: { status: 'active', enabled: false, version: '1.0.0', tags: ['y'], name: '100% _done_' } },
    { identifier: 'c', data: { status: 'retired', version: '1.0.0-beta.2', tags: [], name: '{}' } },
    { identifier: 'd', data: { status: 'deprecated', enabled: true, version: '10.0.0', name: "'); drop table entities; --" } },
    { identifier: 'e', data: { version: '2.0.0', at: '2026-01-01T00:00:00Z', name: 'Ünïcode ÉCOLE' } },
  ]);
  const other = await createTeam(testDb());
  await createBlueprint(testDb(), other.team.id, 'service', SCHEMA);
  await insertEntities(testDb(), { teamId: other.team.id, blueprintId: 'service' }, [{ identifier: 'theirs', data: { status: 'active' } }]);
  otherCtx = await teamContextOf(other.owner, other.team.slug);
});

describe('search_semver_key()', () => {
  it('equals semverKey() on every version and non-version', async () => {
    const inputs = [
      ...VERSIONS,
      '1.2',
      'v1',
      '',
      '01.0.0',
      '1.0.0-01',
      `${'9'.repeat(1000)}.0.0`,
      '1.0.0-x.7.z.92',
      '1.0.0+exp.sha.5114f85',
      // The release fast path (0018) and what must fall through it.
      '0.0.0',
      '10.20.30',
      '1..3',
      '.1.2',
      '1.2.',
      '1.02.3',
      '1.2.03',
      '1.2.3.4',
      '1.2.a',
      '1.2.3-0',
      `${'9'.repeat(598)}.0.0`,
      `${'9'.repeat(700)}.0.0`,
    ];
    const { rows } = await testPool().query<{ v: string; k: string | null }>(
      'SELECT v, search_semver_key(v) AS k FROM unnest($1::text[]) AS v',
      [inputs],
    );
    for (const row of rows) expect(row.k, row.v).toBe(semverKey(row.v));
  });
});

describe('searchEntities', () => {
  it('matches JSON numbers numerically: 2 finds 2.0 and 2.00 (containment compares numbers by value)', async () => {
    const { team, owner } = await createTeam(testDb());
    await createBlueprint(testDb(), team.id, 'service', { type: 'object', properties: { n: { type: 'number' } } });
    for (const [identifier, json] of [
      ['two', '{"n": 2.0}'],
      ['two-again', '{"n": 2.00}'],
      ['two-and-a-half', '{"n": 2.50}'],
      ['text', '{"n": "2"}'],
    ]) {
      await testPool().query(`INSERT INTO entities (team_id, blueprint_id, identifier, data) VALUES ($1, 'service', $2, $3::jsonb)`, [
        team.id,
        identifier,
        json,
      ]);
    }
    const own = await teamContextOf(owner, team.slug);
    const run = async (rule: object) =>
      ids(
        await searchEntities(testDb(), own, 'service', parseSearchBody({ query: { rules: [rule] }, sort: [{ property: '$identifier' }] }), {
          withTotal: false,
        }),
      );
    expect(await run({ property: 'n', operator: '=', value: 2 })).toEqual(['two', 'two-again']);
    expect(await run({ property: 'n', operator: 'in', value: [2.5, 7] })).toEqual(['two-and-a-half']);
    expect(await run({ property: 'n', operator: '>', value: 2 })).toEqual(['two-and-a-half']);
    expect(await run({ property: 'n', operator: '!=', value: 2 })).toEqual(['text', 'two-and-a-half']);
  });

  it('compares versions by precedence and sorts by them', async () => {
    const r = await search({
      query: { rules: [{ property: 'version', operator: '>=', value: '1.0.0' }] },
      sort: [{ property: 'version', order: 'asc' }],
    });
    expect(ids(r)).toEqual(['b', 'e', 'd']);
    expect(r).toMatchObject({ total: 3, total_relation: 'eq', next_cursor: null });
  });

  it('matches LIKE metacharacters, quotes and SQL-looking values literally', async () => {
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: 'contains', value: '100%' }] } }))).toEqual(['b']);
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: 'contains', value: '_d' }] } }))).toEqual(['b']);
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: '=', value: "'); drop table entities; --" }] } }))).toEqual([
      'd',
    ]);
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: 'beginsWith', value: 'o\'brien "' }] } }))).toEqual(['a']);
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: '=', value: '{}' }] } }))).toEqual(['c']);
    expect(ids(await search({ query: { rules: [{ property: 'name', operator: 'endsWith', value: 'école' }] } }))).toEqual(['e']);
    const { rows } = await testPool().query<{ n: number }>('SELECT count(*)::int AS n FROM entities WHERE team_id = $1', [ctx.team.id]);
    expect(rows[0].n).toBe(5);
  });

  it('takes a 1000-value in list and very long values as parameters', async () => {
    const values = Array.from({ length: 999 }, (_, i) => `v-${i}-${'x'.repeat(900)}`);
    const r = await search({ query: { rules: [{ property: 'name', operator: 'in', value: [...values, '{}'] }] } });
    expect(ids(r)).toEqual(['c']);
  });

  it('treats != as "not known to be": missing and null values match', async () => {
    const r = await search({
      query: { rules: [{ property: 'enabled', operator: '!=', value: true }] },
      sort: [{ property: '$identifier', order: 'asc' }],
    });
    expect(ids(r)).toEqual(['b', 'c', 'e']);
  });

  it("refuses another team's blueprint with 404, and never shows its entities", async () => {
    const error = await expectAppError(searchEntities(testDb(), otherCtx, 'nope', parseSearchBody({}), { withTotal: true }));
    expect(error.code).toBe('not_found');
    const theirs = await search({}, otherCtx);
    expect(ids(theirs)).toEqual(['theirs']);
    expect(ids(await search({ limit: 100 }))).not.toContain('theirs');
  });
});

describe('facetEntities', () => {
  const facets = async (input: Record<string, unknown>, c = ctx) =>
    facetEntities(
      testDb(),
      c,
      'service',
      parseFacetRequest({ property: undefined, query: undefined, q: undefined, limit: undefined, ...input }),
    );

  it('counts enum values, most frequent first, under the query', async () => {
    expect(await facets({ property: 'status' })).toEqual({
      values: [
        { value: 'active', count: 2 },
        { value: 'deprecated', count: 1 },
        { value: 'retired', count: 1 },
      ],
    });
    const filtered = await facets({ property: 'status', query: { rules: [{ property: 'enabled', operator: '=', value: true }] } });
    expect(filtered).toEqual({
      values: [
        { value: 'active', count: 1 },
        { value: 'deprecated', count: 1 },
      ],
    });
    expect(await facets({ property: 'status', limit: '1' })).toEqual({ values: [{ value: 'active', count: 2 }] });
  });

  it('counts booleans, and array elements once per entity', async () => {
    expect(await facets({ property: 'enabled' })).toEqual({
      values: [
        { value: true, count: 2 },
        { value: false, count: 1 },
      ],
    });
    expect(await facets({ property: 'tags' })).toEqual({
      values: [
        { value: 'y', count: 2 },
        { value: 'x', count: 1 },
      ],
    });
  });

  it('refuses properties that do not facet, unknown ones and bad limits with 400', async () => {
    for (const input of [
      { property: 'meta' },
      { property: 'at' },
      { property: '$title' },
      { property: 'nope' },
      { property: 'status', limit: '0' },
      { property: 'status', limit: '101' },
      {},
    ]) {
      const error = await expectAppError(facets(input));
      expect(error.code, JSON.stringify(input)).toBe('bad_request');
    }
  });

  it("is 404 for another team's blueprint", async () => {
    const error = await expectAppError(
      facetEntities(
        testDb(),
        otherCtx,
        'missing',
        parseFacetRequest({ property: 'status', query: undefined, q: undefined, limit: undefined }),
      ),
    );
    expect(error.code).toBe('not_found');
  });
});

describe('listBlueprintEntities with sort and q', () => {
  it('sorts by a data property and pages with cursors', async () => {
    const sort = [{ property: 'version', order: 'desc' as const, path: 'sort[0]' }];
    const first = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 2, cursor: null }, { sort });
    const second = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 2, cursor: first.next_cursor }, { sort });
    const third = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 2, cursor: second.next_cursor }, { sort });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(['d', 'e', 'b', 'a', 'c']);
    expect(third.next_cursor).toBeNull();
  });

  it('filters by q over identifiers, titles and strings in data', async () => {
    expect(ids(await listBlueprintEntities(testDb(), ctx, 'service', { limit: 10, cursor: null }, { q: 'DROP TABLE' }))).toEqual(['d']);
  });
});
