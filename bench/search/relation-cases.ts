import type { Pool } from 'pg';
import { getEntityGraph, parseGraphParams } from '@/lib/relations/get-entity-graph';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import type { BenchCase } from './bench-cases';

// The relations issue's query families (issue 6, item 5) on the links of generate-relations.ts,
// as HTTP requests and as the service calls the routes make. Goal: relatedTo at 3 hops, p95 under
// 50 ms at the HTTP API. The seeds are chosen so that every walk finds something: svc-3 sits
// near the root of the depends_on tree (many services depend on it through i -> i/2), svc-29999
// is a leaf 14 tree levels under the root (its upstream walk climbs to the shared platform).

export const DOWNSTREAM_SEED = 'svc-3';
export const UPSTREAM_SEED = 'svc-29999';

const team = '/api/v1/teams/bench';

export type RelationCase = BenchCase & {
  walk?: { blueprint: string; identifier: string; direction: 'upstream' | 'downstream'; maxHops: number };
};

function search(name: string, goalMs: number | null, blueprint: string, rule: Record<string, unknown>): RelationCase {
  const body = { query: { combinator: 'and', rules: [rule] }, limit: 50 };
  return {
    name,
    goalMs,
    request: { method: 'POST', path: `${team}/blueprints/${blueprint}/entities/search`, body },
    service: (db, ctx) => searchEntities(db, ctx, blueprint, parseSearchBody(body), { withTotal: true }),
  };
}

function relatedTo(
  name: string,
  goalMs: number | null,
  blueprint: string,
  identifier: string,
  direction: 'upstream' | 'downstream',
  maxHops: number,
): RelationCase {
  const rule = { operator: 'relatedTo', blueprint: 'service', value: identifier, direction, max_hops: maxHops };
  return { ...search(name, goalMs, blueprint, rule), walk: { blueprint: 'service', identifier, direction, maxHops } };
}

function graph(name: string, identifier: string, maxHops: number): RelationCase {
  const query = `direction=both&max_hops=${maxHops}&limit=200`;
  return {
    name,
    goalMs: null,
    request: { method: 'GET', path: `${team}/blueprints/service/entities/${identifier}/graph?${query}` },
    service: (db, ctx) => getEntityGraph(db, ctx, 'service', identifier, parseGraphParams(new URL(`http://bench/?${query}`))),
  };
}

export function relationCases(): RelationCase[] {
  return [
    relatedTo(`relatedTo ${DOWNSTREAM_SEED} downstream, 1 hop`, null, 'service', DOWNSTREAM_SEED, 'downstream', 1),
    relatedTo(`relatedTo ${DOWNSTREAM_SEED} downstream, 3 hops`, 50, 'service', DOWNSTREAM_SEED, 'downstream', 3),
    relatedTo(`relatedTo ${DOWNSTREAM_SEED} downstream, 15 hops`, null, 'service', DOWNSTREAM_SEED, 'downstream', 15),
    relatedTo(`relatedTo ${UPSTREAM_SEED} upstream, 1 hop`, null, 'service', UPSTREAM_SEED, 'upstream', 1),
    relatedTo(`relatedTo ${UPSTREAM_SEED} upstream, 3 hops`, 50, 'service', UPSTREAM_SEED, 'upstream', 3),
    relatedTo(`relatedTo ${UPSTREAM_SEED} upstream, 15 hops`, null, 'service', UPSTREAM_SEED, 'upstream', 15),
    relatedTo(`components relatedTo ${DOWNSTREAM_SEED} downstream, 3 hops`, 50, 'component', DOWNSTREAM_SEED, 'downstream', 3),
    search('rule through a relation (runs_on.metadata.region =)', null, 'service', {
      property: 'runs_on.metadata.region',
      operator: '=',
      value: 'eu-west-1',
    }),
    search('rule through a relation (runs_on.$identifier =)', null, 'service', {
      property: 'runs_on.$identifier',
      operator: '=',
      value: 'svc-7',
    }),
    graph(`graph of ${DOWNSTREAM_SEED}, both, 2 hops, limit 200`, DOWNSTREAM_SEED, 2),
    graph(`graph of ${DOWNSTREAM_SEED}, both, 5 hops, limit 200`, DOWNSTREAM_SEED, 5),
  ];
}

/**
 * How far a relatedTo walk goes, from one recursion over (entity, path length) pairs (what the
 * walk did before it went breadth-first): the longest path length within max_hops, how many
 * pairs that recursion visits, the distinct entities reached in 1..max_hops hops, and the
 * deepest NEAREST level (the last level at which the breadth-first walk still finds new ones).
 */
export type WalkProfile = { levels: number; rows: number; reached: number; nearest: number };

export async function walkProfile(pool: Pool, teamId: string, walk: NonNullable<RelationCase['walk']>): Promise<WalkProfile> {
  const step =
    walk.direction === 'downstream'
      ? 'SELECT r.source_entity_id, w.depth + 1 FROM walk w JOIN entity_relations r ON r.team_id = $1 AND r.target_entity_id = w.id'
      : 'SELECT r.target_entity_id, w.depth + 1 FROM walk w JOIN entity_relations r ON r.team_id = $1 AND r.source_entity_id = w.id';
  const { rows } = await pool.query<WalkProfile>(
    `WITH RECURSIVE walk(id, depth) AS (
       SELECT id, 0 FROM entities WHERE team_id = $1 AND blueprint_id = $2 AND identifier = $3
       UNION
       ${step} WHERE w.depth < $4),
     nearest AS (SELECT id, min(depth) AS depth FROM walk WHERE depth >= 1 GROUP BY id)
     SELECT (SELECT max(depth) FROM walk)::int AS levels, (SELECT count(*) FROM walk)::int AS rows,
            (SELECT count(*) FROM nearest)::int AS reached, (SELECT max(depth) FROM nearest)::int AS nearest`,
    [teamId, walk.blueprint, walk.identifier, walk.maxHops],
  );
  return rows[0];
}
