import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Prisma } from '@/lib/generated/prisma/client';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, teamContextOf } from '@/lib/test/fixtures';
import { parseSearchBody } from './parse-search-body';
import { insertScorecard } from './scorecard-results.test-support';
import { compileFilter, searchEntities } from './search-entities';
import { countStatement, pageStatement } from './search-entities.sql';
import { loadSearchScorecards, scorecardsNamed } from './search-scorecards';
import { typeSort } from './type-sort';

// "Filtering the catalog by level as fast as by any indexed property" (issue 12), as plans: at
// 30,000 entities with a live result each, a level rule and a rule result are an index scan of
// idx_scorecard_results_level (never a scan of the results table), like `=` on a property is a
// GIN scan of idx_entities_data; the statements EXPLAINed are the ones the service runs.
// The figures at 100k and 1M entities are bench/'s.

const ROWS = 30_000;
const SCHEMA = { type: 'object', properties: { status: { type: 'string' } } };

type PlanNode = {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
};
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

let ctx: TeamContext;
const scope = { teamId: '', blueprintId: 'service' };

async function plan(statement: Prisma.Sql): Promise<{ nodes: PlanNode[]; json: string }> {
  const { rows } = await testPool().query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    statement.values as unknown[],
  );
  const root = rows[0]['QUERY PLAN'][0].Plan;
  return { nodes: nodes(root), json: JSON.stringify(root) };
}

async function explain(body: Record<string, unknown>) {
  const request = parseSearchBody(body);
  const scorecards = await loadSearchScorecards(testDb(), scope.teamId, 'service', scorecardsNamed(request.query, request.sort), ctx);
  const where = compileFilter(request, SCHEMA, undefined, undefined, scorecards);
  const sort = typeSort(request.sort, SCHEMA, scorecards);
  const page = await plan(pageStatement(scope, where, sort, null, request.limit));
  const count = await plan(countStatement(scope, where, 10_000));
  const result = await searchEntities(testDb(), ctx, 'service', request, { withTotal: true });
  return { page, count, result };
}

const scansResultsByIndex = (p: { nodes: PlanNode[] }) =>
  p.nodes.some((n) => n['Index Name'] === 'idx_scorecard_results_level') &&
  !p.nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'scorecard_results');

/** The results are read once for the statement (driving it), never probed once per entity. */
const readsResultsOnce = (p: { nodes: PlanNode[] }) =>
  p.nodes.filter((n) => n['Relation Name'] === 'scorecard_results').every((n) => n['Parent Relationship'] === 'Outer');

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  scope.teamId = team.id;
  await testPool().query(
    `INSERT INTO entities (team_id, blueprint_id, identifier, data)
     SELECT $1, 'service', 'entity-' || i,
            jsonb_build_object('status', CASE WHEN i % 5003 = 0 THEN 'rare-value' ELSE 'status-' || (i % 37) END)
       FROM generate_series(1, ${ROWS}) AS i`,
    [team.id],
  );
  const scorecardId = await insertScorecard(testPool(), {
    teamId: team.id,
    blueprintId: 'service',
    identifier: 'prod',
    levels: ['Basic', 'Bronze', 'Silver', 'Gold'],
    rules: [
      { identifier: 'owner', level: 1 },
      { identifier: 'rare', level: 3 },
    ],
  });
  // Gold (and the rule "rare") for about one entity in 5,000, the rest spread over the others.
  await testPool().query(
    `INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed)
     SELECT e.team_id, $2, 1, e.id, CASE WHEN n % 5003 = 0 THEN 3 ELSE n % 3 END, CASE WHEN n % 5003 = 0 THEN 3 ELSE 1 END
       FROM (SELECT team_id, id, substring(identifier FROM 8)::int AS n FROM entities WHERE team_id = $1) AS e`,
    [team.id, scorecardId],
  );
  // Two more scorecards on the blueprint (the bench's three), so that one scorecard's results are
  // a part of the table, as they are in a real team.
  for (const identifier of ['security', 'cost']) {
    const otherId = await insertScorecard(testPool(), {
      ...scope,
      identifier,
      levels: ['Basic', 'Gold'],
      rules: [{ identifier: 'x', level: 1 }],
    });
    await testPool().query(
      `INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed)
       SELECT team_id, $2, 1, id, 1, 1 FROM entities WHERE team_id = $1`,
      [team.id, otherId],
    );
  }
  await testPool().query('VACUUM ANALYZE entities');
  await testPool().query('VACUUM ANALYZE scorecard_results');
});

describe('scorecard search plans', () => {
  it('a rare property value and a rare level are both index scans', async () => {
    const property = await explain({ query: { rules: [{ property: 'status', operator: '=', value: 'rare-value' }] } });
    expect(property.page.json).toContain('idx_entities_data');
    const level = await explain({ query: { rules: [{ scorecard: 'prod', operator: '=', value: 'Gold' }] } });
    expect(scansResultsByIndex(level.page), level.page.json).toBe(true);
    expect(scansResultsByIndex(level.count), level.count.json).toBe(true);
    expect(level.result.total).toBe(Math.floor(ROWS / 5003));
    expect(level.result.entities.map((e) => e.identifier).sort()).toEqual(property.result.entities.map((e) => e.identifier).sort());
  });

  // A rule's bit is no index key: its results are one scorecard's rows of the index (passed is
  // INCLUDEd) or of the table, whichever the planner prices lower, read once to drive the page.
  it('a rule result and a common level read the results once (never a probe per entity)', async () => {
    const rule = await explain({ query: { rules: [{ scorecard: 'prod', rule: 'rare', operator: '=', value: true }] } });
    expect(readsResultsOnce(rule.page), rule.page.json).toBe(true);
    expect(readsResultsOnce(rule.count), rule.count.json).toBe(true);
    expect(rule.result.total).toBe(Math.floor(ROWS / 5003));
    const common = await explain({ limit: 20, query: { rules: [{ scorecard: 'prod', operator: '!=', value: 'Gold' }] } });
    // Nearly every entity: read once, by the index or the table, as the planner prices it.
    expect(readsResultsOnce(common.count), common.count.json).toBe(true);
    expect(common.result).toMatchObject({ total: 10_000, total_relation: 'gte' });
  });

  it('a level sort reads each row by its primary key, no scan of the results', async () => {
    const sorted = await explain({ limit: 20, sort: [{ property: '$scorecard.prod', order: 'desc' }] });
    const reads = sorted.page.nodes.filter((n) => n['Relation Name'] === 'scorecard_results');
    expect(reads.length, sorted.page.json).toBeGreaterThan(0);
    expect(
      reads.every((n) => n['Node Type']?.startsWith('Index')),
      sorted.page.json,
    ).toBe(true);
    expect(sorted.result.entities.slice(0, 5).every((e) => Number(e.identifier.slice(7)) % 5003 === 0)).toBe(true);
  });
});
