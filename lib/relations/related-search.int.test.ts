import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { compileFilter, searchEntities } from '@/lib/search/search-entities';
import { pageStatement } from '@/lib/search/search-entities.sql';
import { loadSearchRelations } from '@/lib/search/search-relations';
import { typeSort } from '@/lib/search/type-sort';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { getEntityGraph } from './get-entity-graph';

// relatedTo and rules through a relation against the real database, and the graph endpoint's
// service: a cycle n0 -> n1 -> n2 -> n3 -> n0 with a tail n3 -> n4, walked at every hop limit in
// both directions; another team holding the same identifiers and links never leaks in; the
// recursive step's plan uses the link indexes.

const SCHEMA = { type: 'object', properties: { region: { type: 'string' } } };
let ctx: TeamContext;
let other: TeamContext;

async function build(c: TeamContext) {
  await createBlueprint(testDb(), c, { id: 'cluster', title: 'Cluster', schema: SCHEMA });
  await createBlueprint(testDb(), c, {
    id: 'node',
    title: 'Node',
    schema: SCHEMA,
    relations: { next: { target: 'node' }, runs_on: { target: 'cluster', type: 'many-to-one' } },
  });
  await createEntity(testDb(), c, 'cluster', { identifier: 'c-eu', data: { region: 'eu' } });
  await createEntity(testDb(), c, 'cluster', { identifier: 'c-us', data: { region: 'us' } });
  for (let i = 0; i <= 4; i++)
    await createEntity(testDb(), c, 'node', {
      identifier: `n${i}`,
      data: {},
      relations: i < 2 ? { runs_on: i === 0 ? 'c-eu' : 'c-us' } : {},
    });
  const next: Record<string, string[]> = { n0: ['n1'], n1: ['n2'], n2: ['n3'], n3: ['n0', 'n4'] };
  for (const [source, targets] of Object.entries(next)) {
    const runsOn = source === 'n0' ? { runs_on: 'c-eu' } : source === 'n1' ? { runs_on: 'c-us' } : {};
    await createEntity(testDb(), c, 'node', { identifier: source, data: {}, relations: { next: targets, ...runsOn } }, { upsert: true });
  }
}

async function search(query: unknown, c = ctx) {
  const result = await searchEntities(testDb(), c, 'node', parseSearchBody({ query, limit: 100 }), { withTotal: true });
  return result.entities.map((e) => e.identifier).sort();
}

const relatedTo = (direction: string, hops: number, value: unknown = 'n0') => ({
  rules: [{ operator: 'relatedTo', blueprint: 'node', value, direction, max_hops: hops }],
});

beforeAll(async () => {
  const a = await createTeam(testDb());
  ctx = await teamContextOf(a.owner, a.team.slug);
  const b = await createTeam(testDb());
  other = await teamContextOf(b.owner, b.team.slug);
  await build(ctx);
  await build(other);
  // The other team links n2 -> n4 too: were its links walked, n4 would show up earlier.
  await createEntity(testDb(), other, 'node', { identifier: 'n2', data: {}, relations: { next: ['n3', 'n4'] } }, { upsert: true });
});

