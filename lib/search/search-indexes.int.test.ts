import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, teamContextOf } from '@/lib/test/fixtures';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { parseSearchBody } from './parse-search-body';
import { decodeSearchCursor } from './search-cursor';
import { compileFilter, searchEntities } from './search-entities';
import { countStatement, pageStatement } from './search-entities.sql';
import { typeSort } from './type-sort';

// The plans of compiled searches at a size where the planner would otherwise scan: 30,000 rows
// in one blueprint (plus 3,000 in another), fresh statistics. Each operator family must be served
// by its intended index: GIN (idx_entities_data) for =, in, array contains / containsAny /
// containsAll and exists; the trigram indexes for substrings of titles, identifiers and `q`; the
// keyset B-tree (idx_entities_list) for pages, first and deep. The statements EXPLAINed are the
// very ones the service runs (pageStatement / countStatement), and each is also run to check it
// returns what the data says.

const ROWS = 30_000;
const SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    tier: { type: 'integer' },
    dependencies: { type: 'array', items: { type: 'string' } },
    version: { type: 'string', format: 'semver' },
    rare_key: { type: 'boolean' },
    metadata: { type: 'object', properties: { region: { type: 'string' }, cost: { type: 'number' } } },
  },
};

type PlanNode = { 'Node Type'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
const indexNames = (node: PlanNode): string[] => [
  ...(node['Index Name'] ? [node['Index Name']] : []),
  ...(node.Plans ?? []).flatMap(indexNames),
];

let ctx: TeamContext;
let scope: { teamId: string; blueprintId: string };

async function plan(statement: Prisma.Sql): Promise<{ indexes: string[]; json: string }> {
  const { rows } = await testPool().query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    statement.values as unknown[],
  );
  const root = rows[0]['QUERY PLAN'][0].Plan;
  return { indexes: indexNames(root), json: JSON.stringify(root) };
}

/** The page and count statements of a search body, their plans, and what the service answers. */
async function explain(body: Record<string, unknown>) {
  const request = parseSearchBody(body);
  const where = compileFilter(request, SCHEMA);
  const sort = typeSort(request.sort, SCHEMA);
  const cursor = request.cursor ? decodeSearchCursor(request.cursor, sort) : null;
  const page = await plan(pageStatement(scope, where, sort, cursor, request.limit));
  const count = await plan(countStatement(scope, where, 10_000));
  const result = await searchEntities(testDb(), ctx, 'service', request, { withTotal: true });
  return { page, count, result };
}

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  await createBlueprint(testDb(), team.id, 'database', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  scope = { teamId: team.id, blueprintId: 'service' };
  await testPool().query(
    `INSERT INTO entities (team_id, blueprint_id, identifier, title, data, created_at, updated_at)
     SELECT $1, CASE WHEN i % 11 = 0 THEN 'database' ELSE 'service' END,
            CASE WHEN i % 7001 = 0 THEN 'odd-ident-' || i ELSE 'entity-' || i END,
            CASE WHEN i % 6007 = 0 THEN 'Zanzibar gateway ' || i ELSE 'Entity ' || i END,
            jsonb_strip_nulls(jsonb_build_object(
              'status', CASE WHEN i % 5003 = 0 THEN 'rare-value' WHEN i % 4001 = 0 THEN 'other-rare' ELSE 'status-' || (i % 37) END,
              'tier', i % 4 + 1,
              'dependencies', CASE WHEN i % 4003 = 0 THEN jsonb_build_array('dep-' || (i % 50), 'rare-dep')
                                   ELSE jsonb_build_array('dep-' || (i % 50), 'dep-' || (i % 23 + 50)) END,
              'version', (i % 5) || '.' || (i % 11) || '.0',
              'rare_key', CASE WHEN i % 3001 = 0 THEN true END,
              'notes', CASE WHEN i % 8009 = 0 THEN 'mentions quetzalcoatl here' ELSE 'plain note ' || (i % 100) END,
              'metadata', jsonb_build_object('region', 'region-' || (i % 7), 'cost', i % 997)
            )),
            timestamptz '2026-01-01' - i * interval '1 minute', timestamptz '2026-01-01' - (i % 500) * interval '1 hour'
       FROM generate_series(1, ${Math.round(ROWS * 1.1)}) AS i`,
    [team.id],
  );
  // VACUUM too: a bulk insert leaves GIN entries in the pending list, which the planner prices
  // as a scan of that list; a live catalog has them merged by autovacuum.
  await testPool().query('VACUUM ANALYZE entities');
});