describe('relatedTo', () => {
  const upstream = (h: number) =>
    h === 1 ? ['n1'] : h === 2 ? ['n1', 'n2'] : h === 3 ? ['n1', 'n2', 'n3'] : ['n0', 'n1', 'n2', 'n3', 'n4'];
  const downstream = (h: number) =>
    h === 1 ? ['n3'] : h === 2 ? ['n2', 'n3'] : ['n0', 'n1', 'n2', 'n3'].filter((n) => h >= 4 || n !== 'n0');
  for (let hops = 1; hops <= 15; hops++) {
    it(`walks the cycle at max_hops ${hops}, both directions, and never leaves the team`, async () => {
      expect(await search(relatedTo('upstream', hops))).toEqual(upstream(hops));
      expect(await search(relatedTo('downstream', hops))).toEqual(downstream(hops));
    });
  }

  it('takes several seeds, composes with other rules and negates', async () => {
    expect(await search(relatedTo('upstream', 1, ['n0', 'n3']))).toEqual(['n0', 'n1', 'n4']);
    expect(
      await search({
        combinator: 'and',
        rules: [relatedTo('upstream', 4).rules[0], { property: '$identifier', operator: '!=', value: 'n0' }],
      }),
    ).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(await search({ rules: [{ ...relatedTo('upstream', 2).rules[0] }] })).toEqual(['n1', 'n2']);
    expect(await search(relatedTo('downstream', 1, 'missing'))).toEqual([]);
  });

  it('names a blueprint the team does not have: 400', async () => {
    const error = await expectAppError(
      search({ rules: [{ operator: 'relatedTo', blueprint: 'ghost', value: 'n0', direction: 'upstream' }] }),
    );
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('ghost');
  });

  it('the recursive step uses idx_entity_relations_target (downstream) and _source (upstream), at catalog size', async () => {
    // 20,000 entities of another team, each linking to two others, fresh statistics.
    const big = await createTeam(testDb());
    const bigCtx = await teamContextOf(big.owner, big.team.slug);
    await createBlueprint(testDb(), bigCtx, { id: 'node', title: 'Node', schema: SCHEMA, relations: { next: { target: 'node' } } });
    const [{ id: relationId }] = await testDb().$queryRaw<
      Array<{ id: string }>
    >`SELECT id::text FROM blueprint_relations WHERE team_id = ${big.team.id}::uuid`;
    await testPool().query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, data) SELECT $1, 'node', 'b' || i, '{}' FROM generate_series(1, 20000) i`,
      [big.team.id],
    );
    await testPool().query(
      `INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
       SELECT s.team_id, $2, s.id, t.id FROM entities s
         JOIN generate_series(1, 2) k ON true
         JOIN entities t ON t.team_id = s.team_id AND t.identifier = 'b' || ((substr(s.identifier, 2)::int * 7 + k) % 20000 + 1)
        WHERE s.team_id = $1`,
      [big.team.id, relationId],
    );
    await testPool().query('ANALYZE entities');
    await testPool().query('ANALYZE entity_relations');
    for (const [direction, index] of [
      ['downstream', 'idx_entity_relations_target'],
      ['upstream', 'idx_entity_relations_source'],
    ] as const) {
      const request = parseSearchBody({ query: relatedTo(direction, 3, 'b1') });
      const relations = await loadSearchRelations(testDb(), big.team.id, 'node', request.query);
      const statement = pageStatement(
        { teamId: big.team.id, blueprintId: 'node' },
        compileFilter(request, SCHEMA, undefined, relations),
        typeSort([], SCHEMA),
        null,
        50,
      );
      const { rows } = await testPool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values as unknown[]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const recursive = plan.slice(plan.indexOf('Recursive Union'));
      expect(plan, plan).toMatch(/Recursive Union/);
      expect(recursive, plan).toContain(index);
      // Walked, 3 hops out of 2 links each: at most 2 + 4 + 8 entities.
      const found = await searchEntities(testDb(), bigCtx, 'node', request, { withTotal: true });
      expect(found.total).toBeGreaterThan(0);
      expect(found.total).toBeLessThanOrEqual(14);
    }
  });

  it('visits each entity once, at its nearest level, however many path lengths reach it', async () => {
    // A ladder m1 -> m2, m3; m2 -> m3, m4; ...: m<k> is reached in every number of hops from
    // (k-1)/2 to k-1, so a walk over (entity, depth) pairs makes ~60 rows here; one by level, 15.
    const { ladderCtx, teamId } = await ladder();
    const request = parseSearchBody({
      query: { rules: [{ operator: 'relatedTo', blueprint: 'node', value: 'm1', direction: 'upstream', max_hops: 15 }] },
    });
    const found = await searchEntities(testDb(), ladderCtx, 'node', request, { withTotal: true });
    expect(found.entities.map((e) => e.identifier).sort()).toEqual(Array.from({ length: 14 }, (_, i) => `m${i + 2}`).sort());
    const relations = await loadSearchRelations(testDb(), teamId, 'node', request.query);
    const statement = pageStatement(
      { teamId, blueprintId: 'node' },
      compileFilter(request, SCHEMA, undefined, relations),
      typeSort([], SCHEMA),
      null,
      50,
    );
    const { rows } = await testPool().query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${statement.text}`,
      statement.values as unknown[],
    );
    const union = rows.map((r) => r['QUERY PLAN']).find((line) => line.includes('Recursive Union'));
    expect(Number(/actual rows=(\d+)/.exec(union ?? '')?.[1]), union).toBeLessThanOrEqual(16);
  });
});

/** A fresh team with the ladder m1..m15, m<i> -> m<i+1>, m<i+2>. */
async function ladder() {
  const t = await createTeam(testDb());
  const ladderCtx = await teamContextOf(t.owner, t.team.slug);
  await createBlueprint(testDb(), ladderCtx, { id: 'node', title: 'Node', schema: SCHEMA, relations: { next: { target: 'node' } } });
  for (let i = 15; i >= 1; i--) {
    const next = [i + 1, i + 2].filter((j) => j <= 15).map((j) => `m${j}`);
    await createEntity(testDb(), ladderCtx, 'node', { identifier: `m${i}`, data: {}, relations: { next } });
  }
  return { ladderCtx, teamId: t.team.id };
}

describe('rules on a related entity', () => {
  it('runs_on.region and runs_on.$identifier: at least one target matches; negation is NOT of that', async () => {
    expect(await search({ rules: [{ property: 'runs_on.region', operator: '=', value: 'eu' }] })).toEqual(['n0']);
    expect(await search({ rules: [{ property: 'runs_on.$identifier', operator: 'in', value: ['c-eu', 'c-us'] }] })).toEqual(['n0', 'n1']);
    expect(await search({ rules: [{ property: 'runs_on.region', operator: '!=', value: 'eu' }] })).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(await search({ rules: [{ property: 'next.$identifier', operator: '=', value: 'n4' }] })).toEqual(['n3']);
  });

  it('an unknown property of the target is a 400 naming it', async () => {
    const error = await expectAppError(search({ rules: [{ property: 'runs_on.colour', operator: '=', value: 'x' }] }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('colour');
  });
});

describe('the graph around an entity', () => {
  it('upstream, downstream and both, bounded by hops and limit', async () => {
    const ids = async (direction: 'upstream' | 'downstream' | 'both', maxHops: number, limit = 200) => {
      const g = await getEntityGraph(testDb(), ctx, 'node', 'n1', { direction, maxHops, limit });
      const name = new Map(g.nodes.map((n) => [n.id, n.identifier]));
      return {
        nodes: g.nodes.map((n) => n.identifier).sort(),
        edges: g.edges.map((e) => `${name.get(e.source)}-${e.relation}->${name.get(e.target)}`).sort(),
        truncated: g.truncated,
      };
    };
    expect(await ids('upstream', 1)).toEqual({ nodes: ['c-us', 'n1', 'n2'], edges: ['n1-next->n2', 'n1-runs_on->c-us'], truncated: false });
    expect(await ids('downstream', 2)).toEqual({ nodes: ['n0', 'n1', 'n3'], edges: ['n0-next->n1', 'n3-next->n0'], truncated: false });
    const both = await ids('both', 5);
    expect(both.nodes).toEqual(['c-eu', 'c-us', 'n0', 'n1', 'n2', 'n3', 'n4']);
    expect(both.edges).toHaveLength(7);
    // Both ways is the union of the two walks: a sibling that only shares n1's cluster is not in it
    // (an undirected walk would reach it through c-us), though c-us's own dependents are downstream of c-us.
    await createEntity(testDb(), ctx, 'node', { identifier: 'sib', data: {}, relations: { runs_on: 'c-us' } });
    expect((await ids('both', 2)).nodes).toEqual(['c-us', 'n0', 'n1', 'n2', 'n3']);
    const cut = await ids('both', 5, 3);
    expect(cut.nodes).toHaveLength(3);
    expect(cut.nodes).toContain('n1');
    expect(cut.truncated).toBe(true);
  });

  it('puts each entity at its nearest level and stops early only past the limit', async () => {
    const { ladderCtx } = await ladder();
    const g = await getEntityGraph(testDb(), ladderCtx, 'node', 'm1', { direction: 'upstream', maxHops: 5, limit: 200 });
    // m<k> is k-1 links away along the ladder but ceil((k-1)/2) hops by the shortest path.
    expect(g.nodes.map((n) => `${n.identifier}@${n.depth}`)).toEqual(
      expect.arrayContaining(['m1@0', 'm2@1', 'm3@1', 'm4@2', 'm5@2', 'm10@5', 'm11@5']),
    );
    expect(g.nodes).toHaveLength(11);
    expect(g.truncated).toBe(false);
    // Exactly at the limit is not truncated; one past it is.
    expect((await getEntityGraph(testDb(), ladderCtx, 'node', 'm1', { direction: 'upstream', maxHops: 5, limit: 11 })).truncated).toBe(
      false,
    );
    const cut = await getEntityGraph(testDb(), ladderCtx, 'node', 'm1', { direction: 'upstream', maxHops: 5, limit: 3 });
    expect(cut.nodes.map((n) => n.identifier).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(cut.truncated).toBe(true);
  });

  it("is 404 for another team's entity", async () => {
    const third = await createTeam(testDb());
    const thirdCtx = await teamContextOf(third.owner, third.team.slug);
    expect(
      (await expectAppError(getEntityGraph(testDb(), thirdCtx, 'node', 'n1', { direction: 'both', maxHops: 1, limit: 10 }))).code,
    ).toBe('not_found');
    // The other team's graph is its own: n2 links to n4 there.
    const theirs = await getEntityGraph(testDb(), other, 'node', 'n2', { direction: 'upstream', maxHops: 1, limit: 10 });
    expect(theirs.nodes.map((n) => n.identifier).sort()).toEqual(['n2', 'n3', 'n4']);
    const ours = await getEntityGraph(testDb(), ctx, 'node', 'n2', { direction: 'upstream', maxHops: 1, limit: 10 });
    expect(ours.nodes.map((n) => n.identifier).sort()).toEqual(['n2', 'n3']);
  });
});