describe('search plans', () => {
  it('= on a string property: containment on idx_entities_data', async () => {
    const { page, count, result } = await explain({ query: { rules: [{ property: 'status', operator: '=', value: 'rare-value' }] } });
    expect(page.indexes, page.json).toContain('idx_entities_data');
    expect(count.indexes, count.json).toContain('idx_entities_data');
    expect(result.total).toBe(result.entities.length);
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => e.data.status === 'rare-value')).toBe(true);
  });

  it('in: containment of any of the values on idx_entities_data', async () => {
    const { page, result } = await explain({
      query: { rules: [{ property: 'status', operator: 'in', value: ['rare-value', 'other-rare'] }] },
    });
    expect(page.indexes, page.json).toContain('idx_entities_data');
    expect(new Set(result.entities.map((e) => e.data.status))).toEqual(new Set(['rare-value', 'other-rare']));
  });

  // Past INLINE_BUDGET a list compares the extracted value with one hashed array (compile-where.sql.ts).
  // The planner never took idx_entities_data for 1000 documents either (it estimated ~10% of the
  // rows and filtered the keyset scan, 1000 containment tests per row): the plan keeps its B-tree.
  it('in with 1000 values: one jsonb[] parameter over the extracted value, on the keyset B-tree', async () => {
    const values = ['rare-value', 'other-rare', ...Array.from({ length: 998 }, (_, i) => `absent-${i}`)];
    const { page, count, result } = await explain({ query: { rules: [{ property: 'status', operator: 'in', value: values }] } });
    expect(page.indexes, page.json).toContain('idx_entities_list');
    expect(page.json).toContain('= ANY');
    expect(page.json).not.toContain('@>');
    expect(count.json).not.toContain('@>');
    const { rows } = await testPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND blueprint_id = 'service' AND data->>'status' IN ('rare-value', 'other-rare')`,
      [scope.teamId],
    );
    expect(result.total).toBe(rows[0].n);
    expect(new Set(result.entities.map((e) => e.data.status))).toEqual(new Set(['rare-value', 'other-rare']));
  });

  it('a long list answers as containment would: numbers numerically (4.0 = 4), notIn its exact complement', async () => {
    const others = Array.from({ length: 500 }, (_, i) => 1000 + i);
    const { rows } = await testPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND blueprint_id = 'service' AND (data->>'tier')::int = 4`,
      [scope.teamId],
    );
    expect(rows[0].n).toBeGreaterThan(1000);
    expect(rows[0].n).toBeLessThan(10_000);
    const long = await explain({ limit: 1, query: { rules: [{ property: 'tier', operator: 'in', value: [4.0, ...others] }] } });
    expect(long.page.json).not.toContain('@>');
    expect(long.result).toMatchObject({ total: rows[0].n, total_relation: 'eq' });
    expect(long.result.entities[0].data.tier).toBe(4);
    // notIn [1, 2, 3, ...]: exactly the tier-4 entities.
    const notIn = await explain({ limit: 1, query: { rules: [{ property: 'tier', operator: 'notIn', value: [1, 2.0, 3, ...others] }] } });
    expect(notIn.page.json).not.toContain('@>');
    expect(notIn.result).toMatchObject({ total: rows[0].n, total_relation: 'eq' });
  });

  it('containsAny with 1000 values: one jsonb[] parameter over the array elements', async () => {
    const values = ['rare-dep', ...Array.from({ length: 999 }, (_, i) => `absent-${i}`)];
    const { page, result } = await explain({ query: { rules: [{ property: 'dependencies', operator: 'containsAny', value: values }] } });
    expect(page.json).toContain('jsonb_array_elements');
    expect(page.json).not.toContain('@>');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => (e.data.dependencies as string[]).includes('rare-dep'))).toBe(true);
  });

  it('refuses 200 rules of 500 values with a 400 that names maxTotalValues, before any SQL', async () => {
    const rules = Array.from({ length: 200 }, (_, r) => ({
      property: 'status',
      operator: 'in',
      value: Array.from({ length: 500 }, (_, v) => `s-${r}-${v}`),
    }));
    const search = async () =>
      searchEntities(testDb(), ctx, 'service', parseSearchBody({ query: { combinator: 'or', rules } }), { withTotal: true });
    const fault = (await search().then(
      () => null,
      (e: unknown) => e,
    )) as AppError;
    expect(fault).toBeInstanceOf(AppError);
    expect(fault.status).toBe(400);
    expect(fault.details).toMatchObject({ reason: 'query_too_large', limit: 'maxTotalValues', max: 2000, path: 'query.rules[4].value' });
    expect(fault.message).toContain('maxTotalValues');
  });

  it('array contains, containsAny and containsAll: containment on idx_entities_data', async () => {
    for (const rule of [
      { property: 'dependencies', operator: 'contains', value: 'rare-dep' },
      { property: 'dependencies', operator: 'containsAny', value: ['rare-dep', 'no-such-dep'] },
      { property: 'dependencies', operator: 'containsAll', value: ['rare-dep', 'dep-3'] },
    ]) {
      const { page, result } = await explain({ query: { rules: [rule] } });
      expect(page.indexes, `${rule.operator}: ${page.json}`).toContain('idx_entities_data');
      expect(result.entities.length, rule.operator).toBeGreaterThan(0);
      expect(result.entities.every((e) => (e.data.dependencies as string[]).includes('rare-dep'))).toBe(true);
    }
  });

  it('exists on a rare top-level key: key existence on idx_entities_data', async () => {
    const { page, result } = await explain({ query: { rules: [{ property: 'rare_key', operator: 'exists' }] } });
    expect(page.indexes, page.json).toContain('idx_entities_data');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => e.data.rare_key === true)).toBe(true);
  });

  it("contains on $title: the search document's trigram index, rechecked on the title", async () => {
    const { page, count, result } = await explain({ query: { rules: [{ property: '$title', operator: 'contains', value: 'ZANZIBAR' }] } });
    expect(page.indexes, page.json).toContain('idx_entities_search_trgm');
    expect(count.indexes, count.json).toContain('idx_entities_search_trgm');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => e.title?.startsWith('Zanzibar'))).toBe(true);
  });

  it("beginsWith on $identifier: the search document's trigram index, rechecked on the identifier", async () => {
    const { page, result } = await explain({ query: { rules: [{ property: '$identifier', operator: 'beginsWith', value: 'odd-ident' }] } });
    expect(page.indexes, page.json).toContain('idx_entities_search_trgm');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => e.identifier.startsWith('odd-ident'))).toBe(true);
  });

  it('q: one ILIKE on search_document(), served by its trigram index; it finds strings inside data', async () => {
    const { page, result } = await explain({ q: 'Quetzalcoatl' });
    expect(page.indexes, page.json).toContain('idx_entities_search_trgm');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.every((e) => String(e.data.notes).includes('quetzalcoatl'))).toBe(true);
  });

  it('pages newest first from idx_entities_list, the first and a deep one alike', async () => {
    const first = await explain({ limit: 50 });
    expect(first.page.indexes, first.page.json).toContain('idx_entities_list');
    expect(first.page.json).not.toContain('"Sort"');
    // Walk 100 pages of 200 (20,000 rows deep), then EXPLAIN the next one.
    let cursor: string | null = first.result.next_cursor;
    for (let i = 0; i < 100 && cursor; i++) {
      cursor = (await searchEntities(testDb(), ctx, 'service', parseSearchBody({ limit: 200, cursor }), { withTotal: false })).next_cursor;
    }
    expect(cursor).not.toBeNull();
    const deep = await explain({ limit: 50, cursor });
    expect(deep.page.indexes, deep.page.json).toContain('idx_entities_list');
    expect(deep.page.json).not.toContain('"Sort"');
    expect(deep.result.entities).toHaveLength(50);
  });

  it('pages by $updated_at and by $identifier from their keyset B-trees, with no sort step', async () => {
    for (const [sort, index] of [
      [[{ property: '$updated_at', order: 'desc' }], 'idx_entities_list_updated'],
      [[{ property: '$identifier', order: 'asc' }], 'idx_entities_list_identifier'],
      [[{ property: '$identifier', order: 'desc' }], 'idx_entities_list_identifier'],
    ] as const) {
      const first = await explain({ sort, limit: 50 });
      expect(first.page.indexes, first.page.json).toContain(index);
      expect(first.page.json).not.toContain('"Sort"');
      const deep = await explain({ sort, limit: 50, cursor: first.result.next_cursor });
      expect(deep.page.indexes, deep.page.json).toContain(index);
      expect(deep.page.json).not.toContain('"Sort"');
      expect(deep.result.entities).toHaveLength(50);
    }
  });

  it('reports the total exactly up to 10,000, then as "10,000 or more"', async () => {
    const all = await explain({ limit: 1 });
    expect(all.result).toMatchObject({ total: 10_000, total_relation: 'gte' });
    const some = await explain({
      limit: 1,
      query: {
        rules: [
          { property: 'tier', operator: '=', value: 1 },
          { property: 'metadata.region', operator: '=', value: 'region-3' },
        ],
      },
    });
    const { rows } = await testPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND blueprint_id = 'service' AND data->>'tier' = '1' AND data->'metadata'->>'region' = 'region-3'`,
      [scope.teamId],
    );
    expect(some.result).toMatchObject({ total: rows[0].n, total_relation: 'eq' });
    expect(rows[0].n).toBeGreaterThan(100);
  });

  it("answers the planner's estimate when counting outlasts its time limit (here 1 ms over 30,000 rows)", async () => {
    const request = parseSearchBody({ limit: 5, query: { rules: [{ property: 'metadata.cost', operator: '>', value: 900 }] } });
    const result = await searchEntities(testDb(), ctx, 'service', request, { withTotal: true, totalTimeoutMs: 1 });
    expect(result.total_relation).toBe('estimate');
    expect(result.total).toBeGreaterThan(0);
    expect(result.entities).toHaveLength(5); // the page itself is unaffected
    const exact = await searchEntities(testDb(), ctx, 'service', request, { withTotal: true });
    expect(exact.total_relation).toBe('eq');
  });
});
